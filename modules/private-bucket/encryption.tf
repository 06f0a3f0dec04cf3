resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.encryption.sse_algorithm
      kms_master_key_id = var.encryption.kms_key_arn
    }
    # One KMS request per bucket key period instead of one per object.
    bucket_key_enabled = var.encryption.sse_algorithm == "aws:kms" ? true : null
  }
}
