locals {
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${var.name}"

  # The one action each kind of destination needs, by the service in its ARN.
  send_actions = {
    sqs    = ["sqs:SendMessage"]
    sns    = ["sns:Publish"]
    lambda = ["lambda:InvokeFunction"]
    events = ["events:PutEvents"]
    s3     = ["s3:PutObject"]
  }

  # What Lambda's poller needs on each kind of event source.
  source_read_actions = {
    sqs      = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
    dynamodb = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
    kinesis  = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"]
  }

  # Stream reads are granted on the stream; an enhanced fan-out consumer's ARN
  # (<stream>/consumer/<name>:<time>) is the only resource SubscribeToShard takes.
  source_stream_arn = { for key, m in var.event_source_mappings : key => split("/consumer/", m.event_source_arn)[0] }
  kinesis_consumers = { for key, m in var.event_source_mappings : key => m.event_source_arn if strcontains(m.event_source_arn, "/consumer/") }
  # Lambda lists a table's streams before reading one; IAM grants ListStreams on "*" only.
  reads_dynamodb_stream = anytrue([for m in values(var.event_source_mappings) : split(":", m.event_source_arn)[2] == "dynamodb"])

  # S3 failure destinations: PutObject on the objects and ListBucket on the bucket
  # (Lambda Developer Guide, "Adding a destination": both, or delivery fails).
  s3_destinations = toset(concat(
    [for arn in values(local.async_destinations) : arn if split(":", arn)[2] == "s3"],
    [for m in values(var.event_source_mappings) : m.on_failure_destination_arn if try(split(":", m.on_failure_destination_arn)[2] == "s3", false)],
  ))

  # Statement ids from mapping keys: orders_queue -> OrdersQueue.
  sid_suffix = { for key in keys(var.event_source_mappings) : key => replace(title(replace(key, "/[^A-Za-z0-9]+/", " ")), " ", "") }

  async_destinations = {
    for kind, arn in {
      AsyncOnSuccess = try(var.async_invocation.on_success_destination_arn, null)
      AsyncOnFailure = try(var.async_invocation.on_failure_destination_arn, null)
    } : kind => arn if arn != null
  }

  # One statement per concern, keyed by Sid. No statement uses a wildcard action.
  module_statements = merge(
    {
      Logs = {
        effect     = "Allow"
        actions    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        resources  = ["${local.log_group_arn}:*"]
        conditions = []
      }
    },
    var.tracing_mode == "Active" ? {
      XRay = {
        effect     = "Allow"
        actions    = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        resources  = ["*"] # X-Ray's write APIs have no resource-level permissions
        conditions = []
      }
    } : {},
    local.in_vpc ? {
      # What Lambda needs to place the function in the VPC, and nothing else (AWS's
      # AWSLambdaVPCAccessExecutionRole also grants logs actions on every log group).
      # The describe actions take no resource; Lambda picks the interfaces it creates.
      NetworkInterfaces = {
        effect = "Allow"
        actions = [
          "ec2:AssignPrivateIpAddresses",
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:UnassignPrivateIpAddresses",
        ]
        resources  = ["*"]
        conditions = []
      }
    } : {},
    local.has_dead_letter_target ? {
      DeadLetter = {
        effect     = "Allow"
        actions    = var.dead_letter_target_arn == null ? ["sqs:SendMessage"] : local.send_actions[split(":", var.dead_letter_target_arn)[2]]
        resources  = [local.dead_letter_target_arn]
        conditions = []
      }
    } : {},
    local.has_dead_letter_target && var.dead_letter_target_arn == null && var.dead_letter_queue_kms_key_arn != null ? {
      # Sending to a queue under a customer key needs the key too, or every DLQ write fails.
      DeadLetterKey = {
        effect     = "Allow"
        actions    = ["kms:Decrypt", "kms:GenerateDataKey"]
        resources  = [var.dead_letter_queue_kms_key_arn]
        conditions = []
      }
    } : {},
    var.kms_key_arn != null ? {
      EnvironmentKey = {
        effect     = "Allow"
        actions    = ["kms:Decrypt"]
        resources  = [var.kms_key_arn]
        conditions = []
      }
    } : {},
    {
      for kind, arn in local.async_destinations : kind => {
        effect     = "Allow"
        actions    = local.send_actions[split(":", arn)[2]]
        resources  = [split(":", arn)[2] == "s3" ? "${arn}/*" : arn]
        conditions = []
      }
    },
    {
      for key, mapping in var.event_source_mappings : "EventSource${local.sid_suffix[key]}" => {
        effect     = "Allow"
        actions    = local.source_read_actions[split(":", mapping.event_source_arn)[2]]
        resources  = [local.source_stream_arn[key]]
        conditions = []
      }
    },
    {
      for key, arn in local.kinesis_consumers : "EventSourceConsumer${local.sid_suffix[key]}" => {
        effect     = "Allow"
        actions    = ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]
        resources  = [arn]
        conditions = []
      }
    },
    local.reads_dynamodb_stream ? {
      EventSourceListStreams = {
        effect     = "Allow"
        actions    = ["dynamodb:ListStreams"]
        resources  = ["*"]
        conditions = []
      }
    } : {},
    length(local.s3_destinations) > 0 ? {
      FailureBucketList = {
        effect     = "Allow"
        actions    = ["s3:ListBucket"]
        resources  = sort(local.s3_destinations)
        conditions = []
      }
    } : {},
    {
      for key, mapping in var.event_source_mappings : "EventSourceFailure${local.sid_suffix[key]}" => {
        effect     = "Allow"
        actions    = local.send_actions[split(":", mapping.on_failure_destination_arn)[2]]
        resources  = [split(":", mapping.on_failure_destination_arn)[2] == "s3" ? "${mapping.on_failure_destination_arn}/*" : mapping.on_failure_destination_arn]
        conditions = []
      } if mapping.on_failure_destination_arn != null
    },
    {
      for key, mapping in var.event_source_mappings : "EventSourceKey${local.sid_suffix[key]}" => {
        effect     = "Allow"
        actions    = ["kms:Decrypt"]
        resources  = [mapping.source_kms_key_arn]
        conditions = []
      } if mapping.source_kms_key_arn != null
    },
  )
  role_statements = merge(local.module_statements, var.policy_statements)
}

# The library's rules for caller statements: no wildcard actions, "*" resources only
# for actions that take none, no caller key replacing one of the statements above.
module "policy_statement_rules" {
  source = "../iam-statement-rules"

  create                = var.create && var.create_role
  name                  = var.name
  input_name            = "policy_statements"
  statements            = var.policy_statements
  module_statement_keys = keys(local.module_statements)
}

data "aws_iam_policy_document" "assume_role" {
  count = var.create && var.create_role ? 1 : 0

  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create && var.create_role ? 1 : 0

  name                 = coalesce(var.role_name, var.name)
  path                 = var.role_path
  assume_role_policy   = data.aws_iam_policy_document.assume_role[0].json
  permissions_boundary = var.role_permissions_boundary
  tags                 = var.tags
}

data "aws_iam_policy_document" "this" {
  count = var.create && var.create_role ? 1 : 0

  dynamic "statement" {
    for_each = local.role_statements
    content {
      sid       = statement.key
      effect    = statement.value.effect
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

resource "aws_iam_role_policy" "this" {
  count = var.create && var.create_role ? 1 : 0

  name   = "${var.name}-execution"
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.this[0].json

  # Where a rule can only be judged at apply (a resource ARN not known at plan), it is
  # judged before the policy is written.
  depends_on = [module.policy_statement_rules]
}
