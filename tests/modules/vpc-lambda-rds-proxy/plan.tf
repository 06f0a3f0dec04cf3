locals {
  rds_function = {
    handler      = "orders_api.handler.lambda_handler"
    package_path = "${local.build}/functions/orders_api.zip"
    layers       = { pg8000 = { path = "${local.build}/layers/pg8000.zip" } }
  }
}

# A new VPC in 3 zones with no internet, interface endpoints, PostgreSQL on an instance.
module "rds_new_vpc_postgres" {
  source = "../../../modules/vpc-lambda-rds-proxy"

  name                    = "rds-postgres"
  availability_zone_count = 3
  interface_endpoints     = ["lambda", "secretsmanager"]
  database = {
    engine             = "postgres"
    engine_version     = "16.4"
    secret_kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/5555-secret"
  }
  proxy    = { idle_client_timeout = 900, max_connections_percent = 80, max_idle_connections_percent = 20, connection_borrow_timeout = 30 }
  function = local.rds_function
}

# A new VPC with a NAT gateway per zone, MySQL.
module "rds_new_vpc_nat_mysql" {
  source = "../../../modules/vpc-lambda-rds-proxy"

  name        = "rds-mysql"
  nat_gateway = "PER_AZ"
  db_user     = "reporting"
  database    = { engine = "mysql", multi_az = false, deletion_protection = false, skip_final_snapshot = true }
  function    = local.rds_function
}

# One NAT gateway for both zones.
module "rds_single_nat" {
  source = "../../../modules/vpc-lambda-rds-proxy"

  name        = "rds-single-nat"
  nat_gateway = "SINGLE"
  database    = { engine = "postgres" }
  function    = local.rds_function
  db_user_secret = {
    kms_key_arn             = "arn:aws:kms:${local.region}:${local.account}:key/6666-user"
    password_length         = 40
    password_version        = 2
    recovery_window_in_days = 0
  }
}

# An existing VPC and subnets, Aurora PostgreSQL with two instances.
module "rds_existing_vpc_aurora" {
  source = "../../../modules/vpc-lambda-rds-proxy"

  name                = "rds-aurora"
  create_vpc          = false
  vpc_id              = "vpc-0123456789abcdef0"
  vpc_cidr            = "10.99.0.0/16"
  private_subnet_ids  = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  interface_endpoints = ["sts"]
  database            = { engine = "aurora-postgresql", instance_count = 2, instance_class = "db.r6g.large" }
  function            = local.rds_function
}

module "rds_disabled" {
  source = "../../../modules/vpc-lambda-rds-proxy"

  create   = false
  name     = "rds-disabled"
  database = { engine = "postgres" }
  function = local.rds_function
}
