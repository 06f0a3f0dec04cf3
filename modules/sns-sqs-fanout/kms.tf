# The topic's key when publishers are services or other accounts: AWS-managed
# alias/aws/sns cannot admit them (its policy cannot be changed), so their publishes
# would be refused. This key's policy admits exactly the publishers named, each
# service for its source ARNs only, and lets this account administer the key.
data "aws_iam_policy_document" "topic_key" {
  #checkov:skip=CKV_AWS_356:This is a key policy: its Resource "*" is the key it is attached to and nothing else (KMS evaluates a key policy only for its own key).
  #checkov:skip=CKV_AWS_111:A key policy again: the account may write only to this key, with explicitly listed administration actions; publishers may only Decrypt and GenerateDataKey.
  #checkov:skip=CKV_AWS_109:A key policy again: kms:PutKeyPolicy lets this account (its IAM policies decide who) administer this one key, as AWS's default key policy does, with the actions listed instead of kms:*.
  count = local.create_topic_key ? 1 : 0

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
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = var.publishers.services
    content {
      sid       = "Publisher${statement.key}UsesKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = [statement.value.service]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = statement.value.source_arns
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.publishers.principals) > 0 ? [true] : []
    content {
      sid       = "PublisherPrincipalsUseKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = var.publishers.principals
      }
    }
  }
}

resource "aws_kms_key" "topic" {
  count = local.create_topic_key ? 1 : 0

  description             = "Encrypts SNS topic ${local.topic_name} for its publishers"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.topic_key[0].json
  tags                    = var.tags
}
