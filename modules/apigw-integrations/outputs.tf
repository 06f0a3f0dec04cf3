output "rest_api_id" {
  description = "The REST API's ID."
  value       = try(aws_api_gateway_rest_api.this[0].id, null)
}

output "rest_api_arn" {
  description = "The REST API's ARN."
  value       = try(aws_api_gateway_rest_api.this[0].arn, null)
}

output "execution_arn" {
  description = "Execution ARN prefix, for permissions and IAM policies (arn:...:execute-api:<region>:<account>:<api id>)."
  value       = try(aws_api_gateway_rest_api.this[0].execution_arn, null)
}

output "stage_name" {
  description = "The stage's name."
  value       = try(aws_api_gateway_stage.this[0].stage_name, null)
}

output "stage_arn" {
  description = "The stage's ARN (for WAF associations elsewhere)."
  value       = try(aws_api_gateway_stage.this[0].arn, null)
}

output "invoke_url" {
  description = "Base URL of the stage."
  value       = try(aws_api_gateway_stage.this[0].invoke_url, null)
}

output "deployment_id" {
  description = "The deployment the stage serves."
  value       = try(aws_api_gateway_deployment.this[0].id, null)
}

output "redeployment_trigger" {
  description = "Hash of everything the deployment serves; it changes whenever a route, integration or template does."
  value       = var.create ? local.redeployment_trigger : null
}

output "routes" {
  description = "Per route: method, path, resource ID, integration type and URL."
  value = var.create ? {
    for key, route in var.routes : key => {
      method           = route.method
      path             = route.path
      resource_id      = aws_api_gateway_method.this[key].resource_id
      integration_type = route.integration.type
      url              = "${aws_api_gateway_stage.this[0].invoke_url}${route.path == "/" ? "/" : route.path}"
    }
  } : {}
}

output "access_log_group_name" {
  description = "The stage's access log group."
  value       = try(aws_cloudwatch_log_group.access[0].name, null)
}

output "service_role_arn" {
  description = "Role the AWS service routes call with (null without such routes)."
  value       = try(aws_iam_role.service[0].arn, null)
}

output "vpc_link_id" {
  description = "VPC link of the PRIVATE routes (given or created)."
  value       = var.create ? local.vpc_link_id : null
}

output "authorizer_ids" {
  description = "Authorizer IDs by key."
  value       = { for key, a in aws_api_gateway_authorizer.this : key => a.id }
}

output "api_key_ids" {
  description = "API key IDs by name (read the values with aws apigateway get-api-key --include-value)."
  value       = { for key, k in aws_api_gateway_api_key.this : key => k.id }
}

output "usage_plan_id" {
  description = "The usage plan the API keys belong to."
  value       = try(aws_api_gateway_usage_plan.this[0].id, null)
}
