# The us-east-1 group, for invocations there (the console's test, a direct invoke).
# (Named, not `this`, so checkov's plan scan finds its skip by address.)
# The groups in the edge regions (/aws/lambda/us-east-1.<name>) are created by
# Lambda@Edge on first use, in whichever regions serve viewers; the role may write them.
resource "aws_cloudwatch_log_group" "direct_invocations" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts every log group at rest; a customer key (log_kms_key_arn) needs a key policy naming the logs service, which the caller owns.
  #checkov:skip=CKV_AWS_338:This group holds direct test invocations in us-east-1 only (viewers' requests log in the edge regions); log_retention_in_days (30 by default) takes a year where policy asks for one.
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}
