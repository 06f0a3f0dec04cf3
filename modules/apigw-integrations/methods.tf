locals {
  validators = {
    body   = { body = true, params = false }
    params = { body = false, params = true }
    all    = { body = true, params = true }
  }
  used_validators  = toset([for route in values(var.routes) : route.validate if route.validate != null])
  routes_with_body = { for key, route in var.routes : key => route if route.request_schema != null }
}

resource "aws_api_gateway_request_validator" "this" {
  for_each = var.create ? local.used_validators : []

  rest_api_id                 = aws_api_gateway_rest_api.this[0].id
  name                        = "${var.name}-${each.key}"
  validate_request_body       = local.validators[each.key].body
  validate_request_parameters = local.validators[each.key].params
}

resource "aws_api_gateway_model" "request" {
  for_each = var.create ? local.routes_with_body : {}

  rest_api_id  = aws_api_gateway_rest_api.this[0].id
  name         = "${replace(each.key, "/[^A-Za-z0-9]/", "")}Request"
  description  = "Request body of ${each.value.method} ${each.value.path}"
  content_type = "application/json"
  schema       = each.value.request_schema
}

resource "aws_api_gateway_method" "this" {
  #checkov:skip=CKV_AWS_59:A route is open only where the caller set allow_unauthenticated (a validation refuses NONE otherwise); CKV_ASM_10 holds every open method to that recorded decision.
  #checkov:skip=CKV2_AWS_53:Request validation is per route (validate); a GET without a body or a proxy route has nothing to validate.
  for_each = var.create ? var.routes : {}

  rest_api_id   = aws_api_gateway_rest_api.this[0].id
  resource_id   = local.resource_ids[local.route_resource_path[each.key]]
  http_method   = each.value.method
  authorization = each.value.authorization
  # The decision to leave a route open, recorded on the method (CKV_ASM_10 reads it).
  operation_name       = each.value.authorization == "NONE" && !each.value.api_key_required ? "Unauthenticated${replace(title(replace(each.key, "/[^A-Za-z0-9]+/", " ")), " ", "")}" : null
  authorizer_id        = each.value.authorizer != null ? aws_api_gateway_authorizer.this[each.value.authorizer].id : null
  authorization_scopes = each.value.authorization_scopes
  api_key_required     = each.value.api_key_required
  request_validator_id = each.value.validate != null ? aws_api_gateway_request_validator.this[each.value.validate].id : null
  request_models       = each.value.request_schema != null ? { "application/json" = aws_api_gateway_model.request[each.key].name } : null
  request_parameters = merge(
    { for p in local.path_parameters[each.key] : "method.request.path.${p}" => true },
    each.value.request_parameters,
  )
}

resource "aws_api_gateway_method_response" "this" {
  for_each = var.create ? local.responses : {}

  rest_api_id         = aws_api_gateway_rest_api.this[0].id
  resource_id         = aws_api_gateway_method.this[each.value.route].resource_id
  http_method         = aws_api_gateway_method.this[each.value.route].http_method
  status_code         = each.value.status_code
  response_parameters = { for header in keys(each.value.response_parameters) : header => false }
}
