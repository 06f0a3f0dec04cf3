# The proxy reads the secrets it logs in with (the master's, db_user's) with its own role:
# GetSecretValue on those secrets, Decrypt only through Secrets Manager.
resource "aws_iam_role" "proxy" {
  count = var.create ? 1 : 0

  name = "${var.name}-rds-proxy"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "proxy" {
  count = var.create ? 1 : 0

  name = "${var.name}-rds-proxy"
  role = aws_iam_role.proxy[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid      = "ReadLoginSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = local.proxy_secret_arns
      }],
      # A customer managed key must be granted; the AWS managed aws/secretsmanager key
      # admits the account's principals through Secrets Manager by its own key policy,
      # so nothing is granted for it (never Decrypt on every key of the account).
      length(local.proxy_secret_kms_key_arns) > 0 ? [{
        Sid       = "DecryptSecretsViaSecretsManager"
        Effect    = "Allow"
        Action    = ["kms:Decrypt"]
        Resource  = local.proxy_secret_kms_key_arns
        Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${local.region}.amazonaws.com" } }
      }] : [],
    )
  })
}

resource "aws_db_proxy" "this" {
  count = var.create ? 1 : 0

  name                   = var.name
  engine_family          = local.engine_family
  role_arn               = aws_iam_role.proxy[0].arn
  vpc_subnet_ids         = local.private_subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy[0].id]
  require_tls            = true
  idle_client_timeout    = var.proxy.idle_client_timeout
  debug_logging          = false # it logs statements, and with them personal data
  tags                   = var.tags

  # Clients present IAM tokens; the proxy logs in to the database as the user a client
  # names, with that user's registered secret.
  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = aws_secretsmanager_secret.db_user[0].arn
    description = "${var.db_user}, the function's user"
  }

  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = local.secret_arn
    description = "Master user of ${var.name}, for whoever is granted rds-db:connect on it"
  }

  # The role may read the secrets, and db_user's holds its password, before any client comes.
  depends_on = [aws_iam_role_policy.proxy, aws_secretsmanager_secret_version.db_user]
}

resource "aws_db_proxy_default_target_group" "this" {
  count = var.create ? 1 : 0

  db_proxy_name = aws_db_proxy.this[0].name

  connection_pool_config {
    max_connections_percent      = var.proxy.max_connections_percent
    max_idle_connections_percent = var.proxy.max_idle_connections_percent
    connection_borrow_timeout    = var.proxy.connection_borrow_timeout
  }
}

resource "aws_db_proxy_target" "this" {
  count = var.create ? 1 : 0

  db_proxy_name          = aws_db_proxy.this[0].name
  target_group_name      = aws_db_proxy_default_target_group.this[0].name
  db_instance_identifier = local.aurora ? null : aws_db_instance.this[0].identifier
  db_cluster_identifier  = local.aurora ? aws_rds_cluster.this[0].cluster_identifier : null
}
