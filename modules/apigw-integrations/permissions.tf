# API Gateway may invoke each route's function only for that method and path of
# this API (any stage), and each authorizer's function only as that authorizer.
# Path parameters match one segment each ({id} -> *), as in the request ARN.
resource "aws_lambda_permission" "route" {
  for_each = var.create ? local.lambda_routes : {}

  statement_id  = "AllowApiGateway-${var.name}-${replace(each.key, "/[^A-Za-z0-9_-]/", "-")}"
  action        = "lambda:InvokeFunction"
  function_name = local.route_function_arns[each.key]
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this[0].execution_arn}/*/${each.value.method == "ANY" ? "*" : each.value.method}/${join("/", [for seg in local.segments[each.key] : can(regex("^\\{.+\\}$", seg)) ? "*" : seg])}"
}

resource "aws_lambda_permission" "authorizer" {
  for_each = var.create ? { for key, a in var.authorizers : key => a if contains(["TOKEN", "REQUEST"], a.type) } : {}

  statement_id  = "AllowApiGatewayAuthorizer-${var.name}-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this[0].execution_arn}/authorizers/${aws_api_gateway_authorizer.this[each.key].id}"
}
