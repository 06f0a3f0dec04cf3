# Adjusters decide by claim id, with IAM-signed requests: who decided is the signer.
module "api" {
  source = "../../modules/apigw-integrations"

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
