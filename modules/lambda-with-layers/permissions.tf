resource "aws_lambda_permission" "triggers" {
  for_each = var.create ? var.allowed_triggers : {}

  statement_id   = each.key
  action         = each.value.action
  function_name  = aws_lambda_function.this[0].function_name
  qualifier      = local.qualifier
  principal      = each.value.principal
  source_arn     = each.value.source_arn
  source_account = each.value.source_account
}
