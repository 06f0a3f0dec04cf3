# Pipes checks at CreatePipe (and UpdatePipe) that the role can read the source. A DynamoDB
# stream created in the same apply, or a role policy just written, is not readable by Pipes
# for a while after the API says it exists: CreatePipe fails with "Cannot access stream ...
# Please ensure the customer role can perform actions on source stream", and a second apply
# passes (hashicorp/terraform-provider-aws#40572, aws/aws-cdk#31211; users report waits of
# 60-90 s). The provider does not retry that error, so the pipe waits here: once when the
# stream or the role's policy is new or changed, never on a plan with nothing to do.
resource "terraform_data" "stream_source_wait" {
  count = var.create && local.stream != null && var.stream_source_wait_seconds > 0 ? 1 : 0

  triggers_replace = {
    stream_arn = local.stream.stream_arn
    policy     = aws_iam_role_policy.this[0].policy
  }

  # `sleep` of a POSIX shell (Linux and macOS runners); stream_source_wait_seconds = 0 skips it.
  provisioner "local-exec" {
    command = "sleep ${var.stream_source_wait_seconds}"
  }
}
