# Each subscriber's queue and dead-letter queue (modules/queue-with-dead-letter): SNS may
# send to both, only from this topic. Without that policy the queue silently receives
# nothing: the most common mistake with this pattern. The DLQ gets the same, so SNS can put
# there what it could not deliver to the queue.
module "queues" {
  source = "../queue-with-dead-letter"

  queues = {
    for key, s in local.subscribers : key => {
      name                          = local.queue_names[key]
      dead_letter_name              = local.dlq_names[key]
      fifo_queue                    = var.fifo # a mismatch is refused by the subscription's precondition, by name
      visibility_timeout_seconds    = s.visibility_timeout_seconds
      message_retention_seconds     = s.message_retention_seconds
      receive_wait_time_seconds     = s.receive_wait_time_seconds
      max_receive_count             = s.max_receive_count
      dead_letter_retention_seconds = s.dlq_message_retention_seconds
      kms_key_id                    = var.queue_kms_key_id
      senders = {
        TopicSendMessage = { service = "sns.amazonaws.com", source_arns = [local.topic_arn], to_dead_letter = true }
      }
    }
  }
  tags = var.tags
}

# Written out here until 0.1.0; the state moves into the internal module with no replacement.
moved {
  from = aws_sqs_queue.this
  to   = module.queues.aws_sqs_queue.this
}
moved {
  from = aws_sqs_queue.dead_letter
  to   = module.queues.aws_sqs_queue.dead_letter
}
moved {
  from = aws_sqs_queue_policy.this
  to   = module.queues.aws_sqs_queue_policy.this
}
moved {
  from = aws_sqs_queue_policy.dead_letter
  to   = module.queues.aws_sqs_queue_policy.dead_letter
}
