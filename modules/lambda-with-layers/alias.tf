resource "aws_lambda_alias" "this" {
  count = var.create && local.create_alias ? 1 : 0

  name             = var.alias.name
  description      = var.alias.description
  function_name    = aws_lambda_function.this[0].function_name
  function_version = aws_lambda_function.this[0].version
}

# Provisioned concurrency on the alias, not on a bare version: callers keep using
# the alias, and a new version gets warmed before the alias moves to it.
resource "aws_lambda_provisioned_concurrency_config" "this" {
  count = var.create && local.create_alias && try(var.alias.provisioned_concurrent_executions, 0) > 0 ? 1 : 0

  function_name                     = aws_lambda_function.this[0].function_name
  qualifier                         = aws_lambda_alias.this[0].name
  provisioned_concurrent_executions = var.alias.provisioned_concurrent_executions
}
