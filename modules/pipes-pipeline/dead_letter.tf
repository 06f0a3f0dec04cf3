resource "aws_sqs_queue" "dead_letter" {
  count = local.create_dlq ? 1 : 0

  name                      = "${var.name}-pipe-dlq"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to inspect and replay
  sqs_managed_sse_enabled   = true
  # The pipe writes here directly; no queue may redrive into it.
  redrive_allow_policy = jsonencode({ redrivePermission = "denyAll" })
  tags                 = var.tags
}
