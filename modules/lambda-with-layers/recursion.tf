# Lambda stops a function caught in a recursive loop (SQS, SNS, S3) by default; the
# setting exists only to allow a loop that is meant. Without this resource the function
# keeps AWS's default, and removing it sets Terminate again.
resource "aws_lambda_function_recursion_config" "this" {
  count = var.create && var.recursive_loop == "Allow" ? 1 : 0

  function_name  = aws_lambda_function.this[0].function_name
  recursive_loop = var.recursive_loop
}
