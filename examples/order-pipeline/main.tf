# New orders, and only new orders, flow from the orders table's stream through a
# pipe: the enrichment adds the customer, the processor marks the order
# PROCESSING and writes an audit entry. No glue code polls the stream.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  build_dir = "${path.module}/../../build"
  # Built from names so the functions' policies are known at plan time.
  table_arn_prefix = "arn:${data.aws_partition.current.partition}:dynamodb:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:table"
  table_names = {
    orders    = "${var.name}-orders"
    customers = "${var.name}-customers"
    audit     = "${var.name}-order-audit"
  }
  table_arns = { for key, name in local.table_names : key => "${local.table_arn_prefix}/${name}" }
  powertools = { powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" } }
}

module "enrichment" {
  source = "../../modules/lambda-with-layers"

  name        = "${var.name}-order-enrichment"
  description = "Adds the customer record to each new order the pipe passes"
  handler     = "order_enrichment.handler.lambda_handler"
  runtime     = "python3.12"
  package     = { path = "${local.build_dir}/functions/order_enrichment.zip" }
  layers      = local.powertools
  memory_size = 256
  timeout     = 30
  # The pipe calls it synchronously; there is no async invocation to dead-letter.
  create_dead_letter_queue = false

  environment_variables = {
    CUSTOMERS_TABLE = local.table_names.customers
  }

  policy_statements = {
    ReadCustomers = {
      actions   = ["dynamodb:BatchGetItem"]
      resources = [local.table_arns.customers]
    }
  }
}

module "processor" {
  source = "../../modules/lambda-with-layers"

  name                     = "${var.name}-order-processor"
  description              = "Marks each new order PROCESSING and audits it, once"
  handler                  = "order_processor.handler.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/order_processor.zip" }
  layers                   = local.powertools
  memory_size              = 256
  timeout                  = 30
  create_dead_letter_queue = false

  environment_variables = {
    ORDERS_TABLE = local.table_names.orders
    AUDIT_TABLE  = local.table_names.audit
  }

  policy_statements = {
    # The status change: the condition on NEW lives in the transaction.
    UpdateOrders = {
      actions   = ["dynamodb:UpdateItem", "dynamodb:GetItem"]
      resources = [local.table_arns.orders]
    }
    WriteAudit = {
      actions   = ["dynamodb:PutItem"]
      resources = [local.table_arns.audit]
    }
  }
}

module "pipe" {
  source = "../../modules/pipes-pipeline"

  name        = "${var.name}-new-orders"
  description = "New orders from the orders table, with their customer, to the order processor"

  pipe_source = {
    dynamodb_stream = {
      stream_arn             = aws_dynamodb_table.orders.stream_arn
      starting_position      = "LATEST"
      batch_size             = var.batch_size
      maximum_retry_attempts = var.maximum_retry_attempts
      # A record that keeps failing goes to the dead-letter queue the module creates.
    }
  }
  # The stream is created in this apply: Pipes cannot read it for about a minute.
  stream_source_wait_seconds = var.pipe_stream_wait_seconds

  # Only inserts of orders whose status is NEW: the processor's own update (to
  # PROCESSING) is a MODIFY and never comes back through the pipe.
  filter_patterns = [jsonencode({
    eventName = ["INSERT"]
    dynamodb  = { NewImage = { status = { S = ["NEW"] } } }
  })]

  enrichment = { lambda_function_arn = module.enrichment.function_arn }
  target     = { arn = module.processor.function_arn, invocation_type = "REQUEST_RESPONSE" }

  logging = { level = "ERROR", retention_in_days = 731 }
}
