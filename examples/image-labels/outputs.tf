output "bucket_name" {
  description = "Upload images under source_prefix here."
  value       = module.images.bucket
}

output "table_name" {
  description = "One item per image (pk image#<key>) and one per label and image (pk label#<label>)."
  value       = aws_dynamodb_table.labels.name
}

output "queue_url" {
  description = "Where S3's notifications wait for the labeler."
  value       = module.uploads.queues["uploads"].url
}

output "dead_letter_queue_url" {
  description = "Notifications the labeler failed 5 times."
  value       = module.uploads.dead_letter_queues["uploads"].url
}

output "function_name" {
  description = "The labeler."
  value       = module.labeler.function_name
}

output "labels_url" {
  description = "GET <url> with the label in place of {label} (AWS_IAM: sign the request)."
  value       = module.api.routes["labels"].url
}

output "rest_api_id" {
  description = "The API's ID."
  value       = module.api.rest_api_id
}
