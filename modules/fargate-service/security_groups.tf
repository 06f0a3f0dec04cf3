# The load balancer accepts the listed CIDRs on its listener ports and talks to
# the tasks only; the tasks accept the load balancer only, on the container port.
resource "aws_security_group" "alb" {
  count = local.create_alb ? 1 : 0

  name        = "${var.name}-alb"
  description = "Load balancer of ${var.name}: in from the allowed CIDRs on 80/443, out to the tasks"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

locals {
  alb_ingress = local.create_alb ? {
    for pair in setproduct(local.https ? [80, 443] : [80], var.allowed_cidrs) : "${pair[0]} ${pair[1]}" => { port = pair[0], cidr = pair[1] }
  } : {}
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  #checkov:skip=CKV_AWS_260:A public load balancer exists to accept these ranges on its listener ports (allowed_cidrs, the caller's input); the tasks admit only the load balancer.
  for_each = local.alb_ingress

  security_group_id = aws_security_group.alb[0].id
  description       = each.value.port == 443 ? "HTTPS from ${each.value.cidr}" : "HTTP from ${each.value.cidr}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
  tags              = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  count = local.create_alb ? 1 : 0

  security_group_id            = aws_security_group.alb[0].id
  description                  = "Container port on the tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.load_balanced_container.port
  to_port                      = var.load_balanced_container.port
  referenced_security_group_id = aws_security_group.tasks[0].id
  tags                         = var.tags
}

# An existing load balancer may reach the tasks too: its group gets the one egress
# rule it needs, so the caller does not have to add it by hand.
resource "aws_vpc_security_group_egress_rule" "existing_alb_to_tasks" {
  count = local.use_listener && var.existing_alb_security_group_id != null ? 1 : 0

  security_group_id            = var.existing_alb_security_group_id
  description                  = "Container port on the tasks of ${var.name}"
  ip_protocol                  = "tcp"
  from_port                    = var.load_balanced_container.port
  to_port                      = var.load_balanced_container.port
  referenced_security_group_id = aws_security_group.tasks[0].id
  tags                         = var.tags
}

resource "aws_security_group" "tasks" {
  #checkov:skip=CKV2_AWS_5:Attached to the tasks' ENIs through aws_ecs_service.network_configuration, a connection checkov's graph does not follow.
  count = var.create ? 1 : 0

  name        = "${var.name}-tasks"
  description = "Tasks of ${var.name}: in from the load balancer only, out on HTTPS"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  #checkov:skip=CKV_AWS_260:False positive: the check does not read referenced_security_group_id and takes a rule without a CIDR for 0.0.0.0/0; this rule's only source is the load balancer's group.
  # (Without a created ALB or the existing one's group, a precondition on the service says what is missing.)
  count = local.load_balanced && (local.create_alb || var.existing_alb_security_group_id != null) ? 1 : 0

  security_group_id            = aws_security_group.tasks[0].id
  description                  = "Container port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.load_balanced_container.port
  to_port                      = var.load_balanced_container.port
  referenced_security_group_id = local.alb_security_group_id
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  for_each = var.create ? toset(var.task_egress_cidrs) : toset([])

  security_group_id = aws_security_group.tasks[0].id
  description       = "HTTPS to ${each.value} (image registry, AWS APIs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
  tags              = var.tags
}
