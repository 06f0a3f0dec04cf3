# One bad input per module call; tests/test_validation.py names the message each must give.

locals {
  rds_function = { handler = "orders_api.handler.lambda_handler", package_path = "../../build/functions/orders_api.zip" }
}

module "rds_name_caps" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "Orders"
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_engine_mariadb" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-engine-mariadb"
  database = { engine = "mariadb" }
  function = local.rds_function
}

module "rds_instance_class_bad" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-instance-class-bad"
  database = { engine = "postgres", instance_class = "t3.micro" }
  function = local.rds_function
}

module "rds_instance_count_16" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-instance-count-16"
  database = { engine = "postgres", instance_count = 16 }
  function = local.rds_function
}

module "rds_storage_10" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-storage-10"
  database = { engine = "postgres", allocated_storage = 10 }
  function = local.rds_function
}

module "rds_db_name_bad" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-db-name-bad"
  database = { engine = "postgres", db_name = "my-db" }
  function = local.rds_function
}

module "rds_backup_0" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-backup-0"
  database = { engine = "postgres", backup_retention_period = 0 }
  function = local.rds_function
}

module "rds_kms_bad" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-kms-bad"
  database = { engine = "postgres", secret_kms_key_arn = "alias/aws/secretsmanager" }
  function = local.rds_function
}

module "rds_db_user_bad" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-db-user-bad"
  db_user  = "app user"
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_proxy_idle_0" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-proxy-idle-0"
  proxy    = { idle_client_timeout = 0 }
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_proxy_idle_above_max" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-proxy-idle-above-max"
  proxy    = { max_connections_percent = 50, max_idle_connections_percent = 60 }
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_proxy_borrow" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-proxy-borrow"
  proxy    = { connection_borrow_timeout = 3601 }
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_vpc_cidr_8" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-vpc-cidr-8"
  vpc_cidr = "10.0.0.0/8"
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_az_4" {
  source                  = "../../modules/vpc-lambda-rds-proxy"
  name                    = "rds-az-4"
  availability_zone_count = 4
  database                = { engine = "postgres" }
  function                = local.rds_function
}

module "rds_nat_bad" {
  source      = "../../modules/vpc-lambda-rds-proxy"
  name        = "rds-nat-bad"
  nat_gateway = "DOUBLE"
  database    = { engine = "postgres" }
  function    = local.rds_function
}

module "rds_vpc_id_bad" {
  source   = "../../modules/vpc-lambda-rds-proxy"
  name     = "rds-vpc-id-bad"
  vpc_id   = "my-vpc"
  database = { engine = "postgres" }
  function = local.rds_function
}

module "rds_subnet_bad" {
  source             = "../../modules/vpc-lambda-rds-proxy"
  name               = "rds-subnet-bad"
  private_subnet_ids = ["private-a", "private-b"]
  database           = { engine = "postgres" }
  function           = local.rds_function
}

module "rds_endpoint_bad" {
  source              = "../../modules/vpc-lambda-rds-proxy"
  name                = "rds-endpoint-bad"
  interface_endpoints = ["Secrets Manager"]
  database            = { engine = "postgres" }
  function            = local.rds_function
}
