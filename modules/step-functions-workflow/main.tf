data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  # Built from the name, so the role, the triggers' role and the callback policy are known
  # at plan time and none of them waits for the state machine.
  state_machine_arn    = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${var.name}"
  execution_arn_prefix = "arn:${local.partition}:states:${local.region}:${local.account_id}:${var.type == "EXPRESS" ? "express" : "execution"}:${var.name}"
  log_group            = "/aws/vendedlogs/states/${var.name}"
  logging_on           = var.logging.level != "OFF"
}

resource "aws_sfn_state_machine" "this" {
  #checkov:skip=CKV_AWS_285:Execution logging is on (level ERROR by default, CKV_ASM_16); execution data stays out of the logs unless logging.include_execution_data asks for it, because workflow inputs such as claims carry personal data that log readers should not see.
  count = var.create ? 1 : 0

  name       = var.name
  type       = var.type
  definition = var.definition
  role_arn   = aws_iam_role.this[0].arn
  publish    = var.publish

  logging_configuration {
    level                  = var.logging.level
    include_execution_data = local.logging_on && var.logging.include_execution_data
    log_destination        = local.logging_on ? "${aws_cloudwatch_log_group.this[0].arn}:*" : null
  }

  tracing_configuration {
    enabled = var.tracing_enabled
  }

  encryption_configuration {
    type                              = var.kms_key_arn != null ? "CUSTOMER_MANAGED_KMS_KEY" : "AWS_OWNED_KEY"
    kms_key_id                        = var.kms_key_arn
    kms_data_key_reuse_period_seconds = var.kms_key_arn != null ? var.kms_data_key_reuse_period_seconds : null
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = length(local.unknown_targets) == 0
      error_message = "${var.name}: definition: ${join("; ", local.unknown_targets)}. StartAt, Next, Default, Choices[].Next and Catch[].Next must name a state of the same States."
    }
    precondition {
      condition     = length(local.unbounded_callbacks) == 0
      error_message = "${var.name}: definition: ${join(", ", [for id in local.unbounded_callbacks : "state \"${id}\""])} waits for a task token without TimeoutSeconds or HeartbeatSeconds: it would wait up to a year. Give it a TimeoutSeconds (and a Catch on States.Timeout)."
    }
    precondition {
      condition     = var.type != "EXPRESS" || length(local.standard_only_tasks) == 0
      error_message = "${var.name}: definition: ${join(", ", [for id in local.standard_only_tasks : "state \"${id}\" (${local.tasks[id].resource})"])}: .sync and .waitForTaskToken run only in STANDARD state machines; this one is EXPRESS."
    }
    precondition {
      condition     = length(local.uncovered_tasks) == 0
      error_message = "${var.name}: definition: ${join("; ", [for id, why in local.uncovered_tasks : "state \"${id}\" calls ${local.tasks[id].resource} ${why}"])}. Declare it in integrations (or policy_statements for other aws-sdk calls) so the role may make the call."
    }
  }

  # The role's policy must be in place before the first execution can start.
  depends_on = [aws_iam_role_policy.this]
}
