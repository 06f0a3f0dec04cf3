locals {
  triggers = var.create ? var.triggers : {}

  trigger_rule_names = { for key, t in local.triggers : key => "${var.name}-${key}" }
  trigger_rule_arns = {
    for key, t in local.triggers : key => "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${t.event_bus_name == "default" ? "" : "${t.event_bus_name}/"}${local.trigger_rule_names[key]}"
  }

  create_triggers_dlq   = length(local.triggers) > 0 && var.triggers_dead_letter_queue_arn == null
  triggers_dlq_name     = "${var.name}-triggers-dlq"
  triggers_dlq_arn      = local.create_triggers_dlq ? "arn:${local.partition}:sqs:${local.region}:${local.account_id}:${local.triggers_dlq_name}" : var.triggers_dead_letter_queue_arn
  triggers_dlq_resource = local.create_triggers_dlq ? aws_sqs_queue.triggers_dead_letter[0].arn : var.triggers_dead_letter_queue_arn
}

resource "aws_cloudwatch_event_rule" "trigger" {
  for_each = local.triggers

  name                = local.trigger_rule_names[each.key]
  description         = coalesce(each.value.description, "Starts ${var.name} executions")
  event_bus_name      = each.value.event_bus_name
  event_pattern       = each.value.event_pattern
  schedule_expression = each.value.schedule_expression
  state               = each.value.enabled ? "ENABLED" : "DISABLED"
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "trigger" {
  for_each = local.triggers

  rule           = aws_cloudwatch_event_rule.trigger[each.key].name
  event_bus_name = each.value.event_bus_name
  target_id      = "start-execution"
  arn            = aws_sfn_state_machine.this[0].arn
  role_arn       = aws_iam_role.triggers[0].arn
  input          = each.value.input
  input_path     = each.value.input_path

  dynamic "input_transformer" {
    for_each = each.value.input_transformer != null ? [each.value.input_transformer] : []
    content {
      input_paths    = input_transformer.value.input_paths
      input_template = input_transformer.value.input_template
    }
  }

  retry_policy {
    maximum_event_age_in_seconds = each.value.retry.maximum_event_age_in_seconds
    maximum_retry_attempts       = each.value.retry.maximum_retry_attempts
  }

  dead_letter_config {
    arn = local.triggers_dlq_resource
  }

  # EventBridge checks the role when the target is put: its policy must exist by then.
  depends_on = [aws_iam_role_policy.triggers]
}

# EventBridge may assume this role for these rules only, and start this state machine only.
data "aws_iam_policy_document" "triggers_assume_role" {
  count = length(local.triggers) > 0 ? 1 : 0

  statement {
    sid     = "EventBridgeAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = values(local.trigger_rule_arns)
    }
  }
}

resource "aws_iam_role" "triggers" {
  count = length(local.triggers) > 0 ? 1 : 0

  name               = "${var.name}-sfn-triggers"
  assume_role_policy = data.aws_iam_policy_document.triggers_assume_role[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "triggers" {
  count = length(local.triggers) > 0 ? 1 : 0

  statement {
    sid       = "StartExecution"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }
}

resource "aws_iam_role_policy" "triggers" {
  count = length(local.triggers) > 0 ? 1 : 0

  name   = "${var.name}-sfn-triggers"
  role   = aws_iam_role.triggers[0].id
  policy = data.aws_iam_policy_document.triggers[0].json
}

resource "aws_sqs_queue" "triggers_dead_letter" {
  #checkov:skip=CKV_ASM_4:This is the triggers' DLQ: EventBridge writes events it could not deliver here directly; it is the end of the line (kept 14 days to inspect and replay), and denyAll keeps any queue from redriving into it.
  count = local.create_triggers_dlq ? 1 : 0

  name                      = local.triggers_dlq_name
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to inspect and replay
  sqs_managed_sse_enabled   = true
  redrive_allow_policy      = jsonencode({ redrivePermission = "denyAll" })
  tags                      = var.tags
}

# Without this policy EventBridge cannot write to the queue and failed starts vanish.
data "aws_iam_policy_document" "triggers_dead_letter" {
  count = local.create_triggers_dlq ? 1 : 0

  statement {
    sid       = "TriggerRulesSendMessage"
    actions   = ["sqs:SendMessage"]
    resources = [local.triggers_dlq_arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = values(local.trigger_rule_arns)
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"] # a Deny: every action, for every caller, without TLS
    resources = [local.triggers_dlq_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "triggers_dead_letter" {
  count = local.create_triggers_dlq ? 1 : 0

  queue_url = aws_sqs_queue.triggers_dead_letter[0].id
  policy    = data.aws_iam_policy_document.triggers_dead_letter[0].json
}
