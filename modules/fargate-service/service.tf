resource "aws_ecs_service" "this" {
  count = var.create ? 1 : 0

  name                               = var.name
  cluster                            = local.cluster_arn
  task_definition                    = aws_ecs_task_definition.this[0].arn
  desired_count                      = var.desired_count
  platform_version                   = "LATEST"
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = local.load_balanced ? var.health_check_grace_period_seconds : null
  enable_execute_command             = var.enable_execute_command
  wait_for_steady_state              = var.wait_for_steady_state
  propagate_tags                     = "SERVICE"
  enable_ecs_managed_tags            = true
  tags                               = var.tags

  deployment_circuit_breaker {
    enable   = var.circuit_breaker_enabled
    rollback = var.circuit_breaker_rollback
  }

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.key
      base              = capacity_provider_strategy.value.base
      weight            = capacity_provider_strategy.value.weight
    }
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks[0].id]
    assign_public_ip = var.assign_public_ip
  }

  dynamic "load_balancer" {
    for_each = local.load_balanced ? [var.load_balanced_container] : []
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = load_balancer.value.name
      container_port   = load_balancer.value.port
    }
  }

  # The target group must be attached to a listener before a service may use it, and the
  # first tasks start with the roles' policies (image pull, log stream): ECS does not wait.
  depends_on = [
    aws_lb_listener.http_forward, aws_lb_listener.https, aws_lb_listener_rule.this, aws_ecs_cluster_capacity_providers.this,
    aws_iam_role_policy.execution, aws_iam_role_policy.task,
  ]

  lifecycle {
    # desired_count is where the service starts; afterwards autoscaling (or an
    # operator) owns it, and a plan must not scale a running service back.
    ignore_changes = [desired_count]

    precondition {
      condition     = var.create_cluster || var.cluster_arn != null
      error_message = "${var.name}: with create_cluster = false, cluster_arn is required."
    }
    precondition {
      condition = var.load_balanced_container == null || try(contains(
        [for p in var.containers[var.load_balanced_container.name].port_mappings : p.container_port], var.load_balanced_container.port
      ), false)
      error_message = "${var.name}: load_balanced_container must name a container in containers and one of its port_mappings' container_port."
    }
    precondition {
      condition     = !local.create_alb || length(var.public_subnet_ids) >= 2
      error_message = "${var.name}: an Application Load Balancer needs public_subnet_ids in at least 2 zones."
    }
    precondition {
      condition     = !local.use_listener || (var.existing_listener_arn != null && var.existing_alb_security_group_id != null && var.listener_rule != null)
      error_message = "${var.name}: with create_alb = false, existing_listener_arn, existing_alb_security_group_id and listener_rule are required (or set load_balanced_container = null for no load balancer)."
    }
    precondition {
      condition     = var.autoscaling == null || try(var.autoscaling.requests_per_target == null, true) || local.load_balanced
      error_message = "${var.name}: autoscaling.requests_per_target needs a load balancer (load_balanced_container)."
    }
  }
}
