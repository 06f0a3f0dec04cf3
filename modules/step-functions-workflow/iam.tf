locals {
  # One statement per integration, Sid = the key in CamelCase, on exactly its resources.
  integration_sids = { for key in keys(var.integrations) : key => replace(title(replace(key, "/[-_]/", " ")), " ", "") }

  integration_statements = { for key, i in var.integrations : local.integration_sids[key] => (
    i.lambda_function != null ? {
      actions   = ["lambda:InvokeFunction"]
      resources = concat([i.lambda_function.function_arn], [for q in i.lambda_function.qualifiers : "${i.lambda_function.function_arn}:${q}"])
    } :
    i.dynamodb_table != null ? {
      actions   = sort([for a in i.dynamodb_table.actions : "dynamodb:${a}"])
      resources = concat([i.dynamodb_table.table_arn], [for index in i.dynamodb_table.indexes : "${i.dynamodb_table.table_arn}/index/${index}"])
    } :
    i.sns_topic != null ? { actions = ["sns:Publish"], resources = [i.sns_topic.topic_arn] } :
    i.sqs_queue != null ? { actions = ["sqs:SendMessage"], resources = [i.sqs_queue.queue_arn] } :
    i.s3_bucket != null ? {
      actions   = compact([i.s3_bucket.read ? "s3:GetObject" : "", i.s3_bucket.write ? "s3:PutObject" : ""])
      resources = [for prefix in i.s3_bucket.prefixes : "${i.s3_bucket.bucket_arn}/${prefix}*"]
    } :
    i.bedrock_model != null ? {
      actions   = ["bedrock:InvokeModel"]
      resources = concat([i.bedrock_model.model_arn], i.bedrock_model.foundation_model_arns)
    } :
    i.state_machine != null ? {
      actions   = compact(["states:StartExecution", i.state_machine.sync ? "states:DescribeExecution" : "", i.state_machine.sync ? "states:StopExecution" : ""])
      resources = concat([i.state_machine.state_machine_arn], i.state_machine.sync ? ["${replace(i.state_machine.state_machine_arn, ":stateMachine:", ":execution:")}:*"] : [])
    } :
    { actions = ["events:PutEvents"], resources = [i.event_bus.event_bus_arn] }
  ) }

  # A nested .sync execution is watched through a rule Step Functions manages in this account.
  sync_statements = anytrue([for i in values(var.integrations) : try(i.state_machine.sync, false)]) ? {
    NestedExecutionEvents = {
      actions   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      resources = ["arn:${local.partition}:events:${local.region}:${local.account_id}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]
    }
  } : {}

  # The key of each encrypted integration, used through that service only.
  key_services = { dynamodb_table = "dynamodb", sns_topic = "sns", sqs_queue = "sqs", s3_bucket = "s3", event_bus = "events" }
  key_statements = merge([for key, i in var.integrations : {
    for kind, service in local.key_services : "${local.integration_sids[key]}Key" => {
      actions = sort(distinct(concat(
        ["kms:Decrypt"],
        kind == "dynamodb_table" ? [for a in i[kind].actions : "kms:GenerateDataKey" if !contains(["GetItem", "Query", "Scan", "BatchGetItem", "DescribeTable", "ConditionCheckItem"], a)] : [],
        contains(["sns_topic", "sqs_queue", "event_bus"], kind) || (kind == "s3_bucket" && try(i[kind].write, false)) ? ["kms:GenerateDataKey"] : [],
      )))
      resources  = [i[kind].kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["${service}.${local.region}.amazonaws.com"] }]
    } if i[kind] != null && try(i[kind].kms_key_arn, null) != null
  }]...)

  own_statements = merge(
    { for sid, s in local.integration_statements : sid => merge(s, { conditions = [] }) },
    { for sid, s in local.sync_statements : sid => merge(s, { conditions = [] }) },
    local.key_statements,
    # Vended log delivery is configured through these calls, which IAM grants on "*" only.
    local.logging_on ? {
      DeliverLogs = {
        actions = [
          "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
          "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
        ]
        resources  = ["*"]
        conditions = []
      }
    } : {},
    var.tracing_enabled ? {
      WriteTraces = {
        actions    = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        resources  = ["*"]
        conditions = []
      }
    } : {},
    var.kms_key_arn != null ? {
      StateMachineKey = {
        actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
        resources  = [var.kms_key_arn]
        conditions = [{ test = "StringEquals", variable = "kms:EncryptionContext:aws:states:stateMachineArn", values = [local.state_machine_arn] }]
      }
    } : {},
  )

  role_statements = merge(local.own_statements, { for sid, s in var.policy_statements : sid => merge(s, { conditions = [] }) })
}

module "statement_rules" {
  source = "../iam-statement-rules"

  create                = var.create
  name                  = var.name
  input_name            = "policy_statements"
  statements            = var.policy_statements
  module_statement_keys = keys(local.own_statements)
}

# The role is this state machine's alone: Step Functions may assume it for this machine only.
data "aws_iam_policy_document" "assume_role" {
  count = var.create ? 1 : 0

  statement {
    sid     = "StepFunctionsAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.state_machine_arn, "${local.state_machine_arn}:*"] # the machine, its versions and aliases
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name               = "${var.name}-sfn"
  assume_role_policy = data.aws_iam_policy_document.assume_role[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  #checkov:skip=CKV_AWS_111:Resource "*" only in DeliverLogs and WriteTraces, whose logs delivery and X-Ray actions IAM grants on "*" alone; every integration statement names its resources.
  #checkov:skip=CKV_AWS_356:As above: "*" only for the log delivery and X-Ray actions that take no resource.
  count = var.create ? 1 : 0

  dynamic "statement" {
    for_each = local.role_statements
    content {
      sid       = statement.key
      effect    = try(statement.value.effect, "Allow")
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

# An inline policy of this role only: no exclusive attachment that would fight others.
resource "aws_iam_role_policy" "this" {
  count = var.create ? 1 : 0

  name   = "${var.name}-sfn"
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.this[0].json

  depends_on = [module.statement_rules]
}
