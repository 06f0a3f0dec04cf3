# Originals under source_prefix, thumbnails under thumbnail_prefix. Encrypted with the AWS
# managed key aws/s3: every principal of the account may use it through S3, so the
# function needs no KMS grant of its own. Overwritten thumbnails and replaced originals
# keep their old versions a month (the module's default lifecycle rule).
module "images" {
  source = "../../modules/private-bucket"

  bucket        = local.bucket_name
  force_destroy = var.force_destroy
}
