# Originals under source_prefix. Encrypted with the AWS managed key aws/s3: Rekognition
# reads the object through S3 with the function's credentials, and no key policy needs to
# name either. Replaced versions are kept a month (the module's default lifecycle rule).
module "images" {
  source = "../../modules/private-bucket"

  bucket        = local.bucket_name
  force_destroy = var.force_destroy
}

# Uploads and deletions under the prefix, as S3 event notifications on the queue.
resource "aws_s3_bucket_notification" "uploads" {
  bucket = module.images.bucket

  queue {
    id            = "label-uploads-and-deletions"
    queue_arn     = module.uploads.queues["uploads"].arn
    events        = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix = var.source_prefix
  }

  # S3 checks that it may send to the queue when the notification is saved.
  depends_on = [module.uploads]
}

resource "aws_dynamodb_table" "labels" {
  #checkov:skip=CKV_AWS_119:Encrypted with the AWS-owned key, which every DynamoDB feature (the API's Query, PITR restores) uses without a key policy; a customer key is the caller's choice for regulated data.
  name         = var.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false # an example you try and tear down
}
