# The product images: private, readable only by this distribution. SSE-S3, not KMS:
# CloudFront's origin access control cannot use the AWS managed key aws/s3, and a customer
# managed key would add a KMS request to every cache miss for images every viewer may see.
# A replaced image stays a month, for a rollback (the module's default lifecycle rule).
module "product_images" {
  source = "../../modules/private-bucket"

  bucket           = local.bucket_name
  force_destroy    = var.force_destroy
  encryption       = { sse_algorithm = "AES256" }
  policy_documents = [data.aws_iam_policy_document.cloudfront_reads_images.json]
}

# Origin access control signs CloudFront's requests; the condition admits this
# distribution only, not every distribution in every account.
data "aws_iam_policy_document" "cloudfront_reads_images" {
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
}
