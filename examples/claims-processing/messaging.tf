# Adjusters hear of each claim waiting for them; supervisors of each one that waited too long.
resource "aws_sns_topic" "adjusters" {
  name              = local.topic_names.adjusters
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "supervisors" {
  name              = local.topic_names.supervisors
  kms_master_key_id = "alias/aws/sns"
}

# The workflow's review requests, with their task tokens: read by the review function only.
resource "aws_sqs_queue" "review_requests" {
  name                       = local.review_queue
  visibility_timeout_seconds = 180 # six times the review function's timeout
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.review_requests_dead_letter.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "review_requests_dead_letter" {
  #checkov:skip=CKV_ASM_4:This is the review queue's DLQ, the end of the line for requests that kept failing (kept 14 days to inspect and redrive).
  name                      = "${local.review_queue}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.review_queue_arn]
  })
}

data "aws_iam_policy_document" "tls_only" {
  for_each = { requests = local.review_queue_arn, dead_letter = "${local.review_queue_arn}-dlq" }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"] # a Deny: every action, for every caller, without TLS
    resources = [each.value]

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

resource "aws_sqs_queue_policy" "review_requests" {
  queue_url = aws_sqs_queue.review_requests.id
  policy    = data.aws_iam_policy_document.tls_only["requests"].json
}

resource "aws_sqs_queue_policy" "review_requests_dead_letter" {
  queue_url = aws_sqs_queue.review_requests_dead_letter.id
  policy    = data.aws_iam_policy_document.tls_only["dead_letter"].json
}
