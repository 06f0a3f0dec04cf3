locals {
  # Lambda@Edge writes each replica's logs in the region that ran it, to a group named
  # after us-east-1 and the function; test invocations in us-east-1 go to the group
  # this module creates. Nothing else is granted unless the caller adds statements.
  edge_log_groups_arn = "arn:${local.partition}:logs:*:${local.account_id}:log-group:/aws/lambda/us-east-1.${var.name}"
  module_statements = {
    Logs = {
      effect  = "Allow"
      actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
      resources = [
        local.edge_log_groups_arn,
        "${local.edge_log_groups_arn}:*",
        # Built from the name, so the whole policy is known at plan.
        "arn:${local.partition}:logs:us-east-1:${local.account_id}:log-group:/aws/lambda/${var.name}:*",
      ]
    }
  }
  role_statements = merge(local.module_statements, var.policy_statements)
}

module "policy_statement_rules" {
  source    = "../iam-statement-rules"
  providers = { aws = aws.us_east_1 }

  create                = var.create
  name                  = var.name
  input_name            = "policy_statements"
  statements            = var.policy_statements
  module_statement_keys = keys(local.module_statements)
}

data "aws_iam_policy_document" "assume_role" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  statement {
    sid     = "LambdaAndEdgeAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type = "Service"
      # edgelambda: CloudFront replicates the function and runs it under this role.
      identifiers = ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume_role[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "role" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  dynamic "statement" {
    for_each = local.role_statements
    content {
      sid       = statement.key
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "this" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  name   = var.name
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.role[0].json
}
