resource "aws_s3_bucket" "images" {
  #checkov:skip=CKV_AWS_18:Server access logs need a separate log bucket that an organisation runs once; this example does not create one.
  #checkov:skip=CKV_AWS_144:Labels are derived data and originals are versioned; cross-region replication is an organisation's disaster-recovery choice.
  #checkov:skip=CKV2_AWS_62:The bucket does notify: uploads and deletions under the prefix go to the uploads queue (aws_s3_bucket_notification.uploads).
  bucket        = local.bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "images" {
  bucket = aws_s3_bucket.images.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "images" {
  bucket                  = aws_s3_bucket.images.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "images" {
  bucket = aws_s3_bucket.images.id
  rule {
    # The AWS-managed key aws/s3: Rekognition reads the object through S3 with the
    # function's credentials, and no key policy needs to name either.
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "images" {
  bucket = aws_s3_bucket.images.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  rule {
    id     = "tidy-versions-and-uploads"
    status = "Enabled"
    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.images]
}

data "aws_iam_policy_document" "images" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
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

resource "aws_s3_bucket_policy" "images" {
  bucket = aws_s3_bucket.images.id
  policy = data.aws_iam_policy_document.images.json

  depends_on = [aws_s3_bucket_public_access_block.images]
}

# Uploads and deletions under the prefix, as S3 event notifications on the queue.
resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.images.id

  queue {
    id            = "label-uploads-and-deletions"
    queue_arn     = aws_sqs_queue.uploads.arn
    events        = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix = var.source_prefix
  }

  # S3 checks that it may send to the queue when the notification is saved.
  depends_on = [aws_sqs_queue_policy.uploads]
}

resource "aws_dynamodb_table" "labels" {
  #checkov:skip=CKV_AWS_119:Encrypted with the AWS-owned key, which every DynamoDB feature (the API's Query, PITR restores) uses without a key policy; a customer key is the caller's choice for regulated data.
  name         = var.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false # an example you try and tear down
}
