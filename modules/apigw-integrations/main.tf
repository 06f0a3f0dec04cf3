data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  lambda_invoke_uri_prefix = "arn:${local.partition}:apigateway:${local.region}:lambda:path/2015-03-31/functions"

  # What each route kind is to API Gateway.
  integration_types = {
    LAMBDA_PROXY = "AWS_PROXY"
    LAMBDA       = "AWS"
    MOCK         = "MOCK"
    HTTP_PROXY   = "HTTP_PROXY"
    HTTP         = "HTTP"
    PRIVATE      = "HTTP_PROXY"
    AWS_SERVICE  = "AWS"
  }

  # Path parameters ({id}, or {proxy+} named proxy) of each route.
  path_parameters = {
    for key, route in var.routes : key => [for seg in split("/", route.path) : trimsuffix(trim(seg, "{}"), "+") if can(regex("^\\{.+\\}$", seg))]
  }

  # Defaults that make an AWS service route one line: the request body is the
  # message, and the client hears accepted or a 500 that leaks no SQS detail.
  service_defaults = {
    "sqs:SendMessage" = {
      request_templates  = { "application/json" = "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" }
      request_parameters = { "integration.request.header.Content-Type" = "'application/x-www-form-urlencoded'" }
    }
    "dynamodb:PutItem" = { request_templates = {}, request_parameters = {} }
    "dynamodb:Query"   = { request_templates = {}, request_parameters = {} }
  }
  default_service_responses = tomap({
    "200" = {
      selection_pattern   = tostring(null)
      templates           = tomap({ "application/json" = "{\"accepted\": true, \"requestId\": \"$context.requestId\"}" })
      response_parameters = tomap({})
    }
    "500" = {
      selection_pattern   = "[45]\\d{2}"
      templates           = tomap({ "application/json" = "{\"message\": \"The request could not be accepted; try again later.\"}" })
      response_parameters = tomap({})
    }
  })

  # A route's function, whichever shape the caller passed: its ARN, or the invoke URI
  # (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations)
  # that lambda-with-layers and aws_lambda_function also output. Both are unknown at plan
  # when the function is new, so a shape check could only fail half-way through apply.
  route_function_arns = {
    for key, route in var.routes : key => (
      can(regex(":apigateway:", route.integration.lambda_function_arn))
      ? regex("/functions/(.+)/invocations$", route.integration.lambda_function_arn)[0]
      : route.integration.lambda_function_arn
    ) if route.integration.lambda_function_arn != null
  }

  # Each route's integration as API Gateway will hold it, defaults filled in.
  integrations = {
    for key, route in var.routes : key => {
      type    = local.integration_types[route.integration.type]
      service = route.integration.aws_service
      http_method = (
        contains(["LAMBDA_PROXY", "LAMBDA", "AWS_SERVICE"], route.integration.type) ? "POST" :
        route.integration.type == "MOCK" ? null :
        coalesce(route.integration.http_method, route.method)
      )
      uri = (
        contains(["LAMBDA_PROXY", "LAMBDA"], route.integration.type) ? "${local.lambda_invoke_uri_prefix}/${local.route_function_arns[key]}/invocations" :
        route.integration.type == "AWS_SERVICE" ? (
          route.integration.aws_service.action == "sqs:SendMessage"
          ? "arn:${local.partition}:apigateway:${local.region}:sqs:path/${split(":", route.integration.aws_service.resource_arn)[4]}/${split(":", route.integration.aws_service.resource_arn)[5]}"
          : "arn:${local.partition}:apigateway:${local.region}:dynamodb:action/${split(":", route.integration.aws_service.action)[1]}"
        ) :
        route.integration.uri
      )
      request_templates = merge(
        route.integration.type == "MOCK" ? { "application/json" = "{\"statusCode\": 200}" } : {},
        route.integration.type == "AWS_SERVICE" ? local.service_defaults[route.integration.aws_service.action].request_templates : {},
        route.integration.request_templates,
      )
      request_parameters = merge(
        contains(["HTTP_PROXY", "HTTP", "PRIVATE"], route.integration.type) ? { for p in local.path_parameters[key] : "integration.request.path.${p}" => "method.request.path.${p}" } : {},
        route.integration.type == "AWS_SERVICE" ? local.service_defaults[route.integration.aws_service.action].request_parameters : {},
        route.integration.request_parameters,
      )
      passthrough_behavior = contains(["LAMBDA_PROXY", "HTTP_PROXY", "PRIVATE"], route.integration.type) ? null : route.integration.passthrough_behavior
      timeout_milliseconds = route.integration.timeout_milliseconds
      private              = route.integration.type == "PRIVATE"
      responses            = route.integration.type == "AWS_SERVICE" && length(route.integration.responses) == 0 ? local.default_service_responses : route.integration.responses
    }
  }

  responses = merge([
    for key, integration in local.integrations : {
      for code, response in integration.responses : "${key}/${code}" => merge(response, { route = key, status_code = code })
    }
  ]...)

  lambda_routes  = { for key, route in var.routes : key => route if contains(["LAMBDA_PROXY", "LAMBDA"], route.integration.type) }
  service_routes = { for key, route in var.routes : key => route if route.integration.type == "AWS_SERVICE" }

  # Everything a deployment serves: any change here must make a new deployment,
  # or the stage silently keeps serving the old one.
  redeployment_trigger = sha1(jsonencode({
    routes      = var.routes
    effective   = local.integrations
    authorizers = var.authorizers
    vpc_link    = var.vpc_link
  }))
}

resource "aws_api_gateway_rest_api" "this" {
  count = var.create ? 1 : 0

  name        = var.name
  description = var.description
  tags        = var.tags

  endpoint_configuration {
    types            = [var.endpoint_type]
    vpc_endpoint_ids = var.endpoint_type == "PRIVATE" ? var.vpc_endpoint_ids : null
  }

  lifecycle {
    # A replacement API (a new endpoint type, say) serves before the old one goes.
    create_before_destroy = true

    precondition {
      condition     = var.endpoint_type != "PRIVATE" || length(var.vpc_endpoint_ids) > 0
      error_message = "${var.name}: a PRIVATE API needs vpc_endpoint_ids, or nothing can reach it."
    }
    precondition {
      condition     = alltrue([for r in values(var.routes) : r.authorizer == null || contains(keys(var.authorizers), coalesce(r.authorizer, "-"))])
      error_message = "${var.name}: routes ${join(", ", [for k, r in var.routes : "\"${k}\"" if r.authorizer != null && !contains(keys(var.authorizers), coalesce(r.authorizer, "-"))])} name an authorizer that is not a key of var.authorizers (${join(", ", keys(var.authorizers))})."
    }
    precondition {
      condition     = alltrue([for r in values(var.routes) : r.integration.type != "PRIVATE"]) || var.vpc_link != null
      error_message = "${var.name}: PRIVATE routes (${join(", ", [for k, r in var.routes : "\"${k}\"" if r.integration.type == "PRIVATE"])}) need var.vpc_link (an existing link id, or NLB target_arns to create one)."
    }
    precondition {
      condition     = alltrue([for r in values(var.routes) : !r.api_key_required]) || length(var.api_keys) > 0
      error_message = "${var.name}: routes ${join(", ", [for k, r in var.routes : "\"${k}\"" if r.api_key_required])} require an API key but var.api_keys is empty, so no client could call them."
    }
  }
}

# A PRIVATE API admits only calls through the listed VPC endpoints.
resource "aws_api_gateway_rest_api_policy" "private" {
  count = var.create && var.endpoint_type == "PRIVATE" ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "InvokeThroughListedEndpoints"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.this[0].execution_arn}/*"
        Condition = { StringEquals = { "aws:SourceVpce" = var.vpc_endpoint_ids } }
      },
      {
        Sid       = "DenyOtherPaths"
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.this[0].execution_arn}/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = var.vpc_endpoint_ids } }
      },
    ]
  })
}
