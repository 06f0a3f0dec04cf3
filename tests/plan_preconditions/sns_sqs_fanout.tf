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
