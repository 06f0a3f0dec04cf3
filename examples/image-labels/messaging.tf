# S3 notifications wait here for the labeler, in batches; what keeps failing ends in the DLQ
# (kept 14 days to inspect and redrive). SSE-SQS: S3 can send to it, not to an aws/sqs one.
module "uploads" {
  source = "../../modules/queue-with-dead-letter"

  queues = {
    uploads = {
      name                       = local.queue_name
      visibility_timeout_seconds = 360 # six times the function's timeout, as Lambda advises
      senders = {
        S3SendsThisBucketsEvents = { service = "s3.amazonaws.com", source_arns = [local.bucket_arn], source_account = local.account }
      }
    }
  }
}
