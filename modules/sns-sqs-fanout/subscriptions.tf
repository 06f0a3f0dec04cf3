resource "aws_sns_topic_subscription" "this" {
  for_each = local.subscribers

  topic_arn            = aws_sns_topic.this[0].arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this[each.key].arn
  raw_message_delivery = each.value.raw_message_delivery
  filter_policy        = each.value.filter_policy
  filter_policy_scope  = each.value.filter_policy != null ? each.value.filter_policy_scope : null
  redrive_policy       = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn })

  # Deliveries start when the subscription exists: the queue must accept them by then.
  depends_on = [aws_sqs_queue_policy.this, aws_sqs_queue_policy.dead_letter]
}
