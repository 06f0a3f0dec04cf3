module "consumer" {
  source   = "../lambda-with-layers"
  for_each = { for key, s in local.subscribers : key => s if s.consumer != null }

  name                           = "${var.name}-${each.key}"
  description                    = "Consumes ${local.queue_names[each.key]}"
  handler                        = each.value.consumer.handler
  runtime                        = each.value.consumer.runtime
  package                        = { path = each.value.consumer.package_path }
  layers                         = each.value.consumer.layers
  layer_arns                     = each.value.consumer.layer_arns
  memory_size                    = each.value.consumer.memory_size
  timeout                        = each.value.consumer.timeout
  reserved_concurrent_executions = each.value.consumer.reserved_concurrent_executions
  environment_variables          = each.value.consumer.environment_variables
  log_retention_in_days          = each.value.consumer.log_retention_in_days
  policy_statements              = each.value.consumer.policy_statements

  # SQS invokes synchronously; failures go through the queue's redrive policy to
  # the subscriber's dead-letter queue, so no async dead-letter queue is needed.
  create_dead_letter_queue = false

  event_source_mappings = {
    queue = {
      # Through the subscription: the mapping comes after the queue and its subscription, and
      # a subscriber the module refuses (a FIFO mismatch, a FIFO batch over 10) gets only
      # the module's message, not the consumer module's too. Known at plan.
      event_source_arn                   = aws_sns_topic_subscription.this[each.key].endpoint
      batch_size                         = each.value.consumer.batch_size
      maximum_batching_window_in_seconds = each.value.consumer.maximum_batching_window_in_seconds
      maximum_concurrency                = each.value.consumer.maximum_concurrency
      report_batch_item_failures         = each.value.consumer.report_batch_item_failures
      source_kms_key_arn                 = var.queue_kms_key_id # a key ARN (validated): the consumer may decrypt its queue
    }
  }

  tags = var.tags
}
