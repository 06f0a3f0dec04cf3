locals {
  api_fn      = "arn:aws:lambda:${local.region}:${local.account}:function"
  api_queue   = "arn:aws:sqs:${local.region}:${local.account}:contact"
  api_table   = "arn:aws:dynamodb:${local.region}:${local.account}:table/orders"
  api_nlb_arn = "arn:aws:elasticloadbalancing:${local.region}:${local.account}:loadbalancer/net/internal/0123456789abcdef"
  api_mock = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration = {
        type      = "MOCK"
        responses = { "200" = { templates = { "application/json" = "{\"status\": \"ok\"}" } } }
      }
    }
  }
}

# One route of every kind, two authorizers, API keys, cache, WAF and the account role.
module "api_every_kind" {
  source = "../../../modules/apigw-integrations"

  name = "api-every-kind"
  authorizers = {
    users = { type = "COGNITO_USER_POOLS", user_pool_arns = ["arn:aws:cognito-idp:${local.region}:${local.account}:userpool/${local.region}_abc"] }
    token = { type = "TOKEN", function_arn = "${local.api_fn}:authorizer" }
  }
  routes = {
    hello = {
      path        = "/hello/{name}", method = "GET", authorization = "COGNITO_USER_POOLS", authorizer = "users", authorization_scopes = ["api/read"]
      integration = { type = "LAMBDA_PROXY", lambda_function_arn = "${local.api_fn}:hello" }
    }
    order = {
      path = "/orders/{id}", method = "GET", authorization = "CUSTOM", authorizer = "token"
      integration = {
        type                = "LAMBDA"
        lambda_function_arn = "${local.api_fn}:lookup:live"
        request_templates   = { "application/json" = "{\"order_id\": \"$input.params('id')\"}" }
        responses = {
          "200" = { templates = { "application/json" = "$input.json('$')" } }
          "404" = { selection_pattern = "NotFound:.*" }
        }
      }
    }
    status = merge(local.api_mock.status, { api_key_required = true, allow_unauthenticated = true })
    backend = {
      path        = "/backend/{proxy+}", method = "ANY", authorization = "AWS_IAM"
      integration = { type = "HTTP_PROXY", uri = "https://backend.example.com/{proxy}" }
    }
    quote = {
      path = "/quotes", method = "POST", authorization = "AWS_IAM"
      integration = {
        type              = "HTTP"
        uri               = "https://quotes.example.com/quotes"
        http_method       = "PUT"
        request_templates = { "application/json" = "{\"text\": $input.json('$.text')}" }
        responses = {
          "200" = {}
          "502" = { selection_pattern = "5\\d{2}" }
        }
      }
    }
    internal = {
      path        = "/internal/{proxy+}", method = "GET", authorization = "AWS_IAM"
      integration = { type = "PRIVATE", uri = "http://internal.example.com/{proxy}" }
    }
    contact = {
      path           = "/contact", method = "POST", allow_unauthenticated = true, validate = "body"
      request_schema = jsonencode({ type = "object", required = ["email"] })
      integration    = { type = "AWS_SERVICE", aws_service = { action = "sqs:SendMessage", resource_arn = local.api_queue } }
    }
    put_order = {
      path = "/orders", method = "PUT", authorization = "AWS_IAM", validate = "all"
      integration = {
        type              = "AWS_SERVICE"
        aws_service       = { action = "dynamodb:PutItem", resource_arn = local.api_table }
        request_templates = { "application/json" = "{\"TableName\": \"orders\", \"Item\": {\"order_id\": {\"S\": \"$context.requestId\"}}}" }
      }
    }
  }
  vpc_link                    = { target_arns = [local.api_nlb_arn] }
  api_keys                    = ["partner-a", "partner-b"]
  usage_plan                  = { rate_limit = 10, burst_limit = 20, quota_limit = 10000 }
  waf_acl_arn                 = "arn:aws:wafv2:${local.region}:${local.account}:regional/webacl/edge/1234"
  stage_name                  = "prod"
  cache_size                  = "0.5"
  logging_level               = "INFO"
  xray_tracing_enabled        = true
  stage_variables             = { release = "42" }
  account_cloudwatch_role_arn = "arn:aws:iam::${local.account}:role/apigateway-cloudwatch-logs"
}

# A private API on an existing VPC link.
module "api_private" {
  source = "../../../modules/apigw-integrations"

  name             = "api-private"
  endpoint_type    = "PRIVATE"
  vpc_endpoint_ids = ["vpce-0123456789abcdef0"]
  vpc_link         = { id = "abc123" }
  routes = {
    internal = {
      path        = "/", method = "GET", authorization = "AWS_IAM"
      integration = { type = "PRIVATE", uri = "http://internal.example.com/" }
    }
  }
}

# The same mock API three times: a copy must keep the trigger, a template change must move it.
module "api_mock_a" {
  source = "../../../modules/apigw-integrations"
  name   = "api-mock-a"
  routes = local.api_mock
}

module "api_mock_a_again" {
  source = "../../../modules/apigw-integrations"
  name   = "api-mock-a-again"
  routes = local.api_mock
}

module "api_mock_b" {
  source = "../../../modules/apigw-integrations"
  name   = "api-mock-b"
  routes = { status = merge(local.api_mock.status, { integration = { type = "MOCK", responses = { "200" = { templates = { "application/json" = "{\"status\": \"degraded\"}" } } } } }) }
}

module "api_disabled" {
  source = "../../../modules/apigw-integrations"
  create = false
  name   = "api-disabled"
  routes = local.api_mock
}

output "api_triggers" {
  value = {
    a       = module.api_mock_a.redeployment_trigger
    a_again = module.api_mock_a_again.redeployment_trigger
    b       = module.api_mock_b.redeployment_trigger
  }
}

output "api_disabled_outputs" {
  value = [module.api_disabled.rest_api_id, module.api_disabled.invoke_url, module.api_disabled.redeployment_trigger]
}

# A route given the function's API Gateway invoke URI (lambda-with-layers' function_api_gateway_uri,
# aws_lambda_function.invoke_arn) where its ARN belongs: the module reads the ARN out of it.
module "api_invoke_uri" {
  source = "../../../modules/apigw-integrations"

  name = "api-invoke-uri"
  routes = {
    hello = {
      path = "/hello", method = "GET", authorization = "AWS_IAM"
      integration = {
        type                = "LAMBDA_PROXY"
        lambda_function_arn = "arn:aws:apigateway:${local.region}:lambda:path/2015-03-31/functions/${local.api_fn}:hello/invocations"
      }
    }
  }
}

# A DynamoDB Query straight from the API (no function): one route on a table's index.
module "api_query" {
  source = "../../../modules/apigw-integrations"

  name = "api-query"
  routes = {
    by_customer = {
      path = "/customers/{customer_id}/orders", method = "GET", authorization = "AWS_IAM", validate = "params"
      integration = {
        type              = "AWS_SERVICE"
        aws_service       = { action = "dynamodb:Query", resource_arn = "${local.api_table}/index/by_customer" }
        request_templates = { "application/json" = "{\"TableName\": \"orders\", \"IndexName\": \"by_customer\"}" }
        responses         = { "200" = { templates = { "application/json" = "$input.json('$.Items')" } } }
      }
    }
  }
}
