resource "aws_api_gateway_integration" "this" {
  for_each = var.create ? local.integrations : {}

  rest_api_id             = aws_api_gateway_rest_api.this[0].id
  resource_id             = aws_api_gateway_method.this[each.key].resource_id
  http_method             = aws_api_gateway_method.this[each.key].http_method
  type                    = each.value.type
  integration_http_method = each.value.http_method
  uri                     = each.value.uri
  credentials             = each.value.service != null ? aws_iam_role.service[0].arn : null
  connection_type         = each.value.private ? "VPC_LINK" : null
  connection_id           = each.value.private ? local.vpc_link_id : null
  request_templates       = length(each.value.request_templates) > 0 ? each.value.request_templates : null
  request_parameters      = length(each.value.request_parameters) > 0 ? each.value.request_parameters : null
  passthrough_behavior    = each.value.passthrough_behavior
  timeout_milliseconds    = each.value.timeout_milliseconds
}

resource "aws_api_gateway_integration_response" "this" {
  for_each = var.create ? local.responses : {}

  rest_api_id         = aws_api_gateway_rest_api.this[0].id
  resource_id         = aws_api_gateway_integration.this[each.value.route].resource_id
  http_method         = aws_api_gateway_integration.this[each.value.route].http_method
  status_code         = aws_api_gateway_method_response.this[each.key].status_code
  selection_pattern   = each.value.selection_pattern
  response_templates  = length(each.value.templates) > 0 ? each.value.templates : null
  response_parameters = length(each.value.response_parameters) > 0 ? each.value.response_parameters : null
}
