# API Gateway resources form a tree: /orders/{id} needs /orders. Every prefix of
# every route path becomes a resource, one depth at a time (a for_each cannot
# refer to itself), up to the 5 segments var.routes allows.
locals {
  segments       = { for key, route in var.routes : key => route.path == "/" ? [] : split("/", trimprefix(route.path, "/")) }
  resource_paths = distinct(flatten([for segs in values(local.segments) : [for i in range(length(segs)) : join("/", slice(segs, 0, i + 1))]]))
  paths_at_depth = {
    for depth in range(1, 6) : depth => {
      for path in local.resource_paths : path => {
        parent = join("/", slice(split("/", path), 0, depth - 1))
        part   = split("/", path)[depth - 1]
      } if length(split("/", path)) == depth
    }
  }
  route_resource_path = { for key, segs in local.segments : key => join("/", segs) }
}

resource "aws_api_gateway_resource" "depth_1" {
  for_each = var.create ? local.paths_at_depth[1] : {}

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_rest_api.this[0].root_resource_id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth_2" {
  for_each = var.create ? local.paths_at_depth[2] : {}

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_resource.depth_1[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth_3" {
  for_each = var.create ? local.paths_at_depth[3] : {}

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_resource.depth_2[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth_4" {
  for_each = var.create ? local.paths_at_depth[4] : {}

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_resource.depth_3[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth_5" {
  for_each = var.create ? local.paths_at_depth[5] : {}

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_resource.depth_4[each.value.parent].id
  path_part   = each.value.part
}

locals {
  resource_ids = var.create ? merge(
    { "" = aws_api_gateway_rest_api.this[0].root_resource_id },
    { for path, r in aws_api_gateway_resource.depth_1 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_2 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_3 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_4 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_5 : path => r.id },
  ) : {}
}
