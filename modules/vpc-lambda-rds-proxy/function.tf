module "function" {
  source = "../lambda-with-layers"

  create      = var.create
  name        = var.name
  description = "Reaches ${var.name}'s database through RDS Proxy with IAM authentication"
  handler     = var.function.handler
  runtime     = var.function.runtime
  package     = { path = var.function.package_path }
  layers      = var.function.layers
  memory_size = var.function.memory_size
  timeout     = var.function.timeout
  tags        = var.tags

  # Called synchronously (API, SDK): the caller sees the error, no async DLQ.
  create_dead_letter_queue = false

  vpc_subnet_ids                     = local.private_subnet_ids
  vpc_security_group_ids             = var.create ? [aws_security_group.function[0].id] : []
  replace_security_groups_on_destroy = var.replace_security_groups_on_destroy
  replacement_security_group_ids     = var.create && var.create_vpc ? [aws_default_security_group.this[0].id] : []

  environment_variables = merge(var.function.environment_variables, {
    DB_HOST   = try(aws_db_proxy.this[0].endpoint, "")
    DB_PORT   = tostring(local.port)
    DB_NAME   = var.database.db_name
    DB_USER   = var.db_user
    DB_ENGINE = local.engine_family
  })

  policy_statements = merge(var.function.policy_statements, {
    # An IAM token for exactly this user on exactly this proxy.
    ConnectThroughProxy = {
      actions   = ["rds-db:connect"]
      resources = [local.db_user_arn]
    }
  })
}

# The function's own statement may not be replaced by a caller statement of the same
# key (merge() above would silently drop the caller's). lambda-with-layers judges the
# statements themselves; here only the keys are compared.
module "function_statement_keys" {
  source = "../iam-statement-rules"

  create                = var.create
  name                  = var.name
  input_name            = "function.policy_statements"
  statements            = { for key in keys(var.function.policy_statements) : key => { actions = [], resources = [] } }
  module_statement_keys = ["ConnectThroughProxy"]
}
