# Defaults only: what a caller gets from the three required inputs.
module "lwl_minimal" {
  source = "../../../modules/lambda-with-layers"

  name    = "lwl-minimal"
  handler = "thumbnail.handler.lambda_handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }
}

# Every feature at once, with literal ARNs so the whole policy is known at plan.
module "lwl_full" {
  source = "../../../modules/lambda-with-layers"

  name         = "lwl-full"
  description  = "every feature"
  handler      = "thumbnail.handler.lambda_handler"
  runtime      = "python3.12"
  architecture = "arm64"
  package      = { path = "${local.build}/functions/thumbnail.zip" }
  layers = {
    pillow     = { path = "${local.build}/layers/pillow.zip" }
    powertools = { path = "${local.build}/layers/powertools.zip", compatible_runtimes = ["python3.12", "python3.13"] }
  }
  layer_arns = ["arn:aws:lambda:${local.region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-arm64:7"]

  memory_size                    = 2048
  timeout                        = 900
  ephemeral_storage_size         = 1024
  reserved_concurrent_executions = 20
  alias = {
    name                              = "live"
    provisioned_concurrent_executions = 2
  }

  environment_variables = { STAGE = "test" }
  kms_key_arn           = "arn:aws:kms:${local.region}:${local.account}:key/1111-env"
  tracing_mode          = "PassThrough"
  log_retention_in_days = 731
  log_format            = "Text"

  vpc_subnet_ids         = ["subnet-0a", "subnet-0b"]
  vpc_security_group_ids = ["sg-0fn"]

  dead_letter_target_arn = "arn:aws:sns:${local.region}:${local.account}:lwl-full-dead-letters"
  async_invocation = {
    maximum_retry_attempts       = 1
    maximum_event_age_in_seconds = 600
    on_success_destination_arn   = "arn:aws:events:${local.region}:${local.account}:event-bus/orders"
    on_failure_destination_arn   = "arn:aws:sqs:${local.region}:${local.account}:lwl-full-failures"
  }

  function_url = {
    cors = { allow_origins = ["https://example.com"], allow_methods = ["GET", "POST"], max_age = 300 }
  }

  event_source_mappings = {
    orders_queue = {
      event_source_arn                   = "arn:aws:sqs:${local.region}:${local.account}:orders"
      batch_size                         = 100
      maximum_batching_window_in_seconds = 5
      maximum_concurrency                = 5
      filter_patterns                    = [jsonencode({ body = { status = ["PAID"] } })]
      source_kms_key_arn                 = "arn:aws:kms:${local.region}:${local.account}:key/2222-queue"
    }
    table_stream = {
      event_source_arn               = "arn:aws:dynamodb:${local.region}:${local.account}:table/orders/stream/2026-01-01T00:00:00.000"
      starting_position              = "TRIM_HORIZON"
      bisect_batch_on_function_error = true
      maximum_retry_attempts         = 3
      maximum_record_age_in_seconds  = 3600
      on_failure_destination_arn     = "arn:aws:s3:::lwl-full-stream-failures"
    }
    clicks = {
      event_source_arn       = "arn:aws:kinesis:${local.region}:${local.account}:stream/clicks"
      starting_position      = "LATEST"
      parallelization_factor = 2
    }
  }

  allowed_triggers = {
    Uploads = {
      principal      = "s3.amazonaws.com"
      source_arn     = "arn:aws:s3:::lwl-full-uploads"
      source_account = local.account
    }
    Nightly = {
      principal  = "events.amazonaws.com"
      source_arn = "arn:aws:events:${local.region}:${local.account}:rule/nightly"
    }
  }

  policy_statements = {
    ReadConfig = {
      actions   = ["ssm:GetParameter"]
      resources = ["arn:aws:ssm:${local.region}:${local.account}:parameter/lwl-full/*"]
      conditions = [{
        test     = "StringEquals"
        variable = "aws:ResourceTag/app"
        values   = ["lwl"]
      }]
    }
  }

  tags = { case = "full" }
}

# The create switch: nothing at all.
module "lwl_disabled" {
  source = "../../../modules/lambda-with-layers"

  create  = false
  name    = "lwl-disabled"
  handler = "thumbnail.handler.lambda_handler"
  package = { path = "${local.build}/functions/thumbnail.zip" }
  # Switched off with layers: nothing may index the layers it did not create.
  layers = { powertools = { path = "${local.build}/layers/powertools.zip" } }
}

# A role and a dead-letter target the caller owns; code from S3.
module "lwl_bring_your_own" {
  source = "../../../modules/lambda-with-layers"

  name                   = "lwl-byo"
  handler                = "thumbnail.handler.lambda_handler"
  package                = { s3_bucket = "artifacts", s3_key = "lwl/thumbnail.zip", source_code_hash = "abc=" }
  create_role            = false
  role_arn               = "arn:aws:iam::${local.account}:role/platform-managed"
  dead_letter_target_arn = "arn:aws:sqs:${local.region}:${local.account}:shared-dlq"
}

# A DLQ under a customer key, an IAM-authenticated URL, an SNS trigger from one topic.
module "lwl_keyed_public" {
  source = "../../../modules/lambda-with-layers"

  name                          = "lwl-keyed-public"
  handler                       = "thumbnail.handler.lambda_handler"
  package                       = { path = "${local.build}/functions/thumbnail.zip" }
  dead_letter_queue_kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/8888-dlq"
  function_url                  = { auth_type = "AWS_IAM" }
  allowed_triggers              = { orders = { principal = "sns.amazonaws.com", source_arn = "arn:aws:sns:${local.region}:${local.account}:orders" } }
}

# The daily report: schedules on the alias of a SnapStart function (python3.13), one with
# its own dead-letter queue; a recursive loop allowed on purpose.
module "lwl_scheduled" {
  source = "../../../modules/lambda-with-layers"

  name                          = "lwl-scheduled"
  handler                       = "thumbnail.handler.lambda_handler"
  runtime                       = "python3.13"
  package                       = { path = "${local.build}/functions/thumbnail.zip" }
  alias                         = { name = "live" }
  snap_start                    = true
  recursive_loop                = "Allow"
  dead_letter_queue_kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/7777-dlq"
  schedules_kms_key_arn         = "arn:aws:kms:${local.region}:${local.account}:key/6666-schedules"
  schedules = {
    daily_report = {
      expression              = "cron(0 7 * * ? *)"
      timezone                = "Europe/Paris"
      flexible_window_minutes = 15
      input                   = jsonencode({ report = "daily" })
      description             = "The sales report, every morning"
    }
    hourly_check = {
      expression      = "rate(1 hour)"
      retry           = { maximum_event_age_in_seconds = 3600, maximum_retry_attempts = 3 }
      dead_letter_arn = "arn:aws:sqs:${local.region}:${local.account}:checks-dlq"
      group_name      = "operations"
    }
  }
}

# A container image pinned by digest, its command and working directory overridden.
module "lwl_image" {
  source = "../../../modules/lambda-with-layers"

  name = "lwl-image"
  image = {
    uri               = "${local.account}.dkr.ecr.${local.region}.amazonaws.com/reports@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    command           = ["reports.handler.lambda_handler"]
    working_directory = "/var/task"
  }
  memory_size = 1024
}
