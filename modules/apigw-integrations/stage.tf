resource "aws_api_gateway_deployment" "this" {
  count = var.create ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  description = "Routes, integrations and templates as of trigger ${substr(local.redeployment_trigger, 0, 12)}"

  triggers = {
    redeployment = local.redeployment_trigger
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [
    aws_api_gateway_method.this,
    aws_api_gateway_integration.this,
    aws_api_gateway_method_response.this,
    aws_api_gateway_integration_response.this,
    aws_api_gateway_rest_api_policy.private,
  ]
}

resource "aws_cloudwatch_log_group" "access" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts every log group at rest; a customer key (access_log_kms_key_arn) needs a key policy naming the logs service, which the caller owns.
  count = var.create ? 1 : 0

  name              = "/aws/apigateway/${var.name}/${var.stage_name}"
  retention_in_days = var.access_log_retention_in_days
  kms_key_id        = var.access_log_kms_key_arn
  tags              = var.tags
}

resource "aws_api_gateway_stage" "this" {
  #checkov:skip=CKV2_AWS_51:Client certificates authenticate API Gateway to an HTTP backend; the routes reach AWS services, Lambda and VPC links, which IAM and the link secure.
  #checkov:skip=CKV2_AWS_29:WAF is the caller's (waf_acl_arn): a web ACL's rules and cost belong to the account's edge policy, not to one API module.
  #checkov:skip=CKV2_AWS_77:The web ACL and its managed rule groups (Log4j included) are the caller's, as for CKV2_AWS_29.
  #checkov:skip=CKV_AWS_120:Caching is the caller's choice (cache_size): a cache serves stale writes to APIs like a contact form and costs by the hour.
  count = var.create ? 1 : 0

  rest_api_id           = aws_api_gateway_rest_api.this[0].id
  deployment_id         = aws_api_gateway_deployment.this[0].id
  stage_name            = var.stage_name
  variables             = var.stage_variables
  xray_tracing_enabled  = var.xray_tracing_enabled
  cache_cluster_enabled = var.cache_size != null
  cache_cluster_size    = var.cache_size
  tags                  = var.tags

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access[0].arn
    format = jsonencode({
      requestId          = "$context.requestId"
      extendedRequestId  = "$context.extendedRequestId"
      ip                 = "$context.identity.sourceIp"
      caller             = "$context.identity.caller"
      user               = "$context.identity.user"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      resourcePath       = "$context.resourcePath"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      integrationStatus  = "$context.integration.status"
      integrationLatency = "$context.integration.latency"
      errorMessage       = "$context.error.message"
    })
  }

  lifecycle {
    # Referencing the account's role (when it is set in the same apply) makes the stage wait
    # for it: API Gateway refuses the stage's logs until the account names a role.
    precondition {
      condition     = var.account_cloudwatch_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$", var.account_cloudwatch_role_arn))
      error_message = "${var.name}: account_cloudwatch_role_arn must be an IAM role ARN (the apigw-account module's cloudwatch_role_arn)."
    }
  }
}

resource "aws_api_gateway_method_settings" "all" {
  #checkov:skip=CKV_AWS_225:Caching follows cache_size; with no cache cluster there is nothing to enable per method.
  count = var.create ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  stage_name  = aws_api_gateway_stage.this[0].stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = var.metrics_enabled
    logging_level          = var.logging_level
    data_trace_enabled     = false # full request and response bodies in logs leak personal data
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
    caching_enabled        = var.cache_size != null
    cache_ttl_in_seconds   = var.cache_size != null ? var.cache_ttl_in_seconds : null
    cache_data_encrypted   = true # whenever a cache exists, now or later
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count = var.create && var.waf_acl_arn != null ? 1 : 0

  resource_arn = aws_api_gateway_stage.this[0].arn
  web_acl_arn  = var.waf_acl_arn
}
