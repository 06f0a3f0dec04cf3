output "invoke_url" {
  description = "Base URL of the stage."
  value       = module.api.invoke_url
}

output "rest_api_id" {
  description = "The API's ID."
  value       = module.api.rest_api_id
}

output "stage_name" {
  description = "The stage."
  value       = module.api.stage_name
}

output "routes" {
  description = "Each deployed route: method, path, integration type, URL."
  value       = module.api.routes
}

output "feedback_queue_url" {
  description = "Where POST /feedback puts messages."
  value       = module.feedback.queues["feedback"].url
}

output "orders_table_name" {
  description = "Orders GET /orders/{id} reads (null without the LAMBDA route)."
  value       = try(aws_dynamodb_table.orders[0].name, null)
}

output "function_names" {
  description = "The Lambda routes' functions."
  value       = { hello = module.hello.function_name, lookup = module.lookup.function_name }
}
