# What a callback worker (an approval handler, say) attaches to its role to answer this
# machine's .waitForTaskToken tasks. IAM authorizes SendTask* against the state machine the
# token belongs to, so the grant is this machine only, not "*".
data "aws_iam_policy_document" "callback" {
  count = var.create ? 1 : 0

  statement {
    sid       = "AnswerTaskTokens"
    actions   = ["states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"]
    resources = [local.state_machine_arn]
  }
}
