data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
}

# The account's setting, one per account and region, shared by every REST API there:
# API Gateway refuses a stage's access or execution logs until it names a role.
resource "aws_api_gateway_account" "this" {
  count = var.create ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.this[0].arn

  # API Gateway checks the role can write logs when the setting is made.
  depends_on = [aws_iam_role_policy_attachment.logs]
}
