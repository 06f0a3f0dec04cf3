output "state_machine_arn" {
  description = "The state machine's ARN."
  value       = try(aws_sfn_state_machine.this[0].arn, null)
}

output "state_machine_name" {
  description = "The state machine's name."
  value       = try(aws_sfn_state_machine.this[0].name, null)
}

output "state_machine_version_arn" {
  description = "ARN of the version published by the last change (publish = true); null otherwise."
  value       = try(aws_sfn_state_machine.this[0].state_machine_version_arn, null)
}

output "execution_arn_prefix" {
  description = "Prefix of this machine's execution ARNs (append :<execution name>), for policies that describe or stop executions."
  value       = var.create ? local.execution_arn_prefix : null
}

output "role_arn" {
  description = "The state machine's execution role."
  value       = try(aws_iam_role.this[0].arn, null)
}

output "role_name" {
  description = "Name of the state machine's execution role."
  value       = try(aws_iam_role.this[0].name, null)
}

output "log_group_name" {
  description = "The execution log group; null with logging.level OFF."
  value       = try(aws_cloudwatch_log_group.this[0].name, null)
}

output "log_group_arn" {
  description = "ARN of the execution log group; null with logging.level OFF."
  value       = try(aws_cloudwatch_log_group.this[0].arn, null)
}

output "callback_policy_json" {
  description = "A policy document granting SendTaskSuccess and SendTaskFailure (and SendTaskHeartbeat with callback_sends_heartbeats) on \"*\", the only resource IAM takes for them: attach it to the role of whatever answers this machine's task tokens."
  value       = try(data.aws_iam_policy_document.callback[0].json, null)
}

output "trigger_rule_arns" {
  description = "ARN of each trigger's EventBridge rule, by trigger key."
  value       = { for key, rule in aws_cloudwatch_event_rule.trigger : key => rule.arn }
}

output "triggers_role_arn" {
  description = "The role the trigger rules start executions with; null without triggers."
  value       = try(aws_iam_role.triggers[0].arn, null)
}

output "triggers_dead_letter_queue_arn" {
  description = "Where trigger events that could not start an execution go (given or created); null without triggers."
  value       = length(local.triggers) > 0 ? local.triggers_dlq_arn : null
}

output "triggers_dead_letter_queue_url" {
  description = "URL of the triggers' dead-letter queue the module created."
  value       = try(aws_sqs_queue.triggers_dead_letter[0].url, null)
}

output "alarm_arns" {
  description = "ARN of each execution alarm, by key (executions_failed, executions_timed_out, execution_throttled)."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.this : key => alarm.arn }
}
