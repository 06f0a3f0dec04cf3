resource "aws_sns_topic_subscription" "this" {
  for_each = local.subscribers

  topic_arn = aws_sns_topic.this[0].arn
  protocol  = "sqs"
  # Built from the queue's name so it is known at plan: the consumer's mapping reads it
  # here, after this subscription's checks (below), not before them.
  endpoint             = "arn:${local.partition}:sqs:${local.region}:${local.account_id}:${module.queues.queues[each.key].name}"
  raw_message_delivery = each.value.raw_message_delivery
  filter_policy        = each.value.filter_policy
  filter_policy_scope  = each.value.filter_policy != null ? each.value.filter_policy_scope : null
  redrive_policy       = jsonencode({ deadLetterTargetArn = module.queues.dead_letter_queues[each.key].arn })

  # Deliveries start when the subscription exists: the queue must accept them by then.
  depends_on = [module.queues]

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
