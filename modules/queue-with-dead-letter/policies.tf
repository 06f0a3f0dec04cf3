locals {
  # One policy per queue and per dead-letter queue: "<key>/queue", "<key>/dead-letter".
  policy_targets = merge(
    { for key, q in var.queues : "${key}/queue" => { arn = local.queue_arns[key], senders = q.senders } },
    { for key, q in var.queues : "${key}/dead-letter" => { arn = local.dead_letter_arns[key], senders = { for sid, s in q.senders : sid => s if s.to_dead_letter } } },
  )
}

# Without a sender's statement the service cannot deliver and the queue silently receives
# nothing: the most common mistake with these patterns.
data "aws_iam_policy_document" "queue" {
  for_each = local.policy_targets

  dynamic "statement" {
    for_each = each.value.senders
    content {
      sid       = statement.key
      actions   = ["sqs:SendMessage"]
      resources = [each.value.arn]

      principals {
        type        = "Service"
        identifiers = [statement.value.service]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = statement.value.source_arns
      }

      dynamic "condition" {
        for_each = statement.value.source_account == null ? [] : [statement.value.source_account]
        content {
          test     = "StringEquals"
          variable = "aws:SourceAccount"
          values   = [condition.value]
        }
      }
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"] # a Deny: every action, for every caller, without TLS
    resources = [each.value.arn]

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

resource "aws_sqs_queue_policy" "this" {
  for_each = var.queues

  queue_url = aws_sqs_queue.this[each.key].id
  policy    = data.aws_iam_policy_document.queue["${each.key}/queue"].json
}

resource "aws_sqs_queue_policy" "dead_letter" {
  for_each = var.queues

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  policy    = data.aws_iam_policy_document.queue["${each.key}/dead-letter"].json
}
