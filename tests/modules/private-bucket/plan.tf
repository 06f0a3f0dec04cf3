# The private bucket with its defaults: aws/s3, the tidy-versions rule, TLS only.
module "private_bucket_default" {
  source = "../../../modules/private-bucket"

  bucket = "private-bucket-default-${local.account}"
}

# SSE-S3, the caller's own rules and a statement of the caller's joined to the module's.
module "private_bucket_custom" {
  source = "../../../modules/private-bucket"

  bucket        = "private-bucket-custom-${local.account}"
  force_destroy = true
  encryption    = { sse_algorithm = "AES256" }
  lifecycle_rules = {
    logs-expire = { prefix = "logs/", expiration_days = 14 }
  }
  policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ServiceReads"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::private-bucket-custom-${local.account}/public/*"
    }]
  })]
  tags = { owner = "platform" }
}

# A customer managed key, none of the caller's lifecycle rules, and a shorter abort.
module "private_bucket_customer_key" {
  source = "../../../modules/private-bucket"

  bucket                                 = "private-bucket-key-${local.account}"
  encryption                             = { kms_key_arn = "arn:aws:kms:eu-west-1:${local.account}:key/0b6e9f7a-1d2c-4e5f-8a9b-0c1d2e3f4a5b" }
  lifecycle_rules                        = {}
  abort_incomplete_multipart_upload_days = 3
}
