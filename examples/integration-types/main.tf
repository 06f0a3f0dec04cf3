# One REST API with one route of each integration kind, to compare them side by
# side and copy the one you need. `kinds` picks which routes to deploy.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  build_dir  = "${path.module}/../../build"
  powertools = { powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" } }
  orders_arn = "arn:${data.aws_partition.current.partition}:dynamodb:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:table/${var.name}-orders"
  # The queue's ARN from its name, not from the resource: the API's deployment is
  # create_before_destroy, which Terraform gives to everything it depends on, and a
  # create-first replacement of a same-named queue gets the live queue back from SQS,
  # then deletes it as the "old" one.
  feedback_queue_arn = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:${var.name}-feedback"

  routes = {
    # 1. Lambda proxy: the function gets the whole request and shapes the response.
    hello = {
      kind                  = "LAMBDA_PROXY"
      path                  = "/hello/{name}"
      method                = "GET"
      allow_unauthenticated = true
      validate              = "params"
      integration           = { type = "LAMBDA_PROXY", lambda_function_arn = module.hello.function_arn }
    }
    # 2. Lambda non-proxy: templates in and out; the function's error message picks the status.
    order = {
      kind                  = "LAMBDA"
      path                  = "/orders/{id}"
      method                = "GET"
      allow_unauthenticated = true
      integration = {
        type                = "LAMBDA"
        lambda_function_arn = module.lookup.function_arn
        request_templates   = { "application/json" = "{\"order_id\": \"$util.escapeJavaScript($input.params('id')).replaceAll(\"\\\\'\", \"'\")\"}" }
        responses = {
          "200" = { templates = { "application/json" = "$input.json('$')" } }
          "400" = { selection_pattern = "BadRequest:.*", templates = { "application/json" = "{\"message\": \"$util.escapeJavaScript($input.path('$.errorMessage')).replaceAll(\"\\\\'\", \"'\")\"}" } }
          "404" = { selection_pattern = "NotFound:.*", templates = { "application/json" = "{\"message\": \"$util.escapeJavaScript($input.path('$.errorMessage')).replaceAll(\"\\\\'\", \"'\")\"}" } }
          # Any other error (a timeout, a crash) would otherwise fall to the default 200.
          "500" = { selection_pattern = "(?!NotFound:|BadRequest:)[\\s\\S]+", templates = { "application/json" = "{\"message\": \"internal error\"}" } }
        }
      }
    }
    # 3. Mock: fixed answers, chosen by the request template; ?fail=true simulates an outage.
    status = {
      kind                  = "MOCK"
      path                  = "/status"
      method                = "GET"
      allow_unauthenticated = true
      integration = {
        type              = "MOCK"
        request_templates = { "application/json" = "#if($input.params('fail') == 'true'){\"statusCode\": 500}#else{\"statusCode\": 200}#end" }
        responses = {
          "200" = { templates = { "application/json" = "{\"status\": \"ok\", \"version\": \"${var.mock_version}\"}" } }
          "500" = { selection_pattern = "500", templates = { "application/json" = "{\"status\": \"down\", \"message\": \"simulated failure\"}" } }
        }
      }
    }
    # 4a. HTTP proxy: an existing HTTP service, path and query passed through.
    backend = {
      kind                  = "HTTP_PROXY"
      path                  = "/backend/{proxy+}"
      method                = "ANY"
      allow_unauthenticated = true
      integration           = { type = "HTTP_PROXY", uri = "${var.http_backend_url}/{proxy}" }
    }
    # 4b. HTTP with templates: reshape the request and the answer.
    quote = {
      kind                  = "HTTP"
      path                  = "/quotes"
      method                = "POST"
      allow_unauthenticated = true
      integration = {
        type              = "HTTP"
        uri               = "${var.http_backend_url}/quotes"
        request_templates = { "application/json" = "{\"text\": $input.json('$.text'), \"source\": \"api\"}" }
        responses = {
          "200" = { templates = { "application/json" = "{\"quote\": $input.json('$')}" } }
          "502" = { selection_pattern = "5\\d{2}", templates = { "application/json" = "{\"message\": \"the quote service failed\"}" } }
        }
      }
    }
    # 5. Private: through a VPC link to an internal Network Load Balancer; IAM-signed callers only.
    internal = {
      kind          = "PRIVATE"
      path          = "/internal/{proxy+}"
      method        = "GET"
      authorization = "AWS_IAM"
      integration   = { type = "PRIVATE", uri = "http://${try(aws_lb.internal[0].dns_name, "unused.invalid")}/{proxy}" }
    }
    # 6. AWS service: straight to SQS with the role the module writes.
    feedback = {
      kind                  = "AWS_SERVICE"
      path                  = "/feedback"
      method                = "POST"
      allow_unauthenticated = true
      validate              = "body"
      request_schema        = jsonencode({ type = "object", required = ["text"], properties = { text = { type = "string", minLength = 1, maxLength = 2000 } } })
      integration = {
        type        = "AWS_SERVICE"
        aws_service = { action = "sqs:SendMessage", resource_arn = local.feedback_queue_arn } # by name: see the local
      }
    }
  }
}

# Stage logs need API Gateway's CloudWatch role, set once per account and region: here so
# the example works in a fresh account. Where your account baseline sets it, leave this
# module out, and account_cloudwatch_role_arn below.
module "apigw_account" {
  source = "../../modules/apigw-account"

  role_name = "${var.name}-apigw-cloudwatch"
}

module "api" {
  source = "../../modules/apigw-integrations"

  # The stage waits for the account's logging role (below).
  account_cloudwatch_role_arn = module.apigw_account.cloudwatch_role_arn

  name        = var.name
  description = "One route per integration kind"
  routes      = { for key, route in local.routes : key => { for k, v in route : k => v if k != "kind" } if contains(var.kinds, route.kind) }
  vpc_link    = contains(var.kinds, "PRIVATE") ? { target_arns = [aws_lb.internal[0].arn] } : null
}

# What the SQS route sends; what keeps failing ends in the DLQ.
module "feedback" {
  source = "../../modules/queue-with-dead-letter"

  queues = {
    feedback = { name = "${var.name}-feedback" }
  }
}
