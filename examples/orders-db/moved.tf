# Until 0.1.0 the API module set the account's CloudWatch role itself; apigw-account does
# now (CHANGELOG, apigw-integrations: create_account_cloudwatch_role). The role, its attachment and the setting move with no
# replacement: the role keeps its name, "<name>-apigw-cloudwatch".
moved {
  from = module.api.aws_iam_role.cloudwatch[0]
  to   = module.apigw_account.aws_iam_role.this[0]
}
moved {
  from = module.api.aws_iam_role_policy_attachment.cloudwatch[0]
  to   = module.apigw_account.aws_iam_role_policy_attachment.logs[0]
}
moved {
  from = module.api.aws_api_gateway_account.this[0]
  to   = module.apigw_account.aws_api_gateway_account.this[0]
}
