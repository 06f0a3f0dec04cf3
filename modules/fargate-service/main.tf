data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.id
  account_id = data.aws_caller_identity.current.account_id

  # The service in whichever form it takes (service.tf).
  service = try(aws_ecs_service.this[0], aws_ecs_service.pipeline_owned[0], null)

  cluster_arn  = var.create_cluster ? try(aws_ecs_cluster.this[0].arn, null) : var.cluster_arn
  cluster_name = var.create_cluster ? try(aws_ecs_cluster.this[0].name, null) : try(element(split("/", var.cluster_arn), 1), null)

  # The memory values Fargate accepts for each task CPU (MiB).
  fargate_memory = {
    "256"   = [512, 1024, 2048]
    "512"   = range(1024, 4097, 1024)
    "1024"  = range(2048, 8193, 1024)
    "2048"  = range(4096, 16385, 1024)
    "4096"  = range(8192, 30721, 1024)
    "8192"  = range(16384, 61441, 4096)
    "16384" = range(32768, 122881, 8192)
  }
  allowed_memory = lookup(local.fargate_memory, tostring(var.cpu), [])

  # Load balancing: a created ALB, an existing listener, or none.
  load_balanced = var.create && var.load_balanced_container != null
  create_alb    = local.load_balanced && var.create_alb
  use_listener  = local.load_balanced && !var.create_alb
  https         = local.create_alb && var.certificate_arn != null
  alb_security_group_id = (
    local.create_alb ? try(aws_security_group.alb[0].id, null) : var.existing_alb_security_group_id
  )
  # "app/<name>/<id>" of the load balancer, for the request-count metric.
  alb_arn_suffix = (
    local.create_alb ? try(aws_lb.this[0].arn_suffix, null) :
    local.use_listener ? try(join("/", slice(split("/", var.existing_listener_arn), 1, 4)), null) : null
  )

  # Secrets the execution role may read: the secret ARN without any :json-key:stage:version suffix.
  secret_refs         = distinct(flatten([for c in values(var.containers) : [for s in c.secrets : s.value_from]]))
  secretsmanager_arns = distinct([for v in local.secret_refs : regex("^(arn:[^:]+:secretsmanager:[^:]+:[0-9]+:secret:[^:]+)", v)[0] if strcontains(v, ":secretsmanager:")])
  ssm_parameter_arns  = [for v in local.secret_refs : v if strcontains(v, ":ssm:")]

  # Private ECR repositories the images come from (public images need no permission):
  # [account, region, repository] of each image in <account>.dkr.ecr.<region>.amazonaws.com/<repository>.
  ecr_image_pattern   = "^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+)"
  ecr_images          = [for c in values(var.containers) : regex(local.ecr_image_pattern, c.image) if can(regex(local.ecr_image_pattern, c.image))]
  ecr_repository_arns = distinct([for i in local.ecr_images : "arn:${local.partition}:ecr:${i[1]}:${i[0]}:repository/${i[2]}"])
}
