# Claim photos under incoming/<customer_id>/, the model's full answers under artifacts/.
# Encrypted with the AWS managed key aws/s3: the functions read and write through S3 with
# no KMS grant of their own. Versioned: a claim is one photo version, and the execution is
# named after it.
module "claims_bucket" {
  source = "../../modules/private-bucket"

  bucket        = local.bucket_name
  force_destroy = var.force_destroy
  lifecycle_rules = {
    artifacts-expire-with-the-context = {
      prefix                             = "artifacts/"
      expiration_days                    = var.context_retention_days
      noncurrent_version_expiration_days = 1
    }
    replaced-photos-kept-a-month = {
      prefix                             = local.photo_prefix
      noncurrent_version_expiration_days = 30
    }
    # And the module's own: uploads left incomplete are aborted after 7 days.
  }
}

# Every object event to EventBridge, where the intake's rule picks uploads under incoming/.
resource "aws_s3_bucket_notification" "claims" {
  bucket      = module.claims_bucket.bucket
  eventbridge = true
}
