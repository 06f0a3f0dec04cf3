locals {
  create_schedules = var.create && length(var.schedules) > 0

  # What Scheduler invokes: the alias when there is one (provisioned concurrency serves it).
  # Built from names so the scheduler role's policy is known at plan.
  function_arn_from_name = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${var.name}"
  schedule_target_arn    = local.create_alias ? "${local.function_arn_from_name}:${var.alias.name}" : local.function_arn_from_name

  # Invocations that fail for good go to the schedule's queue, else to the function's own
  # dead-letter queue (the created one, or the caller's when it is a queue).
  function_dead_letter_queue_arn = (
    var.dead_letter_target_arn != null ? (split(":", var.dead_letter_target_arn)[2] == "sqs" ? var.dead_letter_target_arn : null)
    : var.create_dead_letter_queue ? local.dead_letter_queue_arn : null
  )
  schedule_dead_letter_arns = {
    for key, schedule in var.schedules : key => try(coalesce(schedule.dead_letter_arn, local.function_dead_letter_queue_arn), null)
  }
  # The created queue under a customer key needs that key to take Scheduler's messages.
  schedules_use_created_queue = contains(values(local.schedule_dead_letter_arns), local.dead_letter_queue_arn) && var.dead_letter_target_arn == null
}

data "aws_iam_policy_document" "scheduler_assume_role" {
  count = local.create_schedules ? 1 : 0

  statement {
    sid     = "SchedulerAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only this account's Scheduler, for the schedule groups these schedules are in, may
    # use the role (confused deputy): Scheduler names the schedule group as the source.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = sort(distinct([for schedule in values(var.schedules) : "arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule-group/${schedule.group_name}"]))
    }
  }
}

resource "aws_iam_role" "scheduler" {
  count = local.create_schedules ? 1 : 0

  name                 = "${var.name}-scheduler"
  path                 = var.role_path
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume_role[0].json
  permissions_boundary = var.role_permissions_boundary
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = length(var.name) <= 54
      error_message = "${var.name}: With schedules, name may have at most 54 characters: the scheduler role is '<name>-scheduler' and IAM allows 64."
    }
  }
}

data "aws_iam_policy_document" "scheduler" {
  count = local.create_schedules ? 1 : 0

  statement {
    sid       = "InvokeThisFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.schedule_target_arn]
  }

  dynamic "statement" {
    for_each = length(compact(values(local.schedule_dead_letter_arns))) > 0 ? [true] : []
    content {
      sid       = "DeadLetter"
      actions   = ["sqs:SendMessage"]
      resources = sort(distinct(compact(values(local.schedule_dead_letter_arns))))
    }
  }

  dynamic "statement" {
    for_each = var.schedules_kms_key_arn != null ? [true] : []
    content {
      sid       = "ScheduleKey"
      actions   = ["kms:Decrypt"]
      resources = [var.schedules_kms_key_arn]
    }
  }

  dynamic "statement" {
    for_each = local.schedules_use_created_queue && var.dead_letter_queue_kms_key_arn != null ? [true] : []
    content {
      sid       = "DeadLetterKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.dead_letter_queue_kms_key_arn]
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.create_schedules ? 1 : 0

  name   = "${var.name}-scheduler"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.scheduler[0].json
}

resource "aws_scheduler_schedule" "this" {
  #checkov:skip=CKV_AWS_297:Scheduler encrypts every schedule at rest with an AWS owned key; schedules_kms_key_arn takes a customer managed key when a schedule's input carries data that must be under one.
  for_each = var.create ? var.schedules : {}

  name                         = "${var.name}-${each.key}"
  group_name                   = each.value.group_name
  description                  = each.value.description
  state                        = each.value.state
  schedule_expression          = each.value.expression
  schedule_expression_timezone = each.value.timezone
  kms_key_arn                  = var.schedules_kms_key_arn

  flexible_time_window {
    mode                      = each.value.flexible_window_minutes == null ? "OFF" : "FLEXIBLE"
    maximum_window_in_minutes = each.value.flexible_window_minutes
  }

  target {
    arn      = local.schedule_target_arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = each.value.input

    retry_policy {
      maximum_event_age_in_seconds = each.value.retry.maximum_event_age_in_seconds
      maximum_retry_attempts       = each.value.retry.maximum_retry_attempts
    }

    dead_letter_config {
      arn = local.schedule_dead_letter_arns[each.key]
    }
  }

  lifecycle {
    precondition {
      condition     = local.schedule_dead_letter_arns[each.key] != null
      error_message = "${var.name}: schedules[\"${each.key}\"] has nowhere to send invocations that fail for good: give its dead_letter_arn, or keep the function's dead-letter queue (create_dead_letter_queue, or a queue as dead_letter_target_arn)."
    }
  }

  # The role must be able to invoke before the first run; the alias must exist.
  depends_on = [aws_iam_role_policy.scheduler, aws_lambda_alias.this, aws_sqs_queue.async_dead_letter]
}
