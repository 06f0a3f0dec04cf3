# The product images: private, encrypted, readable only by this distribution.
resource "aws_s3_bucket" "product_images" {
  #checkov:skip=CKV_AWS_18:Server access logs need a separate log bucket that an organisation runs once; this example does not create one.
  #checkov:skip=CKV_AWS_144:Product images are published from the shop's own sources; cross-region replication is an organisation's disaster-recovery choice.
  #checkov:skip=CKV_AWS_145:SSE-S3, not KMS: CloudFront's origin access control cannot use the AWS managed key aws/s3, and a customer managed key would add a KMS request to every cache miss for images every viewer may see.
  #checkov:skip=CKV2_AWS_62:Nothing consumes events of this bucket: images are uploaded by the shop and read through CloudFront.
  bucket        = local.bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "product_images" {
  bucket = aws_s3_bucket.product_images.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "product_images" {
  bucket                  = aws_s3_bucket.product_images.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "product_images" {
  bucket = aws_s3_bucket.product_images.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "product_images" {
  bucket = aws_s3_bucket.product_images.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "product_images" {
  bucket = aws_s3_bucket.product_images.id

  rule {
    id     = "tidy-versions-and-uploads"
    status = "Enabled"
    filter {}

    # A replaced image stays a month, for a rollback.
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.product_images]
}

data "aws_iam_policy_document" "product_images" {
  # Origin access control signs CloudFront's requests; the condition admits this
  # distribution only, not every distribution in every account.
  statement {
    sid       = "CloudFrontReadsImages"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/images/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.shop.arn]
    }
  }

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

resource "aws_s3_bucket_policy" "product_images" {
  bucket = aws_s3_bucket.product_images.id
  policy = data.aws_iam_policy_document.product_images.json

  depends_on = [aws_s3_bucket_public_access_block.product_images]
}
