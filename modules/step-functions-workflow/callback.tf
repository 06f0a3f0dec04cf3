# What a callback worker (an approval handler, say) attaches to its role to answer this
# machine's .waitForTaskToken tasks. IAM takes no resource for SendTask* (Service
# Authorization Reference: no resource types; a statement naming the machine grants
# nothing): the token itself is the capability. Heartbeats only when asked for.
data "aws_iam_policy_document" "callback" {
  count = var.create ? 1 : 0

  statement {
    sid       = "AnswerTaskTokens"
    actions   = concat(["states:SendTaskFailure"], var.callback_sends_heartbeats ? ["states:SendTaskHeartbeat"] : [], ["states:SendTaskSuccess"])
    resources = ["*"]
  }
}
