# Two queues with the defaults, one FIFO with a customer managed key, and a sender admitted
# to its queue only and another to the dead-letter queue too.
module "queue_with_dead_letter" {
  source = "../../../modules/queue-with-dead-letter"

  queues = {
    jobs = { name = "qdl-jobs" }
    ledger = {
      name              = "qdl-ledger.fifo"
      fifo_queue        = true
      max_receive_count = 3
      kms_key_id        = "arn:aws:kms:eu-west-1:${local.account}:key/0b6e9f7a-1d2c-4e5f-8a9b-0c1d2e3f4a5b"
    }
    uploads = {
      name                       = "qdl-uploads"
      dead_letter_name           = "qdl-uploads-failed"
      visibility_timeout_seconds = 360
      senders = {
        S3Sends    = { service = "s3.amazonaws.com", source_arns = ["arn:aws:s3:::qdl-bucket"], source_account = local.account }
        TopicSends = { service = "sns.amazonaws.com", source_arns = ["arn:aws:sns:eu-west-1:${local.account}:qdl"], to_dead_letter = true }
      }
    }
  }
  tags = { owner = "platform" }
}
