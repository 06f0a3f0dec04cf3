# An order event is published once; billing, shipping and analytics each get it
# in their own queue. Shipping only wants paid orders. Each consumer records what
# it processed in one shared table, once per event.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  table_name = "${var.name}-processed"
  # Built from the name so the consumers' policies are known at plan time.
  table_arn = "arn:${data.aws_partition.current.partition}:dynamodb:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:table/${local.table_name}"
  build_dir = "${path.module}/../../build"

  consumer = {
    handler      = "order_events.handler.lambda_handler"
    package_path = "${local.build_dir}/functions/order_events.zip"
    layers       = { powertools = { path = "${local.build_dir}/layers/powertools.zip" } }
    timeout      = var.consumer_timeout
    batch_size   = 10
    policy_statements = {
      RecordProcessed = {
        actions   = ["dynamodb:PutItem"]
        resources = [local.table_arn]
      }
    }
  }
  visibility_timeout = 6 * var.consumer_timeout
}

module "orders" {
  source = "../../modules/sns-sqs-fanout"

  name = var.name

  subscribers = {
    billing = {
      visibility_timeout_seconds = local.visibility_timeout
      max_receive_count          = var.max_receive_count
      consumer = merge(local.consumer, {
        environment_variables = { PROCESSED_TABLE = local.table_name, CONSUMER_NAME = "billing" }
      })
    }
    shipping = {
      # Only paid orders, chosen by the publisher's message attribute.
      filter_policy              = jsonencode({ status = ["PAID"] })
      visibility_timeout_seconds = local.visibility_timeout
      max_receive_count          = var.max_receive_count
      consumer = merge(local.consumer, {
        environment_variables = { PROCESSED_TABLE = local.table_name, CONSUMER_NAME = "shipping" }
      })
    }
    analytics = {
      visibility_timeout_seconds = local.visibility_timeout
      max_receive_count          = var.max_receive_count
      consumer = merge(local.consumer, {
        environment_variables = { PROCESSED_TABLE = local.table_name, CONSUMER_NAME = "analytics" }
      })
    }
  }
}

resource "aws_dynamodb_table" "processed" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
