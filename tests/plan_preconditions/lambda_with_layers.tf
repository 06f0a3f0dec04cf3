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
