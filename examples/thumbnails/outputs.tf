output "bucket_name" {
  description = "The bucket: upload under source_prefix, read thumbnails under thumbnail_prefix."
  value       = module.images.bucket
}

output "bucket_arn" {
  description = "The bucket's ARN."
  value       = module.images.arn
}

output "source_prefix" {
  description = "Prefix whose uploads get a thumbnail."
  value       = var.source_prefix
}

output "thumbnail_prefix" {
  description = "Prefix the thumbnails are written under."
  value       = var.thumbnail_prefix
}

output "function_name" {
  description = "The thumbnail function."
  value       = module.thumbnail.function_name
}

output "function_arn" {
  description = "The thumbnail function's ARN."
  value       = module.thumbnail.function_arn
}

output "dead_letter_queue_url" {
  description = "Where events land after every retry failed."
  value       = module.thumbnail.dead_letter_queue_url
}

output "log_group_name" {
  description = "The function's log group."
  value       = module.thumbnail.log_group_name
}
