resource "aws_sqs_queue" "dead_letter" {
  count = var.create && var.create_dead_letter_queue && var.dead_letter_target_arn == null ? 1 : 0

  name                      = "${var.name}-dlq"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to inspect and redrive
  sqs_managed_sse_enabled   = var.dead_letter_queue_kms_key_arn == null ? true : null
  kms_master_key_id         = var.dead_letter_queue_kms_key_arn
  # Lambda writes here directly; no queue may redrive into it.
  redrive_allow_policy = jsonencode({ redrivePermission = "denyAll" })
  tags                 = var.tags
}
