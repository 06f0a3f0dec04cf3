output "function_name" {
  description = "Function name."
  value       = try(aws_lambda_function.this[0].function_name, null)
}

output "function_arn" {
  description = "Unqualified function ARN."
  value       = try(aws_lambda_function.this[0].arn, null)
}

output "function_qualified_arn" {
  description = "ARN of the latest published version (or $LATEST)."
  value       = try(aws_lambda_function.this[0].qualified_arn, null)
}

output "function_version" {
  description = "Latest published version, or $LATEST when nothing is published."
  value       = try(aws_lambda_function.this[0].version, null)
}

output "function_api_gateway_uri" {
  description = "Not a function ARN: the URI an API Gateway integration calls (arn:aws:apigateway:<region>:lambda:path/.../invocations), unqualified. apigw-integrations routes take function_arn (they accept this too)."
  value       = try(aws_lambda_function.this[0].invoke_arn, null)
}

output "trigger_target_arn" {
  description = "The ARN triggers should invoke (bucket notifications, rules, subscriptions): the alias when one is set, else the function."
  value       = try(aws_lambda_alias.this[0].arn, aws_lambda_function.this[0].arn, null)
}

output "trigger_target_api_gateway_uri" {
  description = "Not a function ARN: the API Gateway integration URI of trigger_target_arn (the alias when one is set)."
  value       = try(aws_lambda_alias.this[0].invoke_arn, aws_lambda_function.this[0].invoke_arn, null)
}

output "alias_name" {
  description = "Alias name, if any."
  value       = try(aws_lambda_alias.this[0].name, null)
}

output "alias_arn" {
  description = "Alias ARN, if any."
  value       = try(aws_lambda_alias.this[0].arn, null)
}

output "role_arn" {
  description = "Execution role ARN (created or given)."
  value       = var.create ? local.role_arn : null
}

output "role_name" {
  description = "Name of the created execution role."
  value       = try(aws_iam_role.this[0].name, null)
}

output "log_group_name" {
  description = "The function's log group."
  value       = try(aws_cloudwatch_log_group.this[0].name, null)
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = try(aws_cloudwatch_log_group.this[0].arn, null)
}

output "layer_arns" {
  description = "Created layers' ARNs (without version), by key."
  value       = { for key, layer in aws_lambda_layer_version.this : key => layer.layer_arn }
}

output "layer_version_arns" {
  description = "Created layer versions' ARNs, by key."
  value       = { for key, layer in aws_lambda_layer_version.this : key => layer.arn }
}

output "attached_layer_arns" {
  description = "Every layer version attached to the function, in order."
  value       = var.create ? local.layer_arns : []
}

output "dead_letter_target_arn" {
  description = "Where failed async events go (the created queue or the given target); null when none."
  value       = var.create && local.has_dead_letter_target ? local.dead_letter_target_arn : null
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue the module created."
  value       = try(aws_sqs_queue.async_dead_letter[0].arn, null)
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue the module created."
  value       = try(aws_sqs_queue.async_dead_letter[0].url, null)
}

output "function_url" {
  description = "Function URL, if created."
  value       = try(aws_lambda_function_url.this[0].function_url, null)
}

output "event_source_mapping_uuids" {
  description = "Event source mapping UUIDs, by key."
  value       = { for key, mapping in aws_lambda_event_source_mapping.this : key => mapping.uuid }
}

output "event_source_mapping_arns" {
  description = "Event source mapping ARNs, by key."
  value       = { for key, mapping in aws_lambda_event_source_mapping.this : key => mapping.arn }
}

output "permission_statement_ids" {
  description = "Statement ids of the trigger permissions, by key."
  value       = { for key, permission in aws_lambda_permission.triggers : key => permission.statement_id }
}

output "schedule_arns" {
  description = "EventBridge Scheduler schedule ARNs, by schedules key."
  value       = { for key, schedule in aws_scheduler_schedule.this : key => schedule.arn }
}

output "scheduler_role_arn" {
  description = "The role the schedules invoke the function with (it may invoke only this function or its alias)."
  value       = try(aws_iam_role.scheduler[0].arn, null)
}
