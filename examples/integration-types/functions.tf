# The Lambda routes' functions; created only when their route kind is deployed.
module "hello" {
  source = "../../modules/lambda-with-layers"

  create                   = contains(var.kinds, "LAMBDA_PROXY")
  name                     = "${var.name}-hello"
  description              = "GET /hello/{name} (Lambda proxy)"
  handler                  = "api_routes.proxy.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/api_routes.zip" }
  layers                   = local.powertools
  memory_size              = 256
  timeout                  = 10
  create_dead_letter_queue = false # API Gateway invokes synchronously: the client sees the error
}

module "lookup" {
  source = "../../modules/lambda-with-layers"

  create                   = contains(var.kinds, "LAMBDA")
  name                     = "${var.name}-order-lookup"
  description              = "GET /orders/{id} (Lambda non-proxy)"
  handler                  = "api_routes.lookup.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/api_routes.zip" }
  layers                   = local.powertools
  memory_size              = 256
  timeout                  = 10
  create_dead_letter_queue = false

  environment_variables = { ORDERS_TABLE = "${var.name}-orders" }
  policy_statements = {
    ReadOrders = {
      actions   = ["dynamodb:GetItem"]
      resources = [local.orders_arn]
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  count = contains(var.kinds, "LAMBDA") ? 1 : 0

  name         = "${var.name}-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
