# A queue and its dead-letter queue, as every example and module here writes one: encrypted,
# redriven after max_receive_count receives, a DLQ only its queue may redrive into, and a
# policy on each that admits the named senders and denies every request without TLS.
# Internal: modules and examples call it (tools/release/package.py INTERNAL_MODULES).
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  arn_prefix = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
  dead_letter_names = {
    for key, q in var.queues : key => coalesce(q.dead_letter_name, q.fifo_queue ? "${trimsuffix(q.name, ".fifo")}-dlq.fifo" : "${q.name}-dlq")
  }
  # Built from the names, so the redrive settings and the policies are known at plan time.
  queue_arns       = { for key, q in var.queues : key => "${local.arn_prefix}:${q.name}" }
  dead_letter_arns = { for key, name in local.dead_letter_names : key => "${local.arn_prefix}:${name}" }
}

resource "aws_sqs_queue" "dead_letter" {
  for_each = var.queues

  name                      = local.dead_letter_names[each.key]
  fifo_queue                = each.value.fifo_queue
  message_retention_seconds = each.value.dead_letter_retention_seconds
  sqs_managed_sse_enabled   = each.value.kms_key_id == null ? true : null
  kms_master_key_id         = each.value.kms_key_id
  # Only its own queue may move messages here.
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.queue_arns[each.key]]
  })
  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = each.value.name
  fifo_queue                 = each.value.fifo_queue
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = each.value.message_retention_seconds
  receive_wait_time_seconds  = each.value.receive_wait_time_seconds
  sqs_managed_sse_enabled    = each.value.kms_key_id == null ? true : null
  kms_master_key_id          = each.value.kms_key_id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  })
  tags = var.tags
}
