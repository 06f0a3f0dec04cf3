# One bad input per module call; tests/test_validation.py names the message each must give.

module "fan_name_bad" {
  source = "../../modules/sns-sqs-fanout"
  name   = "orders.fifo"
}

module "fan_subscriber_key_upper" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-key"
  subscribers = { Billing = {} }
}

module "fan_filter_not_json" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-filter"
  subscribers = { paid = { filter_policy = "status = PAID" } }
}

module "fan_filter_scope" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-scope"
  subscribers = { paid = { filter_policy = jsonencode({ status = ["PAID"] }), filter_policy_scope = "Headers" } }
}

module "fan_max_receive_0" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-receive"
  subscribers = { audit = { max_receive_count = 0 } }
}

module "fan_retention_short_dlq" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-retention"
  subscribers = { audit = { message_retention_seconds = 864000, dlq_message_retention_seconds = 86400 } }
}

module "fan_visibility_below_6x" {
  source = "../../modules/sns-sqs-fanout"
  name   = "fan-visibility"
  subscribers = {
    billing = {
      visibility_timeout_seconds = 60
      consumer                   = { handler = "h.handler", package_path = "${local.build}/functions/order_events.zip", timeout = 30 }
    }
  }
}

module "fan_consumer_batch_0" {
  source = "../../modules/sns-sqs-fanout"
  name   = "fan-batch"
  subscribers = {
    billing = {
      consumer = { handler = "h.handler", package_path = "${local.build}/functions/order_events.zip", timeout = 5, batch_size = 0 }
    }
  }
}

module "fan_publisher_not_service" {
  source     = "../../modules/sns-sqs-fanout"
  name       = "fan-publisher"
  publishers = { services = { Orders = { service = "orders-service", source_arns = ["arn:aws:events:us-east-1:123456789012:rule/x"] } } }
}

module "fan_publisher_no_source" {
  source     = "../../modules/sns-sqs-fanout"
  name       = "fan-source"
  publishers = { services = { Events = { service = "events.amazonaws.com", source_arns = [] } } }
}

module "fan_publisher_principal" {
  source     = "../../modules/sns-sqs-fanout"
  name       = "fan-principal"
  publishers = { principals = ["*"] }
}

module "fan_queue_key_aws_managed" {
  source           = "../../modules/sns-sqs-fanout"
  name             = "fan-key-managed"
  queue_kms_key_id = "alias/aws/sqs"
}

module "fan_publisher_wildcard_source" {
  source      = "../../modules/sns-sqs-fanout"
  name        = "fan-publisher-wildcard"
  publishers  = { services = { Uploads = { service = "s3.amazonaws.com", source_arns = ["arn:aws:s3:::*"] } } }
  subscribers = { audit = {} }
}

module "fan_queue_key_alias" {
  source           = "../../modules/sns-sqs-fanout"
  name             = "fan-key-alias"
  queue_kms_key_id = "alias/orders"
}
