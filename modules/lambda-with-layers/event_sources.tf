locals {
  event_source_types = { for key, m in var.event_source_mappings : key => split(":", m.event_source_arn)[2] }
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.create ? var.event_source_mappings : {}

  event_source_arn                   = each.value.event_source_arn
  function_name                      = local.create_alias ? aws_lambda_alias.this[0].arn : aws_lambda_function.this[0].arn
  enabled                            = each.value.enabled
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_in_seconds
  function_response_types            = each.value.report_batch_item_failures ? ["ReportBatchItemFailures"] : null

  # Stream sources only (the variable's validation keeps them off SQS).
  starting_position              = each.value.starting_position
  starting_position_timestamp    = each.value.starting_position_timestamp
  bisect_batch_on_function_error = each.value.bisect_batch_on_function_error
  maximum_retry_attempts         = each.value.maximum_retry_attempts
  maximum_record_age_in_seconds  = each.value.maximum_record_age_in_seconds
  parallelization_factor         = each.value.parallelization_factor

  dynamic "destination_config" {
    for_each = each.value.on_failure_destination_arn != null ? [each.value.on_failure_destination_arn] : []
    content {
      on_failure {
        destination_arn = destination_config.value
      }
    }
  }

  dynamic "filter_criteria" {
    for_each = length(each.value.filter_patterns) > 0 ? [true] : []
    content {
      dynamic "filter" {
        for_each = each.value.filter_patterns
        content {
          pattern = filter.value
        }
      }
    }
  }

  dynamic "scaling_config" {
    for_each = local.event_source_types[each.key] == "sqs" && each.value.maximum_concurrency != null ? [each.value.maximum_concurrency] : []
    content {
      maximum_concurrency = scaling_config.value
    }
  }

  tags = var.tags

  # Lambda checks the role can read the source when the mapping is created.
  depends_on = [aws_iam_role_policy.this]
}
