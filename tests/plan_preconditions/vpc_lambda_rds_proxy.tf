# Inputs that are only wrong together: preconditions, named in tests/test_validation.py.

module "rds_existing_one_subnet" {
  source             = "../../modules/vpc-lambda-rds-proxy"
  name               = "rds-existing-one-subnet"
  create_vpc         = false
  vpc_id             = "vpc-0123456789abcdef0"
  private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa"]
  database           = { engine = "postgres" }
  function           = { handler = "orders_api.handler.lambda_handler", package_path = "../../build/functions/orders_api.zip" }
}

module "rds_existing_with_nat" {
  source             = "../../modules/vpc-lambda-rds-proxy"
  name               = "rds-existing-with-nat"
  create_vpc         = false
  nat_gateway        = "SINGLE"
  vpc_id             = "vpc-0123456789abcdef0"
  private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  database           = { engine = "postgres" }
  function           = { handler = "orders_api.handler.lambda_handler", package_path = "../../build/functions/orders_api.zip" }
}

# A caller statement may not take the key of the function's own rds-db:connect statement.
module "rds_statement_key" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-statement-key"
  database = { engine = "postgres" }
  function = {
    handler           = "orders_api.handler.lambda_handler"
    package_path      = "../../build/functions/orders_api.zip"
    policy_statements = { ConnectThroughProxy = { actions = ["rds-db:connect"], resources = ["arn:aws:rds-db:us-east-1:123456789012:dbuser:*/admin"] } }
  }
}
