# A private bucket as every example here wants one: owner-enforced, no public access,
# encrypted, versioned, tidied, TLS only. Internal: examples call it, the published
# modules' callers do not (tools/release/package.py INTERNAL_MODULES).
data "aws_partition" "current" {}

locals {
  # Built from the name, so the policy is known at plan time.
  arn = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket}"
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_18:Server access logs need a separate log bucket that an organisation runs once; a caller that has one adds aws_s3_bucket_logging on the bucket output.
  #checkov:skip=CKV_AWS_144:The bucket is versioned; cross-region replication is an organisation's disaster-recovery choice, made per bucket by the caller.
  #checkov:skip=CKV_AWS_145:encryption is the caller's input: aws:kms by default; AES256 only where a reader cannot use KMS (CloudFront's origin access control with aws/s3).
  #checkov:skip=CKV2_AWS_62:Event notifications are the caller's to attach (aws_s3_bucket_notification on the bucket output): to SQS, Lambda or EventBridge, or none when nothing consumes the bucket's events.
  bucket        = var.bucket
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
