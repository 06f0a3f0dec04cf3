# The private route's backend: an internal Network Load Balancer in a small VPC
# (put your service's targets in its target group). Created only with PRIVATE.
locals {
  private = contains(var.kinds, "PRIVATE")
}

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first two zones by name are used; zones AWS adds later sort after them and change nothing here.
  count = local.private ? 1 : 0
  state = "available"
}

resource "aws_vpc" "this" {
  #checkov:skip=CKV2_AWS_11:Flow logs belong to the account's network baseline; this VPC only hosts the example's internal load balancer.
  count = local.private ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "${var.name}-private-backend" }
}

# Nothing may use the default security group.
resource "aws_default_security_group" "this" {
  count = local.private ? 1 : 0

  vpc_id = aws_vpc.this[0].id
}

resource "aws_subnet" "private" {
  for_each = local.private ? { for i, az in slice(data.aws_availability_zones.available[0].names, 0, 2) : az => i } : {}

  vpc_id            = aws_vpc.this[0].id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, each.value)
  tags              = { Name = "${var.name}-private-${each.key}" }
}

resource "aws_lb" "internal" {
  #checkov:skip=CKV_AWS_91:Access logs need a bucket with a policy for the ELB account; the example's backend has no traffic worth keeping.
  #checkov:skip=CKV_AWS_150:Deletion protection would make the example impossible to destroy in one step; a real backend turns it on.
  #checkov:skip=CKV2_AWS_20:A Network Load Balancer forwards TCP; there is no HTTP listener to redirect.
  #checkov:skip=CKV2_AWS_28:WAF cannot attach to a Network Load Balancer; the API's stage is where a web ACL goes.
  count = local.private ? 1 : 0

  # A generated name: the VPC link makes this balancer a dependency of the API's
  # create_before_destroy deployment, and ELB answers CreateLoadBalancer for an
  # existing name and settings with the live balancer, which a create-first
  # replacement would then delete as the "old" one.
  name_prefix                      = "vlink-"
  internal                         = true
  load_balancer_type               = "network"
  subnets                          = [for subnet in aws_subnet.private : subnet.id]
  enable_cross_zone_load_balancing = true
}

resource "aws_lb_target_group" "internal" {
  count = local.private ? 1 : 0

  name        = "${var.name}-internal"
  port        = 80
  protocol    = "TCP"
  target_type = "ip"
  vpc_id      = aws_vpc.this[0].id

  health_check {
    protocol = "TCP"
  }
}

resource "aws_lb_listener" "internal" {
  #checkov:skip=CKV_AWS_2:TCP listener on an internal NLB behind API Gateway's VPC link; TLS ends at the API.
  #checkov:skip=CKV_AWS_103:TCP listener: there is no TLS policy to set.
  count = local.private ? 1 : 0

  load_balancer_arn = aws_lb.internal[0].arn
  port              = 80
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.internal[0].arn
  }
}
