# Adjusters decide by claim id, with IAM-signed requests: who decided is the signer.
module "api" {
  source = "../../modules/apigw-integrations"

  # Stage logs need API Gateway's CloudWatch role, one per account and region: set here so
  # the example works in a fresh account. false where your account baseline sets it.
  create_account_cloudwatch_role = true

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
