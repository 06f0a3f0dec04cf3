# Every image uploaded under images/ is labeled by Rekognition; GET /labels/{label} lists
# the images with that label, from a DynamoDB Query and no function.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  region    = data.aws_region.current.id
  partition = data.aws_partition.current.partition

  bucket_name = "${var.name}-${local.account}-${local.region}"
  # Built from names, so every policy is known at plan time.
  bucket_arn = "arn:${local.partition}:s3:::${local.bucket_name}"
  queue_name = "${var.name}-uploads"
  table_arn  = "arn:${local.partition}:dynamodb:${local.region}:${local.account}:table/${var.name}"
  build_dir  = "${path.module}/../../build"
}

module "labeler" {
  source = "../../modules/lambda-with-layers"

  name        = var.name
  description = "Labels every image uploaded under ${var.source_prefix} with Rekognition"
  handler     = "image_labels.handler.lambda_handler"
  runtime     = "python3.12"
  package     = { path = "${local.build_dir}/functions/image_labels.zip" }
  layers = {
    powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" }
  }
  timeout = 60

  environment_variables = {
    LABELS_TABLE            = aws_dynamodb_table.labels.name
    SOURCE_PREFIX           = var.source_prefix
    MAX_LABELS              = tostring(var.max_labels)
    MIN_CONFIDENCE          = tostring(var.min_confidence)
    POWERTOOLS_SERVICE_NAME = "image-labels"
  }

  # Failed messages go back to the queue and, after its maxReceiveCount, to its DLQ.
  create_dead_letter_queue = false
  event_source_mappings = {
    uploads = {
      event_source_arn                   = module.uploads.queues["uploads"].arn
      batch_size                         = 10
      maximum_batching_window_in_seconds = 5
      # Bounds the burst a bulk upload makes on Rekognition's and DynamoDB's rates.
      maximum_concurrency = 5
    }
  }

  policy_statements = {
    # DetectLabels takes no resource ARN: IAM grants it on "*" only. Rekognition reads
    # the object with these credentials, hence GetObject below.
    DetectLabels = {
      actions   = ["rekognition:DetectLabels"]
      resources = ["*"]
    }
    ReadImages = {
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${local.bucket_arn}/${var.source_prefix}*"]
    }
    # Without it S3 answers a read of a version deleted meanwhile with 403 AccessDenied,
    # not 404: the labeler would retry the message into the DLQ instead of recording it gone.
    ListImages = {
      actions   = ["s3:ListBucket"]
      resources = [local.bucket_arn]
    }
    # The image item and its index entries, in one transaction, on this table only
    # (conditional Puts and Deletes: no ConditionCheck item, so no ConditionCheckItem).
    WriteLabels = {
      actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"]
      resources = [local.table_arn]
    }
  }
}
