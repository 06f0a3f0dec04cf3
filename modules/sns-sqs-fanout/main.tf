data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
  suffix     = var.fifo ? ".fifo" : ""

  topic_name = "${var.name}${local.suffix}"
  # ARNs built from names are known at plan time, so every policy below is too.
  topic_arn = "arn:${local.partition}:sns:${local.region}:${local.account_id}:${local.topic_name}"

  subscribers = var.create ? var.subscribers : {}
  queue_names = { for key, s in local.subscribers : key => "${var.name}-${key}${local.suffix}" }
  dlq_names   = { for key, s in local.subscribers : key => "${var.name}-${key}-dlq${local.suffix}" }

  # Services and other accounts must be admitted by the topic key's policy too.
  foreign_publishers = length(var.publishers.services) + length(var.publishers.principals) > 0
  create_topic_key   = var.create && var.topic_kms_key_id == null && local.foreign_publishers
  topic_kms_key_id   = var.topic_kms_key_id != null ? var.topic_kms_key_id : (local.create_topic_key ? aws_kms_key.topic[0].arn : "alias/aws/sns")
}

resource "aws_sns_topic" "this" {
  #checkov:skip=CKV_AWS_26:The topic is always encrypted: kms_master_key_id is the given key, alias/aws/sns, or the key this module creates for outside publishers, whose ARN is known only after apply (the plan scan reads it as null).
  count = var.create ? 1 : 0

  name                        = local.topic_name
  fifo_topic                  = var.fifo
  content_based_deduplication = var.fifo ? var.content_based_deduplication : null
  kms_master_key_id           = local.topic_kms_key_id
  tags                        = var.tags

  lifecycle {
    precondition {
      condition     = !(local.foreign_publishers && can(regex("alias/aws/sns$", coalesce(var.topic_kms_key_id, "-"))))
      error_message = "${var.name}: publishers that are services or other accounts cannot use the AWS-managed key alias/aws/sns (its policy cannot admit them), so their messages would be refused: leave topic_kms_key_id null for a key the module creates, or give a customer managed key whose policy admits them."
    }
    precondition {
      condition     = var.fifo || !var.content_based_deduplication
      error_message = "${var.name}: content_based_deduplication applies to FIFO topics only; set fifo = true or drop it."
    }
  }
}

# Every topic gets a policy: the publishers it names, and no request without TLS.
# Principals of this account publish through their own IAM policies, as before.
data "aws_iam_policy_document" "topic" {
  count = var.create ? 1 : 0

  dynamic "statement" {
    for_each = var.publishers.services
    content {
      sid       = "Publish${statement.key}"
      actions   = ["sns:Publish"]
      resources = [local.topic_arn]

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
      sid       = "PublishPrincipals"
      actions   = ["sns:Publish"]
      resources = [local.topic_arn]

      principals {
        type        = "AWS"
        identifiers = var.publishers.principals
      }
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sns:*"] # a Deny: every action, for every caller, without TLS
    resources = [local.topic_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  count = var.create ? 1 : 0

  #checkov:skip=CKV_AWS_385:Other accounts are admitted only when the caller names them in publishers.principals, and only to sns:Publish.

  arn    = aws_sns_topic.this[0].arn
  policy = data.aws_iam_policy_document.topic[0].json
}
