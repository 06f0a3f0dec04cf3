# Adjusters hear of each claim waiting for them; supervisors of each one that waited too long.
resource "aws_sns_topic" "adjusters" {
  name              = local.topic_names.adjusters
  kms_master_key_id = "alias/aws/sns"
}

# The workflows' alarms notify supervisors. CloudWatch publishes as cloudwatch.amazonaws.com,
# which the AWS managed alias/aws/sns can never admit (its policy cannot change): under it
# the alarms would change state and nobody would be told. So this topic has its own key.
resource "aws_sns_topic" "supervisors" {
  name              = local.topic_names.supervisors
  kms_master_key_id = aws_kms_key.supervisors.arn
}

data "aws_iam_policy_document" "supervisors_key" {
  #checkov:skip=CKV_AWS_356:This is a key policy: its Resource "*" is the key it is attached to and nothing else (KMS evaluates a key policy only for its own key).
  #checkov:skip=CKV_AWS_111:A key policy again: the account may write only to this key, with explicitly listed administration actions; CloudWatch may only Decrypt and GenerateDataKey.
  #checkov:skip=CKV_AWS_109:A key policy again: kms:PutKeyPolicy lets this account (its IAM policies decide who) administer this one key, as AWS's default key policy does, with the actions listed instead of kms:*.
  statement {
    sid = "AccountAdministersAndUses"
    actions = [
      "kms:CancelKeyDeletion", "kms:Decrypt", "kms:DescribeKey", "kms:DisableKey", "kms:EnableKey",
      "kms:EnableKeyRotation", "kms:Encrypt", "kms:GenerateDataKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
      "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
      "kms:UpdateKeyDescription",
    ]
    resources = ["*"] # in a key policy, "*" is this key

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "WorkflowAlarmsPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values = [
        for machine in [local.claims_machine, "${var.name}-intake"] :
        "arn:${local.partition}:cloudwatch:${local.region}:${local.account}:alarm:${machine}-*"
      ]
    }
  }
}

resource "aws_kms_key" "supervisors" {
  description             = "Encrypts SNS topic ${local.topic_names.supervisors}, which the workflows' alarms notify"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.supervisors_key.json
}

# The workflow's review requests, with their task tokens: read by the review function only.
# What keeps failing ends in the DLQ, kept 14 days to inspect and redrive.
module "review_requests" {
  source = "../../modules/queue-with-dead-letter"

  queues = {
    review_requests = {
      name                       = local.review_queue
      visibility_timeout_seconds = 180 # six times the review function's timeout
    }
  }
}
