output "orders_table_name" {
  description = "Write orders here (status NEW) to start them through the pipe."
  value       = aws_dynamodb_table.orders.name
}

output "orders_stream_arn" {
  description = "The orders table's stream, the pipe's source."
  value       = aws_dynamodb_table.orders.stream_arn
}

output "customers_table_name" {
  description = "Customers the enrichment reads."
  value       = aws_dynamodb_table.customers.name
}

output "audit_table_name" {
  description = "Status changes the processor records."
  value       = aws_dynamodb_table.audit.name
}

output "pipe_name" {
  description = "The pipe."
  value       = module.pipe.pipe_name
}

output "pipe_arn" {
  description = "The pipe's ARN."
  value       = module.pipe.pipe_arn
}

output "pipe_dead_letter_queue_url" {
  description = "Where records that keep failing end up (their stream metadata)."
  value       = module.pipe.dead_letter_queue_url
}

output "enrichment_function_name" {
  description = "The enrichment function."
  value       = module.enrichment.function_name
}

output "processor_function_name" {
  description = "The order processor function."
  value       = module.processor.function_name
}
