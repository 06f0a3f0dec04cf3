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

module "api" {
  source = "../../modules/apigw-integrations"

  # Stage logs need API Gateway's CloudWatch role, one per account and region: set here so
  # the example works in a fresh account. false where your account baseline sets it.
  create_account_cloudwatch_role = true

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
