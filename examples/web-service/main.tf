# A public web service: nginx from a public registry in private subnets, behind an
# Application Load Balancer in public subnets. One on-demand task always runs; above
# it, half the tasks run on Fargate Spot. Autoscaling keeps 1 to 4 tasks.

data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first 2 zones by name are used; zones AWS adds later sort after them and change nothing.
  state = "available"
}

locals {
  zones = slice(data.aws_availability_zones.available.names, 0, 2)
}

################################################################################
# Network: 2 zones, public subnets for the load balancer and the NAT gateway,
# private subnets for the tasks (out through one NAT gateway to pull the image).
################################################################################

resource "aws_vpc" "this" {
  #checkov:skip=CKV2_AWS_11:Flow logs belong to the account's network baseline (one destination, one retention policy), not to each example.
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

# The default security group admits nothing (nothing uses it).
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
}

resource "aws_subnet" "public" {
  for_each = { for i, zone in local.zones : zone => i }

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, each.value)
  tags              = merge(var.tags, { Name = "${var.name}-public-${each.key}", Tier = "public" })
}

resource "aws_subnet" "private" {
  for_each = { for i, zone in local.zones : zone => i }

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, each.value + 8)
  tags              = merge(var.tags, { Name = "${var.name}-private-${each.key}", Tier = "private" })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = merge(var.tags, { Name = "${var.name}-nat" })
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[local.zones[0]].id
  tags          = merge(var.tags, { Name = var.name })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-private" })
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

################################################################################
# The service
################################################################################

module "web" {
  source = "../../modules/fargate-service"

  name               = var.name
  vpc_id             = aws_vpc.this.id
  private_subnet_ids = [for zone in local.zones : aws_subnet.private[zone].id]
  public_subnet_ids  = [for zone in local.zones : aws_subnet.public[zone].id]

  # 1 on-demand task always; every task above it alternates on-demand and Spot.
  capacity_provider_strategy = {
    FARGATE      = { base = 1, weight = 1 }
    FARGATE_SPOT = { weight = 1 }
  }

  cpu    = 256
  memory = 512
  containers = {
    nginx = {
      image         = var.image
      port_mappings = [{ container_port = 80, name = "http" }]
      health_check  = { command = ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"], start_period = 10 }
      # nginx writes its cache and pid file; these paths come from task storage so
      # the root filesystem stays read-only.
      writable_paths = ["/var/cache/nginx", "/var/run", "/tmp"]
    }
  }

  load_balanced_container = { name = "nginx", port = 80 }
  health_check            = { path = "/", matcher = "200" }
  certificate_arn         = var.certificate_arn
  allow_plain_http        = var.certificate_arn == null # the example has no domain: HTTP until a certificate is given
  deletion_protection     = var.production

  desired_count = 1
  autoscaling = {
    min_capacity        = 1
    max_capacity        = 4
    cpu_target          = 60
    requests_per_target = 500
  }

  tags = var.tags
}
