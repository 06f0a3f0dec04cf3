resource "aws_lambda_function_url" "this" {
  #checkov:skip=CKV_AWS_258:auth_type NONE is refused at plan (variables.tf: provider 5.x cannot write the lambda:InvokedViaFunctionUrl grant AWS requires); the HCL scan cannot see that validation.
  count = var.create && var.function_url != null ? 1 : 0

  function_name      = aws_lambda_function.this[0].function_name
  qualifier          = local.qualifier
  authorization_type = var.function_url.auth_type
  invoke_mode        = var.function_url.invoke_mode

  dynamic "cors" {
    for_each = var.function_url.cors != null ? [var.function_url.cors] : []
    content {
      allow_credentials = cors.value.allow_credentials
      allow_headers     = cors.value.allow_headers
      allow_methods     = cors.value.allow_methods
      allow_origins     = cors.value.allow_origins
      expose_headers    = cors.value.expose_headers
      max_age           = cors.value.max_age
    }
  }
}
