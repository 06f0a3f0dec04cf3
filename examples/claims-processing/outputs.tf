output "bucket_name" {
  description = "Upload claim photos under incoming/<customer_id>/ here."
  value       = module.claims_bucket.bucket
}

output "claims_state_machine_arn" {
  description = "The claims workflow; its executions are named claim-<sha256 of the photo version>."
  value       = module.claims.state_machine_arn
}

output "intake_state_machine_arn" {
  description = "The EXPRESS machine the upload rule starts, which starts one claims execution per photo version."
  value       = module.intake.state_machine_arn
}

output "claims_table_name" {
  description = "Every claim: status, decision, amounts, assessment, policy limits and audit trail."
  value       = aws_dynamodb_table.claims.name
}

output "policies_table_name" {
  description = "Customers' policies: coverage_limit, auto_approval_limit, deductible (numbers), policy_id."
  value       = aws_dynamodb_table.policies.name
}

output "context_table_name" {
  description = "The history manager's checkpoints (expire after context_retention_days)."
  value       = aws_dynamodb_table.context.name
}

output "review_queue_url" {
  description = "The workflow's review requests (with task tokens), read by the review function."
  value       = module.review_requests.queues["review_requests"].url
}

output "adjusters_topic_arn" {
  description = "Subscribe the adjusters here: one message per claim waiting for a decision, without any token."
  value       = aws_sns_topic.adjusters.arn
}

output "supervisors_topic_arn" {
  description = "Subscribe the supervisors here: escalated claims and the workflows' alarms."
  value       = aws_sns_topic.supervisors.arn
}

output "decision_url" {
  description = "POST <decision_url>/claims/<claim_id>/decision, IAM-signed, to decide a claim awaiting review."
  value       = module.api.invoke_url
}

output "function_names" {
  description = "The five functions, by role: validate, analyse, history, review, decisions."
  value       = local.function_names
}
