resource "aws_sqs_queue" "pipe_dead_letter" {
  #checkov:skip=CKV_ASM_4:This is the pipe's DLQ: EventBridge Pipes writes to it directly; it is the end of the line for failed events (kept 14 days to inspect and replay), and denyAll keeps any queue from redriving into it.
  count = local.create_dlq ? 1 : 0

  name                      = "${var.name}-pipe-dlq"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to inspect and replay
  sqs_managed_sse_enabled   = true
  # The pipe writes here directly; no queue may redrive into it.
  redrive_allow_policy = jsonencode({ redrivePermission = "denyAll" })
  tags                 = var.tags
}

# Named for what it is, so that checkov's plan enrichment finds this resource's skip
# (it matched another module's `dead_letter` queue); state moves on its own.
moved {
  from = aws_sqs_queue.dead_letter
  to   = aws_sqs_queue.pipe_dead_letter
}
