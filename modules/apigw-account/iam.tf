# The role API Gateway writes every REST API's logs with, in this account only.
resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name                 = var.role_name
  path                 = var.role_path
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

# AWS's managed policy for exactly this role (log groups and streams of any API).
resource "aws_iam_role_policy_attachment" "logs" {
  count = var.create ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}
