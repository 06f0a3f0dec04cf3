resource "aws_db_subnet_group" "this" {
  count = var.create ? 1 : 0

  name       = var.name
  subnet_ids = local.private_subnet_ids
  tags       = var.tags
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring needs a monitoring role and costs per instance; Performance Insights and log exports are on.
  #checkov:skip=CKV2_AWS_30:Query logging is a parameter-group decision (volume, personal data in statements) the caller owns.
  #checkov:skip=CKV_AWS_133:Automated backups cannot be off: database.backup_retention_period is validated to 1-35 days.
  #checkov:skip=CKV_AWS_293:Deletion protection is on by default (database.deletion_protection); checkov cannot read optional() defaults, and examples turn it off to destroy in one step.
  #checkov:skip=CKV_AWS_157:Multi-AZ is on by default (database.multi_az); the caller may trade it for cost outside production.
  #checkov:skip=CKV_AWS_353:Performance Insights is on by default (database.performance_insights_enabled); some small instance classes do not support it.
  #checkov:skip=CKV_AWS_354:Performance Insights data is encrypted with database.storage_kms_key_arn when the caller gives a key, else with the AWS managed key, the same choice as for storage.
  count = var.create && !local.aurora ? 1 : 0

  identifier                          = var.name
  engine                              = var.database.engine
  engine_version                      = var.database.engine_version
  instance_class                      = var.database.instance_class
  allocated_storage                   = var.database.allocated_storage
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = var.database.storage_kms_key_arn
  db_name                             = var.database.db_name
  port                                = local.port
  username                            = var.database.master_username
  manage_master_user_password         = true # RDS keeps and rotates it in Secrets Manager
  master_user_secret_kms_key_id       = var.database.secret_kms_key_arn
  iam_database_authentication_enabled = true
  db_subnet_group_name                = aws_db_subnet_group.this[0].name
  vpc_security_group_ids              = [aws_security_group.database[0].id]
  publicly_accessible                 = false
  multi_az                            = var.database.multi_az
  backup_retention_period             = var.database.backup_retention_period
  deletion_protection                 = var.database.deletion_protection
  skip_final_snapshot                 = var.database.skip_final_snapshot
  final_snapshot_identifier           = var.database.skip_final_snapshot ? null : "${var.name}-final"
  copy_tags_to_snapshot               = true
  auto_minor_version_upgrade          = true
  enabled_cloudwatch_logs_exports     = local.log_exports
  performance_insights_enabled        = var.database.performance_insights_enabled
  performance_insights_kms_key_id     = var.database.performance_insights_enabled ? var.database.storage_kms_key_arn : null
  tags                                = var.tags
}

resource "aws_rds_cluster" "this" {
  #checkov:skip=CKV2_AWS_8:Backups are RDS automated backups (backup_retention_period); an AWS Backup plan is the account's.
  #checkov:skip=CKV2_AWS_27:Query logging is a parameter-group decision (volume, personal data in statements) the caller owns.
  #checkov:skip=CKV_AWS_133:Automated backups cannot be off: database.backup_retention_period is validated to 1-35 days.
  #checkov:skip=CKV_AWS_139:Deletion protection is on by default (database.deletion_protection); checkov cannot read optional() defaults.
  #checkov:skip=CKV_AWS_327:Storage is always encrypted; with a customer key when the caller gives database.storage_kms_key_arn (its key policy is the caller's), else with the AWS managed key.
  count = var.create && local.aurora ? 1 : 0

  cluster_identifier                  = var.name
  engine                              = var.database.engine
  engine_version                      = var.database.engine_version
  database_name                       = var.database.db_name
  port                                = local.port
  master_username                     = var.database.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.database.secret_kms_key_arn
  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  kms_key_id                          = var.database.storage_kms_key_arn
  db_subnet_group_name                = aws_db_subnet_group.this[0].name
  vpc_security_group_ids              = [aws_security_group.database[0].id]
  backup_retention_period             = var.database.backup_retention_period
  deletion_protection                 = var.database.deletion_protection
  skip_final_snapshot                 = var.database.skip_final_snapshot
  final_snapshot_identifier           = var.database.skip_final_snapshot ? null : "${var.name}-final"
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = local.log_exports
  tags                                = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring needs a monitoring role and costs per instance; Performance Insights and log exports are on.
  #checkov:skip=CKV_AWS_353:Performance Insights is on by default (database.performance_insights_enabled); some small instance classes do not support it.
  #checkov:skip=CKV_AWS_354:Performance Insights data is encrypted with database.storage_kms_key_arn when the caller gives a key, else with the AWS managed key, the same choice as for storage.
  count = var.create && local.aurora ? var.database.instance_count : 0

  identifier                      = "${var.name}-${count.index + 1}"
  cluster_identifier              = aws_rds_cluster.this[0].id
  engine                          = aws_rds_cluster.this[0].engine
  engine_version                  = aws_rds_cluster.this[0].engine_version
  instance_class                  = var.database.instance_class
  db_subnet_group_name            = aws_db_subnet_group.this[0].name
  publicly_accessible             = false
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = var.database.performance_insights_enabled
  performance_insights_kms_key_id = var.database.performance_insights_enabled ? var.database.storage_kms_key_arn : null
  tags                            = var.tags
}
