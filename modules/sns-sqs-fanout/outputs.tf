output "topic_arn" {
  description = "The topic's ARN: publish here."
  value       = try(aws_sns_topic.this[0].arn, null)
}

output "topic_name" {
  description = "The topic's name ('.fifo' included for a FIFO topic)."
  value       = try(aws_sns_topic.this[0].name, null)
}

output "queue_urls" {
  description = "Each subscriber's queue URL, by subscriber."
  value       = { for key, queue in module.queues.queues : key => queue.url }
}

output "queue_arns" {
  description = "Each subscriber's queue ARN, by subscriber."
  value       = { for key, queue in module.queues.queues : key => queue.arn }
}

output "dead_letter_queue_urls" {
  description = "Each subscriber's dead-letter queue URL, by subscriber."
  value       = { for key, queue in module.queues.dead_letter_queues : key => queue.url }
}

output "dead_letter_queue_arns" {
  description = "Each subscriber's dead-letter queue ARN, by subscriber."
  value       = { for key, queue in module.queues.dead_letter_queues : key => queue.arn }
}

output "subscription_arns" {
  description = "Each subscriber's subscription ARN, by subscriber."
  value       = { for key, subscription in aws_sns_topic_subscription.this : key => subscription.arn }
}

output "consumer_function_names" {
  description = "Consumer Lambda names, by subscriber (only subscribers with a consumer)."
  value       = { for key, consumer in module.consumer : key => consumer.function_name }
}

output "consumer_function_arns" {
  description = "Consumer Lambda ARNs, by subscriber."
  value       = { for key, consumer in module.consumer : key => consumer.function_arn }
}

output "consumer_role_names" {
  description = "Consumer execution role names, by subscriber: attach more policies here."
  value       = { for key, consumer in module.consumer : key => consumer.role_name }
}

output "topic_kms_key_arn" {
  description = "The key the module created for the topic (publishers that are services or other accounts), else null."
  value       = try(aws_kms_key.topic[0].arn, null)
}
