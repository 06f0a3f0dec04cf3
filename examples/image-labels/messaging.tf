# S3 notifications wait here for the labeler, in batches; what keeps failing ends in the DLQ.
resource "aws_sqs_queue" "uploads" {
  name                       = local.queue_name
  visibility_timeout_seconds = 360 # six times the function's timeout, as Lambda advises
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true # S3 can send to SSE-SQS queues (not to aws/sqs KMS ones)
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.uploads_dead_letter.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "uploads_dead_letter" {
  #checkov:skip=CKV_ASM_4:This is the uploads queue's DLQ, the end of the line for notifications that kept failing (kept 14 days to inspect and redrive).
  name                      = "${local.queue_name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.queue_arn]
  })
}

data "aws_iam_policy_document" "uploads" {
  statement {
    sid       = "S3SendsThisBucketsEvents"
    actions   = ["sqs:SendMessage"]
    resources = [local.queue_arn]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.bucket_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"] # a Deny: every action, for every caller, without TLS
    resources = [local.queue_arn]

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

data "aws_iam_policy_document" "uploads_dead_letter_tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = ["${local.queue_arn}-dlq"]

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

resource "aws_sqs_queue_policy" "uploads" {
  queue_url = aws_sqs_queue.uploads.id
  policy    = data.aws_iam_policy_document.uploads.json
}

resource "aws_sqs_queue_policy" "uploads_dead_letter" {
  queue_url = aws_sqs_queue.uploads_dead_letter.id
  policy    = data.aws_iam_policy_document.uploads_dead_letter_tls_only.json
}
