output "topic_arn" {
  description = "Publish order events here, with a 'status' message attribute."
  value       = module.orders.topic_arn
}

output "queue_urls" {
  description = "Each consumer's queue."
  value       = module.orders.queue_urls
}

output "queue_arns" {
  description = "Each consumer's queue ARN."
  value       = module.orders.queue_arns
}

output "dead_letter_queue_urls" {
  description = "Each consumer's dead-letter queue."
  value       = module.orders.dead_letter_queue_urls
}

output "consumer_function_names" {
  description = "Each consumer's function."
  value       = module.orders.consumer_function_names
}

output "processed_table_name" {
  description = "Where consumers record what they processed (one item per consumer and event)."
  value       = aws_dynamodb_table.processed.name
}
