# Chained by reference, never by a wide CIDR: function -> proxy -> database, on
# the database port only. Nothing may connect to the function.
resource "aws_security_group" "function" {
  #checkov:skip=CKV2_AWS_5:Attached to the function's ENIs through module.function (vpc_security_group_ids), a connection checkov's graph does not follow.
  count = var.create ? 1 : 0

  name        = "${var.name}-function"
  description = "The function's ENIs: no inbound; out to the proxy and AWS APIs"
  vpc_id      = local.vpc_id
  tags        = var.tags

  lifecycle {
    precondition {
      condition     = var.create_vpc || (var.vpc_id != null && length(var.private_subnet_ids) >= 2)
      error_message = "${var.name}: with create_vpc = false, vpc_id and at least 2 private_subnet_ids (in 2 zones) are required."
    }
    precondition {
      condition     = var.create_vpc || var.nat_gateway == "NONE"
      error_message = "${var.name}: nat_gateway applies to a VPC the module creates; an existing VPC brings its own routes."
    }
  }
}

resource "aws_security_group" "proxy" {
  #checkov:skip=CKV2_AWS_5:Attached to the RDS Proxy (aws_db_proxy.vpc_security_group_ids), a connection checkov's graph does not follow.
  count = var.create ? 1 : 0

  name        = "${var.name}-proxy"
  description = "RDS Proxy: in from the function, out to the database, on the database port"
  vpc_id      = local.vpc_id
  tags        = var.tags
}

resource "aws_security_group" "database" {
  count = var.create ? 1 : 0

  name        = "${var.name}-database"
  description = "The database: in from the proxy on its port only"
  vpc_id      = local.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "function_to_proxy" {
  count = var.create ? 1 : 0

  security_group_id            = aws_security_group.function[0].id
  description                  = "Database port on the proxy"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.proxy[0].id
}

resource "aws_vpc_security_group_egress_rule" "function_to_endpoints" {
  count = var.create && length(var.interface_endpoints) > 0 ? 1 : 0

  security_group_id            = aws_security_group.function[0].id
  description                  = "HTTPS to the interface endpoints (AWS APIs, IAM auth tokens need none)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints[0].id
}

resource "aws_vpc_security_group_egress_rule" "function_to_internet" {
  count = var.create && var.nat_gateway != "NONE" ? 1 : 0

  security_group_id = aws_security_group.function[0].id
  description       = "HTTPS out through the NAT gateway"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_function" {
  count = var.create ? 1 : 0

  security_group_id            = aws_security_group.proxy[0].id
  description                  = "Database port from the function"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.function[0].id
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  count = var.create ? 1 : 0

  security_group_id            = aws_security_group.proxy[0].id
  description                  = "Database port on the database"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.database[0].id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  count = var.create ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "Database port from the proxy"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.proxy[0].id
}
