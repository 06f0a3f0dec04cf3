# Standard topic, two subscribers without consumers; one filters on attributes.
# Publishers: a service limited to its source, and another account.
module "fan_standard" {
  source = "../../../modules/sns-sqs-fanout"

  name = "fan-standard"
  publishers = {
    services   = { Events = { service = "events.amazonaws.com", source_arns = ["arn:aws:events:${local.region}:${local.account}:rule/orders"] } }
    principals = ["arn:aws:iam::210987654321:role/order-service"]
  }
  subscribers = {
    audit = {}
    paid = {
      filter_policy     = jsonencode({ status = ["PAID"] })
      max_receive_count = 7
    }
  }
}

# FIFO topic with content-based deduplication; a body-filtered subscriber with a consumer.
module "fan_fifo" {
  source = "../../../modules/sns-sqs-fanout"

  name                        = "fan-fifo"
  fifo                        = true
  content_based_deduplication = true
  subscribers = {
    ledger = {
      filter_policy              = jsonencode({ amount = [{ numeric = [">", 100] }] })
      filter_policy_scope        = "MessageBody"
      visibility_timeout_seconds = 60
      consumer = {
        handler      = "order_events.handler.lambda_handler"
        package_path = "${local.build}/functions/order_events.zip"
        timeout      = 10
        batch_size   = 10
      }
    }
  }
}

# A consumer Lambda on a standard queue with its own permissions and a customer key.
module "fan_consumer" {
  source = "../../../modules/sns-sqs-fanout"

  name             = "fan-consumer"
  queue_kms_key_id = "arn:aws:kms:${local.region}:${local.account}:key/3333-queues"
  subscribers = {
    billing = {
      raw_message_delivery       = false
      visibility_timeout_seconds = 180
      consumer = {
        handler                            = "order_events.handler.lambda_handler"
        package_path                       = "${local.build}/functions/order_events.zip"
        layers                             = { powertools = { path = "${local.build}/layers/powertools.zip" } }
        timeout                            = 30
        batch_size                         = 50
        maximum_batching_window_in_seconds = 2
        maximum_concurrency                = 4
        environment_variables              = { CONSUMER_NAME = "billing" }
        policy_statements = {
          RecordProcessed = {
            actions   = ["dynamodb:PutItem"]
            resources = ["arn:aws:dynamodb:${local.region}:${local.account}:table/processed"]
          }
        }
      }
    }
  }
}

module "fan_disabled" {
  source = "../../../modules/sns-sqs-fanout"

  create      = false
  name        = "fan-disabled"
  subscribers = { audit = {} }
}
