output "function_name" {
  description = "The function's name."
  value       = try(aws_lambda_function.edge[0].function_name, null)
}

output "function_arn" {
  description = "The function's unqualified ARN (for IAM and logs; CloudFront needs function_qualified_arn)."
  value       = try(aws_lambda_function.edge[0].arn, null)
}

output "function_qualified_arn" {
  description = "The published version's ARN (…:function:<name>:<version>): the lambda_arn of a CloudFront lambda_function_association."
  value       = try(aws_lambda_function.edge[0].qualified_arn, null)
}

output "function_version" {
  description = "The published version number."
  value       = try(aws_lambda_function.edge[0].version, null)
}

output "cloudfront_associations" {
  description = "One lambda_function_association per event type, ready for a cache behavior's dynamic block: { event_type, lambda_arn, include_body }."
  value = var.create ? [
    for event_type in sort(var.event_types) : {
      event_type   = event_type
      lambda_arn   = aws_lambda_function.edge[0].qualified_arn
      include_body = var.include_body && contains(["viewer-request", "origin-request"], event_type)
    }
  ] : []
}

output "role_arn" {
  description = "The execution role's ARN (trusted by lambda.amazonaws.com and edgelambda.amazonaws.com)."
  value       = try(aws_iam_role.this[0].arn, null)
}

output "role_name" {
  description = "The execution role's name, to attach more policies."
  value       = try(aws_iam_role.this[0].name, null)
}

output "log_group_name" {
  description = "The us-east-1 log group (direct invocations)."
  value       = try(aws_cloudwatch_log_group.direct_invocations[0].name, null)
}

output "edge_log_group_name" {
  description = "The name of the log group Lambda@Edge writes in each edge region that runs the function."
  value       = "/aws/lambda/us-east-1.${var.name}"
}
