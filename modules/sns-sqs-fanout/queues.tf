resource "aws_sqs_queue" "dead_letter" {
  for_each = local.subscribers

  name                      = local.dlq_names[each.key]
  fifo_queue                = var.fifo
  message_retention_seconds = each.value.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = var.queue_kms_key_id == null ? true : null
  kms_master_key_id         = var.queue_kms_key_id
  # Only this subscriber's queue may move messages here.
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.queue_arns[each.key]]
  })
  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  for_each = local.subscribers

  name                       = local.queue_names[each.key]
  fifo_queue                 = coalesce(each.value.fifo_queue, var.fifo)
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = each.value.message_retention_seconds
  receive_wait_time_seconds  = each.value.receive_wait_time_seconds
  sqs_managed_sse_enabled    = var.queue_kms_key_id == null ? true : null
  kms_master_key_id          = var.queue_kms_key_id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  })
  tags = var.tags

  lifecycle {
    precondition {
      condition     = coalesce(each.value.fifo_queue, var.fifo) == var.fifo
      error_message = var.fifo ? "${var.name}/${each.key}: a FIFO topic delivers only to FIFO queues; drop fifo_queue = false." : "${var.name}/${each.key}: a standard topic cannot deliver to a FIFO queue; set fifo = true on the module or drop fifo_queue."
    }
    precondition {
      condition     = !var.fifo || try(each.value.consumer.batch_size, 10) <= 10
      error_message = "${var.name}/${each.key}: a FIFO queue hands Lambda batches of at most 10 messages; lower consumer.batch_size."
    }
  }
}

# Without this policy SNS cannot deliver and the queue silently receives nothing:
# the most common mistake with this pattern. Only this topic may send. The DLQ
# gets the same, so SNS can put there what it could not deliver to the queue.
locals {
  sns_target_arns = merge(
    { for key, arn in local.queue_arns : "${key}/queue" => arn },
    { for key, arn in local.dlq_arns : "${key}/dead-letter" => arn },
  )
}

data "aws_iam_policy_document" "queue" {
  for_each = local.sns_target_arns

  statement {
    sid       = "TopicSendMessage"
    actions   = ["sqs:SendMessage"]
    resources = [each.value]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.topic_arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"] # a Deny: every action, for every caller, without TLS
    resources = [each.value]

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

resource "aws_sqs_queue_policy" "this" {
  for_each = local.subscribers

  queue_url = aws_sqs_queue.this[each.key].id
  policy    = data.aws_iam_policy_document.queue["${each.key}/queue"].json
}

resource "aws_sqs_queue_policy" "dead_letter" {
  for_each = local.subscribers

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  policy    = data.aws_iam_policy_document.queue["${each.key}/dead-letter"].json
}
