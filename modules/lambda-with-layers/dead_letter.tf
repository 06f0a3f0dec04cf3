resource "aws_sqs_queue" "async_dead_letter" {
  #checkov:skip=CKV_ASM_4:This is the function's asynchronous-invocation DLQ: Lambda writes to it directly; it is the end of the line for failed events (kept 14 days to inspect and replay), and denyAll keeps any queue from redriving into it.
  count = var.create && var.create_dead_letter_queue && var.dead_letter_target_arn == null ? 1 : 0

  name                      = "${var.name}-dlq"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to inspect and redrive
  sqs_managed_sse_enabled   = var.dead_letter_queue_kms_key_arn == null ? true : null
  kms_master_key_id         = var.dead_letter_queue_kms_key_arn
  # Lambda writes here directly; no queue may redrive into it.
  redrive_allow_policy = jsonencode({ redrivePermission = "denyAll" })
  tags                 = var.tags
}

# Named for what it is, so that checkov's plan enrichment finds this resource's skip
# (it matched another module's `dead_letter` queue); state moves on its own.
moved {
  from = aws_sqs_queue.dead_letter
  to   = aws_sqs_queue.async_dead_letter
}
