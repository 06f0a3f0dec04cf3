output "contact_url" {
  description = "POST JSON {name, email, message} here."
  value       = module.api.routes["contact"].url
}

output "rest_api_id" {
  description = "The API's ID."
  value       = module.api.rest_api_id
}

output "stage_name" {
  description = "The stage."
  value       = module.api.stage_name
}

output "queue_url" {
  description = "Where accepted messages wait."
  value       = module.messages.queues["messages"].url
}

output "dead_letter_queue_url" {
  description = "Messages the reader failed 5 times."
  value       = module.messages.dead_letter_queues["messages"].url
}
