# Under /aws/vendedlogs/ so log delivery needs no growing CloudWatch Logs resource policy.
resource "aws_cloudwatch_log_group" "this" {
  count = var.create && local.logging_on ? 1 : 0

  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts every log group at rest; a customer key (logging.kms_key_arn) needs a key policy naming the logs service, which the caller owns.
  name              = local.log_group
  retention_in_days = var.logging.retention_in_days
  kms_key_id        = var.logging.kms_key_arn
  tags              = var.tags
}
