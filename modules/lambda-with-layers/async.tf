resource "aws_lambda_function_event_invoke_config" "this" {
  count = var.create && var.async_invocation != null ? 1 : 0

  function_name                = aws_lambda_function.this[0].function_name
  qualifier                    = local.create_alias ? aws_lambda_alias.this[0].name : "$LATEST"
  maximum_retry_attempts       = var.async_invocation.maximum_retry_attempts
  maximum_event_age_in_seconds = var.async_invocation.maximum_event_age_in_seconds

  dynamic "destination_config" {
    for_each = length(local.async_destinations) > 0 ? [true] : []
    content {
      dynamic "on_success" {
        for_each = var.async_invocation.on_success_destination_arn != null ? [var.async_invocation.on_success_destination_arn] : []
        content {
          destination = on_success.value
        }
      }
      dynamic "on_failure" {
        for_each = var.async_invocation.on_failure_destination_arn != null ? [var.async_invocation.on_failure_destination_arn] : []
        content {
          destination = on_failure.value
        }
      }
    }
  }

  # The role must be allowed to send to the destinations before Lambda validates them.
  depends_on = [aws_iam_role_policy.this]
}
