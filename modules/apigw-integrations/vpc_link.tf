resource "aws_api_gateway_vpc_link" "this" {
  count = var.create && try(length(var.vpc_link.target_arns), 0) > 0 ? 1 : 0

  name        = "${var.name}-link"
  description = "PRIVATE routes of ${var.name} to their Network Load Balancer"
  target_arns = var.vpc_link.target_arns
  tags        = var.tags
}

locals {
  vpc_link_id = try(coalesce(try(var.vpc_link.id, null), try(aws_api_gateway_vpc_link.this[0].id, null)), null)
}
