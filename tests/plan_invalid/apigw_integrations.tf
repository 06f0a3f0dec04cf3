# One bad input per module call; tests/test_validation.py names the message each must give.

module "api_name_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api with spaces"
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_endpoint_edge" {
  source        = "../../modules/apigw-integrations"
  name          = "api-endpoint-edge"
  endpoint_type = "EDGE"
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_path_no_slash" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-path-no-slash"

  routes = {
    status = {
      path                  = "orders"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_too_deep" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-too-deep"

  routes = {
    status = {
      path                  = "/a/b/c/d/e/f"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_method_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-method-bad"

  routes = {
    status = {
      path                  = "/status"
      method                = "FETCH"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_open_by_default" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-open-by-default"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = false
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_custom_without_authorizer" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-custom-without-authorizer"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      authorization         = "CUSTOM"
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_validate_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-validate-bad"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      validate              = "everything"
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_schema_not_json" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-schema-not-json"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      request_schema        = "{not json"
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_timeout_30001" {
  source = "../../modules/apigw-integrations"
  name   = "api-timeout-30001"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", timeout_milliseconds = 30001, responses = { "200" = {} } }
    }
  }
}

module "api_proxy_with_templates" {
  source = "../../modules/apigw-integrations"
  name   = "api-proxy-with-templates"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "LAMBDA_PROXY", lambda_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:f", request_templates = { "application/json" = "{}" } }
    }
  }
}

module "api_lambda_without_arn" {
  source = "../../modules/apigw-integrations"
  name   = "api-lambda-without-arn"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "LAMBDA", responses = { "200" = {} } }
    }
  }
}

module "api_lambda_arn_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api-lambda-arn-bad"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "LAMBDA_PROXY", lambda_function_arn = "my-function" }
    }
  }
}

module "api_http_without_uri" {
  source = "../../modules/apigw-integrations"
  name   = "api-http-without-uri"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "HTTP_PROXY" }
    }
  }
}

module "api_http_uri_ftp" {
  source = "../../modules/apigw-integrations"
  name   = "api-http-uri-ftp"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "HTTP_PROXY", uri = "ftp://files.example.com" }
    }
  }
}

module "api_service_without_action" {
  source = "../../modules/apigw-integrations"
  name   = "api-service-without-action"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "AWS_SERVICE" }
    }
  }
}

module "api_service_action_unsupported" {
  source = "../../modules/apigw-integrations"
  name   = "api-service-action-unsupported"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "AWS_SERVICE", aws_service = { action = "sqs:DeleteMessage", resource_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
    }
  }
}

module "api_service_dynamodb_without_template" {
  source = "../../modules/apigw-integrations"
  name   = "api-service-dynamodb-without-template"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "AWS_SERVICE", aws_service = { action = "dynamodb:PutItem", resource_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t" } }
    }
  }
}

module "api_mock_without_responses" {
  source = "../../modules/apigw-integrations"
  name   = "api-mock-without-responses"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK" }
    }
  }
}

module "api_response_code_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api-response-code-bad"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "ok" = {} } }
    }
  }
}

module "api_two_default_responses" {
  source = "../../modules/apigw-integrations"
  name   = "api-two-default-responses"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {}, "500" = {} } }
    }
  }
}

module "api_integration_type_bad" {
  source = "../../modules/apigw-integrations"
  name   = "api-integration-type-bad"

  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "KINESIS" }
    }
  }
}

module "api_stage_cache_size" {
  source     = "../../modules/apigw-integrations"
  name       = "api-stage-cache-size"
  cache_size = "2"
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_stage_logging_level" {
  source        = "../../modules/apigw-integrations"
  name          = "api-stage-logging-level"
  logging_level = "DEBUG"
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_stage_log_retention" {
  source                       = "../../modules/apigw-integrations"
  name                         = "api-stage-log-retention"
  access_log_retention_in_days = 42
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_waf_arn" {
  source      = "../../modules/apigw-integrations"
  name        = "api-waf-arn"
  waf_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1"
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_vpc_link_both" {
  source   = "../../modules/apigw-integrations"
  name     = "api-vpc-link-both"
  vpc_link = { id = "abc", target_arns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/1"] }
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_vpc_link_alb" {
  source   = "../../modules/apigw-integrations"
  name     = "api-vpc-link-alb"
  vpc_link = { target_arns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1"] }
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_authorizer_cognito_without_pools" {
  source      = "../../modules/apigw-integrations"
  name        = "api-authorizer-cognito-without-pools"
  authorizers = { users = { type = "COGNITO_USER_POOLS" } }
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_vpce_bad" {
  source           = "../../modules/apigw-integrations"
  name             = "api-vpce-bad"
  vpc_endpoint_ids = ["endpoint-1"]
  routes = {
    status = {
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration           = { type = "MOCK", responses = { "200" = {} } }
    }
  }
}

module "api_route_duplicate" {
  source = "../../modules/apigw-integrations"
  name   = "api-route-duplicate"
  routes = {
    one = { path = "/status", method = "GET", allow_unauthenticated = true, integration = { type = "MOCK", responses = { "200" = {} } } }
    two = { path = "/status", method = "GET", allow_unauthenticated = true, integration = { type = "MOCK", responses = { "200" = {} } } }
  }
}

module "api_no_routes" {
  source = "../../modules/apigw-integrations"
  name   = "api-no-routes"
  routes = {}
}
