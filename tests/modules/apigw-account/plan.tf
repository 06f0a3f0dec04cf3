# The account's API Gateway CloudWatch role with the defaults.
module "apigw_account_default" {
  source = "../../../modules/apigw-account"
}

# A baseline's naming: its own role name and path, a permissions boundary, tags.
module "apigw_account_baseline" {
  source = "../../../modules/apigw-account"

  role_name                = "platform-apigw-logs"
  role_path                = "/platform/"
  permissions_boundary_arn = "arn:aws:iam::${local.account}:policy/platform-boundary"
  tags                     = { owner = "platform" }
}

module "apigw_account_disabled" {
  source = "../../../modules/apigw-account"

  create = false
}
