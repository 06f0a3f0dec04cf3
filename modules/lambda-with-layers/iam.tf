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
    kinesis  = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard"]
  }

  # Statement ids from mapping keys: orders_queue -> OrdersQueue.
  sid_suffix = { for key in keys(var.event_source_mappings) : key => replace(title(replace(key, "/[^A-Za-z0-9]+/", " ")), " ", "") }

  async_destinations = {
    for kind, arn in {
      AsyncOnSuccess = try(var.async_invocation.on_success_destination_arn, null)
      AsyncOnFailure = try(var.async_invocation.on_failure_destination_arn, null)
    } : kind => arn if arn != null
  }

  # One statement per concern, keyed by Sid. No statement uses a wildcard action.
  role_statements = merge(
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
    local.has_dead_letter_target ? {
      DeadLetter = {
        effect     = "Allow"
        actions    = var.dead_letter_target_arn == null ? ["sqs:SendMessage"] : local.send_actions[split(":", var.dead_letter_target_arn)[2]]
        resources  = [local.dead_letter_target_arn]
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
        resources  = [mapping.event_source_arn]
        conditions = []
      }
    },
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
    var.policy_statements,
  )
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
}

# ENI management for a function in a VPC. AWS's managed policy is the documented
# minimum (create/describe/delete network interfaces, assign/unassign IPs).
resource "aws_iam_role_policy_attachment" "vpc_access" {
  count = var.create && var.create_role && local.in_vpc ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
