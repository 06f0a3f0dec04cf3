# One bad input per module call; tests/test_validation.py names the message each must give.

module "lwl_memory_64" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-memory-64"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  memory_size = 64
}

module "lwl_memory_10241" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-memory-10241"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  memory_size = 10241
}

module "lwl_timeout_901" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-timeout-901"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  timeout = 901
}

module "lwl_timeout_0" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-timeout-0"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  timeout = 0
}

module "lwl_runtime_unknown" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-runtime-unknown"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  runtime = "python2.7"
}

module "lwl_architecture" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-architecture"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  architecture = "sparc"
}

module "lwl_ephemeral_256" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-ephemeral-256"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  ephemeral_storage_size = 256
}

module "lwl_reserved_minus_2" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-reserved-minus-2"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  reserved_concurrent_executions = -2
}

module "lwl_env_reserved_key" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-env-reserved-key"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  environment_variables = { AWS_REGION = "eu-west-1" }
}

module "lwl_env_bad_key" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-env-bad-key"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  environment_variables = { "1BAD" = "x" }
}

module "lwl_log_retention_42" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-log-retention-42"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  log_retention_in_days = 42
}

module "lwl_log_format" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-log-format"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  log_format = "XML"
}

module "lwl_tracing" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-tracing"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  tracing_mode = "On"
}

module "lwl_kms_not_arn" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-kms-not-arn"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  kms_key_arn = "alias/my-key"
}

module "lwl_layer_arn_unversioned" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-layer-arn-unversioned"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  layer_arns = ["arn:aws:lambda:us-east-1:123456789012:layer:pillow"]
}

module "lwl_layer_missing_zip" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-layer-missing-zip"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  layers = { ghost = { path = "${local.build}/layers/ghost.zip" } }
}



module "lwl_dead_letter_not_queue" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-dead-letter-not-queue"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  dead_letter_target_arn = "arn:aws:lambda:us-east-1:123456789012:function:x"
}

module "lwl_async_retries_3" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-async-retries-3"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  async_invocation = { maximum_retry_attempts = 3 }
}

module "lwl_async_age_30" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-async-age-30"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  async_invocation = { maximum_event_age_in_seconds = 30 }
}

module "lwl_async_destination_s3" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-async-destination-s3"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  async_invocation = { on_failure_destination_arn = "arn:aws:s3:::bucket" }
}

module "lwl_url_auth" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-url-auth"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  function_url = { auth_type = "COGNITO" }
}

module "lwl_alias_digits" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-alias-digits"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  alias = { name = "42" }
}

module "lwl_trigger_s3_no_account" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-trigger-s3-no-account"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  allowed_triggers = { Up = { principal = "s3.amazonaws.com", source_arn = "arn:aws:s3:::b" } }
}

module "lwl_trigger_account_principal" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-trigger-account-principal"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  allowed_triggers = { Acct = { principal = "123456789012", source_arn = "arn:aws:s3:::b" } }
}

module "lwl_trigger_no_arn" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-trigger-no-arn"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  allowed_triggers = { Rule = { principal = "events.amazonaws.com", source_arn = "nightly" } }
}

module "lwl_esm_arn" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-arn"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:s3:::bucket" } }
}

module "lwl_esm_sqs_starting_position" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-sqs-starting-position"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", starting_position = "LATEST" } }
}

module "lwl_esm_stream_no_position" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-stream-no-position"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { s = { event_source_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s" } }
}

module "lwl_esm_fifo_batch_20" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-fifo-batch-20"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q.fifo", batch_size = 20 } }
}

module "lwl_esm_sqs_batch_no_window" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-sqs-batch-no-window"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", batch_size = 100 } }
}

module "lwl_esm_filter_not_json" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-filter-not-json"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", filter_patterns = ["status = PAID"] } }
}

module "lwl_esm_six_filters" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-six-filters"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", filter_patterns = [for i in range(6) : jsonencode({ body = { n = [i] } })] } }
}

module "lwl_esm_sqs_bisect" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-sqs-bisect"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", bisect_batch_on_function_error = true } }
}

module "lwl_esm_window_301" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-esm-window-301"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  event_source_mappings = { q = { event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q", maximum_batching_window_in_seconds = 301 } }
}

module "lwl_package_two_sources" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-package-two-sources"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip", s3_bucket = "b", s3_key = "k.zip" }
}

module "lwl_package_missing_zip" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-package-missing-zip"
  handler = "h.handler"
  package = { path = "${local.build}/functions/ghost.zip" }
}

module "lwl_name_too_long" {
  source  = "../../modules/lambda-with-layers"
  name    = "a-function-name-that-is-far-too-long-for-lambda-and-its-dead-letter-queue"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }
}

module "lwl_trigger_wildcard_source" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-trigger-wildcard-source"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  allowed_triggers = { sns = { principal = "sns.amazonaws.com", source_arn = "arn:aws:sns:us-east-1:123456789012:*" } }
}

module "lwl_url_public_by_default" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-url-public-by-default"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  function_url = { auth_type = "NONE" }
}

module "lwl_dead_letter_key_alias" {
  source  = "../../modules/lambda-with-layers"
  name    = "lwl-dead-letter-key-alias"
  handler = "h.handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }

  dead_letter_queue_kms_key_arn = "alias/dlq"
}
