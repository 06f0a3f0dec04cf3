# DynamoDB stream -> filter -> Lambda enrichment -> Lambda target; the module creates the DLQ.
module "pipe_stream_to_lambda" {
  source = "../../../modules/pipes-pipeline"

  name = "pipe-stream-lambda"
  pipe_source = {
    dynamodb_stream = {
      stream_arn        = "arn:aws:dynamodb:${local.region}:${local.account}:table/orders/stream/2026-01-01T00:00:00.000"
      starting_position = "TRIM_HORIZON"
      batch_size        = 25
    }
  }
  filter_patterns = [jsonencode({ eventName = ["INSERT"], dynamodb = { NewImage = { status = { S = ["NEW"] } } } })]
  enrichment = {
    lambda_function_arn = "arn:aws:lambda:${local.region}:${local.account}:function:order-enrichment"
    input_template      = "{\"order_id\": <$.dynamodb.Keys.order_id.S>}"
  }
  target = { arn = "arn:aws:lambda:${local.region}:${local.account}:function:order-processor" }
}

# SQS -> API destination enrichment -> express state machine run synchronously.
module "pipe_queue_to_state_machine" {
  source = "../../../modules/pipes-pipeline"

  name        = "pipe-queue-sfn"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:${local.region}:${local.account}:orders", batch_size = 50, maximum_batching_window_in_seconds = 5 } }
  enrichment  = { api_destination_arn = "arn:aws:events:${local.region}:${local.account}:api-destination/crm/abc" }
  target = {
    arn             = "arn:aws:states:${local.region}:${local.account}:stateMachine:fulfil"
    invocation_type = "REQUEST_RESPONSE"
  }
}

# Stream with a given DLQ, trace logging, a customer key, created stopped; FIFO queue target.
module "pipe_stream_to_fifo" {
  source = "../../../modules/pipes-pipeline"

  name          = "pipe-stream-fifo"
  desired_state = "STOPPED"
  kms_key_arn   = "arn:aws:kms:${local.region}:${local.account}:key/4444-pipe"
  logging       = { level = "TRACE" }
  # A stream that exists already: no wait.
  stream_source_wait_seconds = 0
  pipe_source = {
    dynamodb_stream = {
      stream_arn                    = "arn:aws:dynamodb:${local.region}:${local.account}:table/orders/stream/2026-01-01T00:00:00.000"
      bisect_on_error               = false
      dead_letter_queue_arn         = "arn:aws:sqs:${local.region}:${local.account}:shared-dlq"
      dead_letter_queue_kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/7777-dlq"
    }
  }
  target = {
    arn              = "arn:aws:sqs:${local.region}:${local.account}:orders.fifo"
    message_group_id = "$.dynamodb.Keys.order_id.S"
  }
}

module "pipe_queue_to_topic" {
  source = "../../../modules/pipes-pipeline"

  # Both ends under customer keys: the role may use each for what it does there.
  name        = "pipe-queue-sns"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:${local.region}:${local.account}:orders", kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/5555-source" } }
  target      = { arn = "arn:aws:sns:${local.region}:${local.account}:orders", kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/6666-target" }
}

module "pipe_queue_to_bus" {
  source = "../../../modules/pipes-pipeline"

  name        = "pipe-queue-bus"
  logging     = { level = "INFO", include_execution_data = true, retention_in_days = 731 }
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:${local.region}:${local.account}:orders" } }
  target = {
    arn          = "arn:aws:events:${local.region}:${local.account}:event-bus/orders"
    detail_type  = "OrderPlaced"
    event_source = "orders.pipe"
  }
}

module "pipe_disabled" {
  source = "../../../modules/pipes-pipeline"

  create      = false
  name        = "pipe-disabled"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:${local.region}:${local.account}:orders" } }
  target      = { arn = "arn:aws:sns:${local.region}:${local.account}:orders" }
}
