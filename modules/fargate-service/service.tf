# The service in one of two forms, by who owns its running revision (ignore_changes cannot
# depend on an input, so each form is its own resource; the bodies are the same).

# Terraform owns it: a change of the task definition is deployed by the next apply.
resource "aws_ecs_service" "this" {
  count = var.create && !var.ignore_task_definition_changes ? 1 : 0

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
  }
}

# A deployment pipeline owns it (ignore_task_definition_changes): Terraform creates the service
# with the first revision, then leaves the revision the pipeline set with UpdateService.
resource "aws_ecs_service" "pipeline_owned" {
  count = var.create && var.ignore_task_definition_changes ? 1 : 0

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
    # desired_count as above; task_definition is the pipeline's after the first apply.
    ignore_changes = [desired_count, task_definition]
  }
}
