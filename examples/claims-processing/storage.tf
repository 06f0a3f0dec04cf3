# Claim photos under incoming/<customer_id>/, the model's full answers under artifacts/.
resource "aws_s3_bucket" "claims" {
  #checkov:skip=CKV_AWS_18:Server access logs need a separate log bucket that an organisation runs once; this example does not create one. Every claim's audit trail is in the claims table.
  #checkov:skip=CKV_AWS_144:Cross-region replication of claim photos is an organisation's disaster-recovery choice; the bucket is versioned.
  #checkov:skip=CKV2_AWS_62:S3 sends its events to EventBridge (aws_s3_bucket_notification.claims, eventbridge = true); checkov looks only for SNS, SQS or Lambda notifications.
  bucket        = local.bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "claims" {
  bucket = aws_s3_bucket.claims.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "claims" {
  bucket                  = aws_s3_bucket.claims.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "claims" {
  bucket = aws_s3_bucket.claims.id
  rule {
    # The AWS-managed key aws/s3: the functions read and write through S3 with no KMS grant of their own.
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# Versioned: a claim is one photo version, and the execution is named after it.
resource "aws_s3_bucket_versioning" "claims" {
  bucket = aws_s3_bucket.claims.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "claims" {
  bucket = aws_s3_bucket.claims.id

  rule {
    id     = "artifacts-expire-with-the-context"
    status = "Enabled"
    filter {
      prefix = "artifacts/"
    }
    expiration {
      days = var.context_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  rule {
    id     = "replaced-photos-kept-a-month"
    status = "Enabled"
    filter {
      prefix = local.photo_prefix
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.claims]
}

data "aws_iam_policy_document" "claims_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"] # a Deny: every action, for every caller, without TLS
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]

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

resource "aws_s3_bucket_policy" "claims" {
  bucket = aws_s3_bucket.claims.id
  policy = data.aws_iam_policy_document.claims_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.claims]
}

# Every object event to EventBridge, where the intake's rule picks uploads under incoming/.
resource "aws_s3_bucket_notification" "claims" {
  bucket      = aws_s3_bucket.claims.id
  eventbridge = true
}
