locals {
  source_statements = local.stream != null ? {
    ReadStream = {
      actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
      resources = [local.stream.stream_arn]
    }
    # Pipes lists the table's streams too (Pipes User Guide, DynamoDB stream source
    # permissions); IAM grants ListStreams on "*" only.
    ListStreams = {
      actions   = ["dynamodb:ListStreams"]
      resources = ["*"]
    }
    } : {
    ReadQueue = {
      actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
      resources = [local.queue.queue_arn]
    }
  }

  target_actions = {
    lambda = ["lambda:InvokeFunction"]
    sqs    = ["sqs:SendMessage"]
    sns    = ["sns:Publish"]
    # A standard workflow is started (FIRE_AND_FORGET); an express one run synchronously.
    states = [coalesce(var.target.invocation_type, "FIRE_AND_FORGET") == "REQUEST_RESPONSE" ? "states:StartSyncExecution" : "states:StartExecution"]
    events = ["events:PutEvents"]
  }

  role_statements = merge(
    local.source_statements,
    try(var.enrichment.lambda_function_arn, null) != null ? {
      InvokeEnrichment = { actions = ["lambda:InvokeFunction"], resources = [var.enrichment.lambda_function_arn] }
    } : {},
    try(var.enrichment.api_destination_arn, null) != null ? {
      InvokeEnrichment = { actions = ["events:InvokeApiDestination"], resources = [var.enrichment.api_destination_arn] }
    } : {},
    { DeliverToTarget = { actions = local.target_actions[local.target_kind], resources = [var.target.arn] } },
    local.has_dlq ? { DeadLetter = { actions = ["sqs:SendMessage"], resources = [local.dead_letter_queue_arn] } } : {},
    var.logging.level != "OFF" ? {
      WriteLogs = { actions = ["logs:CreateLogStream", "logs:PutLogEvents"], resources = ["${local.log_group_arn}:*"] }
    } : {},
    var.kms_key_arn != null ? {
      PipeKey = { actions = ["kms:Decrypt", "kms:GenerateDataKey"], resources = [var.kms_key_arn] }
    } : {},
    # Keys of the queues and topics the role reads and writes: without them each call fails on AWS.
    try(local.queue.kms_key_arn, null) != null ? {
      SourceQueueKey = { actions = ["kms:Decrypt"], resources = [local.queue.kms_key_arn] }
    } : {},
    local.has_dlq && try(local.stream.dead_letter_queue_kms_key_arn, null) != null ? {
      DeadLetterKey = { actions = ["kms:Decrypt", "kms:GenerateDataKey"], resources = [local.stream.dead_letter_queue_kms_key_arn] }
    } : {},
    try(var.target.kms_key_arn, null) != null ? {
      TargetKey = { actions = ["kms:Decrypt", "kms:GenerateDataKey"], resources = [var.target.kms_key_arn] }
    } : {},
  )
}

# The role is the pipe's alone: Pipes may assume it only for this pipe in this account.
data "aws_iam_policy_document" "assume_role" {
  count = var.create ? 1 : 0

  statement {
    sid     = "PipesAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["pipes.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.pipe_arn]
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name               = "${var.name}-pipe"
  assume_role_policy = data.aws_iam_policy_document.assume_role[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  count = var.create ? 1 : 0

  dynamic "statement" {
    for_each = local.role_statements
    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "this" {
  count = var.create ? 1 : 0

  name   = "${var.name}-pipe"
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.this[0].json
}
