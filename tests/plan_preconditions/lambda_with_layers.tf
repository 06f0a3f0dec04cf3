# Inputs that are valid one by one but not together: the function's preconditions
# reject them when it is planned. Kept apart from plan_invalid/ because Terraform
# stops before planning resources when any variable is invalid.

module "lwl_six_layers" {
  source     = "../../modules/lambda-with-layers"
  name       = "lwl-six-layers"
  handler    = "h.handler"
  package    = { path = "${local.build}/functions/thumbnail.zip" }
  layers     = { for key in ["a", "b", "c"] : key => { path = "${local.build}/layers/powertools.zip" } }
  layer_arns = [for n in range(3) : "arn:aws:lambda:us-east-1:123456789012:layer:extra:${n + 1}"]
}

module "lwl_vpc_without_security_groups" {
  source         = "../../modules/lambda-with-layers"
  name           = "lwl-vpc-without-sg"
  handler        = "h.handler"
  package        = { path = "${local.build}/functions/thumbnail.zip" }
  vpc_subnet_ids = ["subnet-0a"]
}

module "lwl_no_role" {
  source      = "../../modules/lambda-with-layers"
  name        = "lwl-no-role"
  handler     = "h.handler"
  package     = { path = "${local.build}/functions/thumbnail.zip" }
  create_role = false
}

# The IAM rules of modules/iam-statement-rules, one broken rule per call.
module "lwl_policy_wildcard" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-wildcard"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { All = { actions = ["s3:*"], resources = ["arn:aws:s3:::b/*"] } }
}

module "lwl_policy_get_star" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-get-star"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Reads = { actions = ["s3:Get*"], resources = ["arn:aws:s3:::b/*"] } }
}

module "lwl_policy_question" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-question"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Read = { actions = ["s3:?etObject"], resources = ["arn:aws:s3:::b/*"] } }
}

module "lwl_policy_passrole" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-passrole"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Pass = { actions = ["iam:PassRol?"], resources = ["arn:aws:iam::123456789012:role/app"] } }
}

module "lwl_policy_iam_p_star" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-iam-p-star"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Iam = { actions = ["iam:P*"], resources = ["arn:aws:iam::123456789012:role/app"] } }
}

module "lwl_policy_sts_a_star" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-sts-a-star"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Sts = { actions = ["sts:A*"], resources = ["arn:aws:iam::123456789012:role/app"] } }
}

module "lwl_policy_star_resource" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-star-resource"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Read = { actions = ["s3:GetObject", "xray:PutTraceSegments"], resources = ["*"] } }
}

module "lwl_policy_logs_key" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-logs-key"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { Logs = { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/*"] } }
}

module "lwl_policy_dead_letter_key" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-policy-dead-letter-key"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  policy_statements = { DeadLetter = { actions = ["sqs:SendMessage"], resources = ["arn:aws:sqs:us-east-1:123456789012:other"] } }
}
