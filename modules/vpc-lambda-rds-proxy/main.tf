data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first availability_zone_count zones by name are used; zones AWS adds later sort after them and change nothing.
  count = var.create && var.create_vpc ? 1 : 0
  state = "available"
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  aurora        = startswith(var.database.engine, "aurora-")
  engine_family = endswith(var.database.engine, "postgresql") || var.database.engine == "postgres" ? "POSTGRESQL" : "MYSQL"
  port          = local.engine_family == "POSTGRESQL" ? 5432 : 3306
  log_exports = local.engine_family == "POSTGRESQL" ? ["postgresql"] : (
    local.aurora ? ["audit", "error", "slowquery"] : ["error", "slowquery"]
  )

  vpc_id             = var.create_vpc ? try(aws_vpc.this[0].id, null) : var.vpc_id
  private_subnet_ids = var.create_vpc ? [for subnet in aws_subnet.private : subnet.id] : var.private_subnet_ids

  # The master secret RDS creates and rotates (manage_master_user_password).
  secret_arn                 = local.aurora ? try(aws_rds_cluster.this[0].master_user_secret[0].secret_arn, null) : try(aws_db_instance.this[0].master_user_secret[0].secret_arn, null)
  db_user_secret_kms_key_arn = try(coalesce(var.db_user_secret.kms_key_arn, var.database.secret_kms_key_arn), null)
  # The secrets the proxy logs in with (the master's, db_user's) and the customer keys behind them.
  proxy_secret_arns = compact([local.secret_arn, try(aws_secretsmanager_secret.db_user[0].arn, null)])
  proxy_secret_kms_key_arns = distinct(compact([
    var.database.secret_kms_key_arn,
    local.db_user_secret_kms_key_arn,
  ]))
  # The proxy's resource ID (prx-...) names the database user in rds-db:connect.
  proxy_resource_id = try(split(":", aws_db_proxy.this[0].arn)[6], null)
  db_user_arn       = "arn:${local.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${coalesce(local.proxy_resource_id, "pending")}/${var.db_user}"
}
