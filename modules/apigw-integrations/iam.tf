# AWS service routes call SQS or DynamoDB with this role: one statement per
# route, exactly its action on exactly its resource, assumable by API Gateway
# only on behalf of this API.
resource "aws_iam_role" "service" {
  count = var.create && length(local.service_routes) > 0 ? 1 : 0

  name = "${var.name}-apigw-service"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ApiGatewayForThisApi"
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "${aws_api_gateway_rest_api.this[0].execution_arn}/*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "service" {
  count = var.create && length(local.service_routes) > 0 ? 1 : 0

  name = "${var.name}-apigw-service"
  role = aws_iam_role.service[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for key, route in local.service_routes : {
      Sid      = replace(title(replace(key, "/[^A-Za-z0-9]+/", " ")), " ", "")
      Effect   = "Allow"
      Action   = [route.integration.aws_service.action]
      Resource = [route.integration.aws_service.resource_arn]
    }]
  })
}
