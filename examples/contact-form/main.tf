# A website's "contact us" form posts JSON to the API, which validates it and
# puts it on a queue: no Lambda in the path, nothing to patch or scale. Whoever
# answers messages reads the queue.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  # The queue's ARN from its name, not from the resource: the API's deployment is
  # create_before_destroy (a new deployment serves before the old one goes), and
  # Terraform gives that to everything the deployment depends on. A queue the route
  # referenced would be replaced create-first, and SQS answers CreateQueue for an
  # existing name with the live queue, which the deletion of the "old" one then removes.
  messages_queue_arn = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:${var.name}-messages"
}

# Messages wait here (14 days: over a holiday); what keeps failing ends in the DLQ.
module "messages" {
  source = "../../modules/queue-with-dead-letter"

  queues = {
    messages = {
      name                       = "${var.name}-messages"
      message_retention_seconds  = 1209600
      visibility_timeout_seconds = 300
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
  description = "Contact form: validated JSON messages straight onto a queue"

  routes = {
    contact = {
      path   = "/contact"
      method = "POST"
      # A public form: anyone may post; the schema, throttling and the queue bound the damage.
      allow_unauthenticated = true
      validate              = "body"
      request_schema = jsonencode({
        "$schema"            = "http://json-schema.org/draft-04/schema#"
        title                = "ContactMessage"
        type                 = "object"
        required             = ["name", "email", "message"]
        additionalProperties = false
        properties = {
          name    = { type = "string", minLength = 1, maxLength = 100 }
          email   = { type = "string", pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength = 254 }
          message = { type = "string", minLength = 1, maxLength = 5000 }
        }
      })
      integration = {
        type        = "AWS_SERVICE"
        aws_service = { action = "sqs:SendMessage", resource_arn = local.messages_queue_arn } # see local.messages_queue_arn
      }
    }
  }

  stage_name             = "v1"
  throttling_rate_limit  = var.rate_limit
  throttling_burst_limit = var.rate_limit * 2
}
