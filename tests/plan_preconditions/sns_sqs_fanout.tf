# Inputs that are valid one by one but not together.

module "fan_fifo_topic_standard_queue" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-fifo-std"
  fifo        = true
  subscribers = { audit = { fifo_queue = false } }
}

module "fan_standard_topic_fifo_queue" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-std-fifo"
  subscribers = { audit = { fifo_queue = true } }
}

module "fan_fifo_batch_20" {
  source = "../../modules/sns-sqs-fanout"
  name   = "fan-fifo-batch"
  fifo   = true
  subscribers = {
    ledger = {
      visibility_timeout_seconds = 60
      consumer                   = { handler = "h.handler", package_path = "${local.build}/functions/order_events.zip", timeout = 10, batch_size = 20 }
    }
  }
}

module "fan_dedup_standard" {
  source                      = "../../modules/sns-sqs-fanout"
  name                        = "fan-dedup"
  content_based_deduplication = true
}

# A consumer's statements go through lambda-with-layers' IAM rules (the function is "<name>-<subscriber>").
module "fan_consumer_wildcard" {
  source = "../../modules/sns-sqs-fanout"
  name   = "fan-consumer-wild"
  subscribers = {
    billing = {
      consumer = {
        handler           = "h.handler"
        package_path      = "${local.build}/functions/order_events.zip"
        timeout           = 5
        policy_statements = { Read = { actions = ["dynamodb:Get?tem"], resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/t"] } }
      }
    }
  }
}

# Services and other accounts cannot use the AWS-managed key: named explicitly, it is refused.
module "fan_aws_key_with_service_publishers" {
  source           = "../../modules/sns-sqs-fanout"
  name             = "fan-aws-key-services"
  topic_kms_key_id = "alias/aws/sns"
  publishers       = { services = { Alarms = { service = "cloudwatch.amazonaws.com", source_arns = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:high"] } } }
  subscribers      = { audit = {} }
}
