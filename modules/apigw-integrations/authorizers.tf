resource "aws_api_gateway_authorizer" "this" {
  for_each = var.create ? var.authorizers : {}

  rest_api_id                      = aws_api_gateway_rest_api.this[0].id
  name                             = "${var.name}-${each.key}"
  type                             = each.value.type
  provider_arns                    = each.value.type == "COGNITO_USER_POOLS" ? each.value.user_pool_arns : null
  authorizer_uri                   = each.value.function_arn != null ? "${local.lambda_invoke_uri_prefix}/${each.value.function_arn}/invocations" : null
  identity_source                  = each.value.identity_source
  authorizer_result_ttl_in_seconds = each.value.authorizer_result_ttl_in_seconds
}
