output "cloudwatch_role_arn" {
  description = "The role the account's API Gateway setting names, once set: pass it to apigw-integrations as account_cloudwatch_role_arn so a stage in the same apply waits for it."
  value       = try(aws_api_gateway_account.this[0].cloudwatch_role_arn, null)
}

output "role_name" {
  description = "Name of the role."
  value       = try(aws_iam_role.this[0].name, null)
}
