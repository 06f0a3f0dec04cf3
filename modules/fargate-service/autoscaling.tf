resource "aws_appautoscaling_target" "this" {
  count = var.create && var.autoscaling != null ? 1 : 0

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${local.cluster_name}/${local.service.name}"
  min_capacity       = var.autoscaling.min_capacity
  max_capacity       = var.autoscaling.max_capacity
  tags               = var.tags
}

locals {
  # Target tracking on CPU always; on requests per target when asked, with a load balancer.
  scaling_policies = {
    for key, policy in {
      cpu = { target = try(var.autoscaling.cpu_target, null), metric = "ECSServiceAverageCPUUtilization", label = null }
      requests = {
        target = try(var.autoscaling.requests_per_target, null)
        metric = "ALBRequestCountPerTarget"
        label  = try("${local.alb_arn_suffix}/${aws_lb_target_group.this[0].arn_suffix}", null)
      }
    } : key => policy if var.create && var.autoscaling != null && policy.target != null && (key == "cpu" || local.load_balanced)
  }
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.scaling_policies

  name               = "${var.name}-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target
    scale_in_cooldown  = var.autoscaling.scale_in_cooldown
    scale_out_cooldown = var.autoscaling.scale_out_cooldown

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
      resource_label         = each.value.label
    }
  }
}
