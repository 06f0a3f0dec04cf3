output "pipe_arn" {
  description = "The pipe's ARN."
  value       = try(aws_pipes_pipe.this[0].arn, null)
}

output "pipe_name" {
  description = "The pipe's name."
  value       = try(aws_pipes_pipe.this[0].name, null)
}

output "role_arn" {
  description = "The pipe's execution role."
  value       = try(aws_iam_role.this[0].arn, null)
}

output "role_name" {
  description = "Name of the pipe's execution role."
  value       = try(aws_iam_role.this[0].name, null)
}

output "log_group_name" {
  description = "The pipe's log group."
  value       = try(aws_cloudwatch_log_group.this[0].name, null)
}

output "dead_letter_queue_arn" {
  description = "Where records that keep failing go (given or created); null for an SQS source."
  value       = var.create && local.has_dlq ? local.dead_letter_queue_arn : null
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue the module created."
  value       = try(aws_sqs_queue.pipe_dead_letter[0].url, null)
}
