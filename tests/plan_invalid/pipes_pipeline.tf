# One bad input per module call; tests/test_validation.py names the message each must give.

module "pipe_name_too_long" {
  source      = "../../modules/pipes-pipeline"
  name        = "a-pipe-name-that-is-far-too-long-for-pipes-and-its-role-suffix"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_desired_state" {
  source        = "../../modules/pipes-pipeline"
  name          = "pipe-desired-state"
  pipe_source   = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target        = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  desired_state = "PAUSED"
}

module "pipe_source_both" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-source-both"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" }, dynamodb_stream = { stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_source_none" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-source-none"
  pipe_source = {}
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_stream_arn_table" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-stream-arn-table"
  pipe_source = { dynamodb_stream = { stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_stream_at_timestamp" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-stream-at-timestamp"
  pipe_source = { dynamodb_stream = { stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026", starting_position = "AT_TIMESTAMP" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_queue_batch_no_window" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-queue-batch-no-window"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q", batch_size = 100 } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_six_filters" {
  source          = "../../modules/pipes-pipeline"
  name            = "pipe-six-filters"
  pipe_source     = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target          = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  filter_patterns = [for i in range(6) : jsonencode({ n = [i] })]
}

module "pipe_filter_not_json" {
  source          = "../../modules/pipes-pipeline"
  name            = "pipe-filter-not-json"
  pipe_source     = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target          = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  filter_patterns = ["eventName = INSERT"]
}

module "pipe_enrichment_both" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-enrichment-both"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  enrichment  = { lambda_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:e", api_destination_arn = "arn:aws:events:us-east-1:123456789012:api-destination/a/b" }
}

module "pipe_enrichment_not_function" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-enrichment-not-function"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  enrichment  = { lambda_function_arn = "arn:aws:sqs:us-east-1:123456789012:q" }
}

module "pipe_target_s3" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-target-s3"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:s3:::bucket" }
}

module "pipe_invocation_type_bad" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-invocation-type-bad"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:lambda:us-east-1:123456789012:function:p", invocation_type = "EVENT" }
}

module "pipe_invocation_type_on_sqs" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-invocation-type-on-sqs"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sqs:us-east-1:123456789012:q", invocation_type = "FIRE_AND_FORGET" }
}

module "pipe_fifo_without_group" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-fifo-without-group"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sqs:us-east-1:123456789012:q.fifo" }
}

module "pipe_detail_type_on_sqs" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-detail-type-on-sqs"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sqs:us-east-1:123456789012:q", detail_type = "X" }
}

module "pipe_log_level" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-log-level"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  logging     = { level = "DEBUG" }
}

module "pipe_log_retention_42" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-log-retention-42"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  logging     = { retention_in_days = 42 }
}

module "pipe_kms_alias" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-kms-alias"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
  kms_key_arn = "alias/pipes"
}

module "pipe_source_key_alias" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-source-key-alias"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q", kms_key_arn = "alias/orders" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}

module "pipe_target_key_on_lambda" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-target-key-lambda"
  pipe_source = { sqs_queue = { queue_arn = "arn:aws:sqs:us-east-1:123456789012:q" } }
  target      = { arn = "arn:aws:lambda:us-east-1:123456789012:function:f", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k" }
}

module "pipe_dlq_key_without_queue" {
  source      = "../../modules/pipes-pipeline"
  name        = "pipe-dlq-key-without-queue"
  pipe_source = { dynamodb_stream = { stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026", dead_letter_queue_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k" } }
  target      = { arn = "arn:aws:sns:us-east-1:123456789012:t" }
}
