# One shop page, the bag in the colour the customer chose: CloudFront serves the
# product images from a private bucket, and on a cache miss for a bag image the edge
# function picks the image in the colour the customer's cookie names.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

# Lambda@Edge functions are created in us-east-1, whatever region the bucket is in.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  bucket_name = "${var.name}-${data.aws_caller_identity.current.account_id}-${data.aws_region.current.id}"
  bucket_arn  = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket_name}"
  build_dir   = "${path.module}/../../build"
  # One file holds the shop's settings: `make build` writes it into the function's zip
  # (Lambda@Edge has no environment variables) and the cache policy keys on its cookie.
  settings = jsondecode(file("${path.module}/edge_variant.config.json"))
  # The origin-request function runs for these paths only.
  bag_images = "${trimsuffix(local.settings.path_prefix, "/")}/*"
}

module "bag_colour" {
  source    = "../../modules/lambda-at-edge"
  providers = { aws.us_east_1 = aws.us_east_1 }

  name        = var.name
  description = "Serves the bag image in the colour of the ${local.settings.cookie_name} cookie"
  event_types = ["origin-request"]
  handler     = "edge_variant.handler.lambda_handler"
  runtime     = "python3.12"
  # Built by `make build` from lambda_src/edge_variant with edge_variant.config.json inside.
  package = { path = "${local.build_dir}/functions/edge-personalization/edge_variant.zip" }
  # It rewrites a path and reads no object: the smallest size, and far below the
  # origin-request limit of 30 s.
  memory_size = 128
  timeout     = 5
  # No statements of its own: CloudFront, not the function, reads the bucket.
}
