locals {
  alarms = var.create && var.alarms != null ? {
    for key, metric in { executions_failed = "ExecutionsFailed", executions_timed_out = "ExecutionsTimedOut", execution_throttled = "ExecutionThrottled" } :
    key => merge(var.alarms[key], { metric = metric }) if var.alarms[key].enabled
  } : {}
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${replace(each.key, "_", "-")}"
  alarm_description   = "${var.name}: ${each.value.metric} reached ${each.value.threshold} in ${each.value.period} s"
  namespace           = "AWS/States"
  metric_name         = each.value.metric
  dimensions          = { StateMachineArn = aws_sfn_state_machine.this[0].arn }
  statistic           = "Sum"
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching" # no executions is not a failure
  alarm_actions       = [var.alarms.topic_arn]
  ok_actions          = [var.alarms.topic_arn]
  tags                = var.tags
}
