# Adjusters decide by claim id, with IAM-signed requests: who decided is the signer.
# Stage logs need API Gateway's CloudWatch role, set once per account and region: here so
# the example works in a fresh account. Where your account baseline sets it, leave this
# module out, and account_cloudwatch_role_arn below.
module "apigw_account" {
  source = "../../modules/apigw-account"

  role_name = "${var.name}-apigw-cloudwatch"
}

module "api" {
  source = "../../modules/apigw-integrations"

  # The stage waits for the account's logging role (below).
  account_cloudwatch_role_arn = module.apigw_account.cloudwatch_role_arn

  name        = var.name
  description = "Adjusters' decisions on claims awaiting review"
  routes = {
    decide = {
      path          = "/claims/{claim_id}/decision"
      method        = "POST"
      authorization = "AWS_IAM"
      integration   = { type = "LAMBDA_PROXY", lambda_function_arn = module.decisions.function_arn }
    }
  }
}
