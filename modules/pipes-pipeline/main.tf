data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  stream      = var.pipe_source.dynamodb_stream
  queue       = var.pipe_source.sqs_queue
  source_arn  = local.stream != null ? local.stream.stream_arn : local.queue.queue_arn
  target_kind = split(":", var.target.arn)[2] # lambda, sqs, sns, states or events

  # Records from a stream that keep failing go to a dead-letter queue, given or created.
  create_dlq            = var.create && local.stream != null && try(local.stream.dead_letter_queue_arn, null) == null && var.create_dead_letter_queue
  dead_letter_queue_arn = local.stream == null ? null : coalesce(try(local.stream.dead_letter_queue_arn, null), local.create_dlq ? "arn:${local.partition}:sqs:${local.region}:${local.account_id}:${var.name}-pipe-dlq" : "none")
  has_dlq               = local.stream != null && local.dead_letter_queue_arn != "none"

  pipe_arn      = "arn:${local.partition}:pipes:${local.region}:${local.account_id}:pipe/${var.name}"
  log_group     = "/aws/vendedlogs/pipes/${var.name}"
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group}"
}

resource "aws_pipes_pipe" "this" {
  count = var.create ? 1 : 0

  name               = var.name
  description        = var.description
  role_arn           = aws_iam_role.this[0].arn
  desired_state      = var.desired_state
  kms_key_identifier = var.kms_key_arn
  source             = local.source_arn
  enrichment         = try(coalesce(var.enrichment.lambda_function_arn, var.enrichment.api_destination_arn), null)
  target             = var.target.arn

  source_parameters {
    dynamic "dynamodb_stream_parameters" {
      for_each = local.stream != null ? [local.stream] : []
      content {
        starting_position                  = dynamodb_stream_parameters.value.starting_position
        batch_size                         = dynamodb_stream_parameters.value.batch_size
        maximum_batching_window_in_seconds = dynamodb_stream_parameters.value.maximum_batching_window_in_seconds
        maximum_retry_attempts             = dynamodb_stream_parameters.value.maximum_retry_attempts
        maximum_record_age_in_seconds      = dynamodb_stream_parameters.value.maximum_record_age_in_seconds
        parallelization_factor             = dynamodb_stream_parameters.value.parallelization_factor
        on_partial_batch_item_failure      = dynamodb_stream_parameters.value.bisect_on_error ? "AUTOMATIC_BISECT" : null

        dynamic "dead_letter_config" {
          for_each = local.has_dlq ? [local.dead_letter_queue_arn] : []
          content {
            arn = dead_letter_config.value
          }
        }
      }
    }

    dynamic "sqs_queue_parameters" {
      for_each = local.queue != null ? [local.queue] : []
      content {
        batch_size                         = sqs_queue_parameters.value.batch_size
        maximum_batching_window_in_seconds = sqs_queue_parameters.value.maximum_batching_window_in_seconds
      }
    }

    dynamic "filter_criteria" {
      for_each = length(var.filter_patterns) > 0 ? [true] : []
      content {
        dynamic "filter" {
          for_each = var.filter_patterns
          content {
            pattern = filter.value
          }
        }
      }
    }
  }

  dynamic "enrichment_parameters" {
    for_each = try(var.enrichment.input_template, null) != null ? [var.enrichment.input_template] : []
    content {
      input_template = enrichment_parameters.value
    }
  }

  target_parameters {
    input_template = var.target.input_template

    dynamic "lambda_function_parameters" {
      for_each = local.target_kind == "lambda" ? [true] : []
      content {
        invocation_type = coalesce(var.target.invocation_type, "REQUEST_RESPONSE")
      }
    }

    dynamic "step_function_state_machine_parameters" {
      for_each = local.target_kind == "states" ? [true] : []
      content {
        invocation_type = coalesce(var.target.invocation_type, "FIRE_AND_FORGET")
      }
    }

    dynamic "sqs_queue_parameters" {
      for_each = local.target_kind == "sqs" && (var.target.message_group_id != null || var.target.message_deduplication_id != null) ? [true] : []
      content {
        message_group_id         = var.target.message_group_id
        message_deduplication_id = var.target.message_deduplication_id
      }
    }

    dynamic "eventbridge_event_bus_parameters" {
      for_each = local.target_kind == "events" && (var.target.detail_type != null || var.target.event_source != null) ? [true] : []
      content {
        detail_type = var.target.detail_type
        source      = var.target.event_source
      }
    }
  }

  log_configuration {
    level                  = var.logging.level
    include_execution_data = var.logging.include_execution_data ? ["ALL"] : null

    cloudwatch_logs_log_destination {
      log_group_arn = aws_cloudwatch_log_group.this[0].arn
    }
  }

  tags = var.tags

  # The role's policy must be in place before the pipe is created: Pipes checks it
  # can read the source and reach the target then; a new stream also needs time
  # before Pipes can read it (source_wait.tf).
  depends_on = [aws_iam_role_policy.this, aws_sqs_queue.pipe_dead_letter, terraform_data.stream_source_wait]
}
