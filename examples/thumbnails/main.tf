# An upload under images/ gets a thumbnail under thumbnails/ in the same bucket.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  bucket_name = "${var.name}-${data.aws_caller_identity.current.account_id}-${data.aws_region.current.id}"
  # Built from the name, so the function's policy is known at plan time.
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket_name}"
  build_dir  = "${path.module}/../../build"
}

check "prefixes_do_not_overlap" {
  assert {
    condition     = !startswith(var.thumbnail_prefix, var.source_prefix) && !startswith(var.source_prefix, var.thumbnail_prefix)
    error_message = "thumbnail_prefix and source_prefix overlap: every thumbnail would trigger the function again."
  }
}

module "thumbnail" {
  source = "../../modules/lambda-with-layers"

  name        = var.name
  description = "Makes a thumbnail of every image uploaded under ${var.source_prefix}"
  handler     = "thumbnail.handler.lambda_handler"
  runtime     = "python3.12"
  package     = { path = "${local.build_dir}/functions/thumbnail.zip" }
  layers = {
    pillow     = { path = "${local.build_dir}/layers/pillow.zip", description = "Pillow" }
    powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" }
  }

  # Pillow decodes at reduced scale, but a 12 MP PNG still needs ~50 MB of pixels.
  memory_size = 1024
  timeout     = 60
  # Bounds the burst a bulk upload makes (memory bill, S3 request rate).
  reserved_concurrent_executions = 10

  environment_variables = {
    SOURCE_PREFIX           = var.source_prefix
    THUMBNAIL_PREFIX        = var.thumbnail_prefix
    THUMBNAIL_MAX_DIMENSION = tostring(var.max_dimension)
    POWERTOOLS_SERVICE_NAME = "thumbnail"
  }

  # S3 invokes asynchronously: retry twice, then the event lands in the
  # module's dead-letter queue.
  async_invocation = {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }

  allowed_triggers = {
    S3Uploads = {
      principal      = "s3.amazonaws.com"
      source_arn     = local.bucket_arn
      source_account = data.aws_caller_identity.current.account_id
    }
  }

  # Read only the originals, write only the thumbnails.
  policy_statements = {
    ReadOriginals = {
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${local.bucket_arn}/${var.source_prefix}*"]
    }
    WriteThumbnails = {
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arn}/${var.thumbnail_prefix}*"]
    }
  }
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = module.images.bucket

  lambda_function {
    id                  = "thumbnail-on-upload"
    lambda_function_arn = module.thumbnail.trigger_target_arn
    events              = ["s3:ObjectCreated:*"]
    # Only originals: the function's own output never triggers it.
    filter_prefix = var.source_prefix
  }

  # S3 checks that it may invoke the function when the notification is saved.
  depends_on = [module.thumbnail]
}
