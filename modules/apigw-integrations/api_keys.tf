resource "aws_api_gateway_usage_plan" "this" {
  count = var.create && length(var.api_keys) > 0 ? 1 : 0

  name = "${var.name}-${var.stage_name}"
  tags = var.tags

  api_stages {
    api_id = aws_api_gateway_rest_api.this[0].id
    stage  = aws_api_gateway_stage.this[0].stage_name
  }

  throttle_settings {
    rate_limit  = var.usage_plan.rate_limit
    burst_limit = var.usage_plan.burst_limit
  }

  dynamic "quota_settings" {
    for_each = var.usage_plan.quota_limit != null ? [var.usage_plan] : []
    content {
      limit  = quota_settings.value.quota_limit
      period = quota_settings.value.quota_period
    }
  }
}

resource "aws_api_gateway_api_key" "this" {
  for_each = var.create ? var.api_keys : []

  name = "${var.name}-${each.key}"
  tags = var.tags
}

resource "aws_api_gateway_usage_plan_key" "this" {
  for_each = var.create ? var.api_keys : []

  key_id        = aws_api_gateway_api_key.this[each.key].id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.this[0].id
}
