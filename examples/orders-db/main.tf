# An orders API whose function talks to PostgreSQL through RDS Proxy inside a
# private VPC: IAM tokens instead of passwords, TLS, pooled connections, no
# internet. API Gateway (IAM-signed callers) fronts it.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

locals {
  build_dir = "${path.module}/../../build"
}

module "orders_db" {
  source = "../../modules/vpc-lambda-rds-proxy"

  name                = var.name
  vpc_cidr            = var.vpc_cidr
  interface_endpoints = ["lambda"] # private callers invoke the function without the internet
  db_user             = "orders_api"

  database = {
    engine              = "postgres"
    engine_version      = "16.4"
    instance_class      = var.instance_class
    db_name             = "orders"
    multi_az            = var.production
    deletion_protection = var.production
    skip_final_snapshot = !var.production
  }

  function = {
    handler      = "orders_api.handler.lambda_handler"
    package_path = "${local.build_dir}/functions/orders_api.zip"
    layers = {
      powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" }
      pg8000     = { path = "${local.build_dir}/layers/pg8000.zip", description = "pg8000 PostgreSQL driver" }
    }
    timeout = 10
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
  description = "Orders, stored in PostgreSQL behind RDS Proxy"
  routes = {
    create = {
      path        = "/orders", method = "POST", authorization = "AWS_IAM"
      integration = { type = "LAMBDA_PROXY", lambda_function_arn = module.orders_db.function_arn }
    }
    list = {
      path        = "/orders", method = "GET", authorization = "AWS_IAM"
      integration = { type = "LAMBDA_PROXY", lambda_function_arn = module.orders_db.function_arn }
    }
    read = {
      path        = "/orders/{order_id}", method = "GET", authorization = "AWS_IAM"
      integration = { type = "LAMBDA_PROXY", lambda_function_arn = module.orders_db.function_arn }
    }
  }
}
