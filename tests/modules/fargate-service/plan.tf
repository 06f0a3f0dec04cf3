locals {
  fargate_network = {
    vpc_id             = "vpc-0123456789abcdef0"
    private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    public_subnet_ids  = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
  }
  fargate_secret = "arn:aws:secretsmanager:${local.region}:${local.account}:secret:orders/db-AbCdEf"
}

# A new cluster, HTTPS with HTTP redirect, two containers (app from private ECR with
# secrets, a log router sidecar), ARM64, extra storage, ECS Exec, autoscaling on CPU
# and requests, access logs.
module "fargate_https_multi" {
  source = "../../../modules/fargate-service"

  name               = "fg-https"
  vpc_id             = local.fargate_network.vpc_id
  private_subnet_ids = local.fargate_network.private_subnet_ids
  public_subnet_ids  = local.fargate_network.public_subnet_ids
  container_insights = "enhanced"

  cpu                   = 1024
  memory                = 3072
  cpu_architecture      = "ARM64"
  ephemeral_storage_gib = 40
  containers = {
    app = {
      image         = "${local.account}.dkr.ecr.${local.region}.amazonaws.com/orders/api:1.4.2"
      port_mappings = [{ container_port = 8080, name = "http" }]
      environment   = { LOG_LEVEL = "INFO", PORT = "8080" }
      secrets = [
        { name = "DB_PASSWORD", value_from = "${local.fargate_secret}:password::" },
        { name = "DB_USER", value_from = "${local.fargate_secret}:username::" },
        { name = "API_TOKEN", value_from = "arn:aws:ssm:${local.region}:${local.account}:parameter/orders/api-token" },
      ]
      health_check = { command = ["CMD", "/app/healthcheck"], interval = 15, retries = 2 }
      memory       = 2048
      cpu          = 768
    }
    log-router = {
      image              = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"
      essential          = false
      writable_paths     = ["/tmp", "/fluent-bit/etc"]
      memory_reservation = 128
      user               = "0"
    }
  }
  task_role_statements = {
    ReadOrdersTable = {
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = ["arn:aws:dynamodb:${local.region}:${local.account}:table/orders"]
    }
  }
  secrets_kms_key_arns   = ["arn:aws:kms:${local.region}:${local.account}:key/6666-secrets"]
  enable_execute_command = true

  load_balanced_container = { name = "app", port = 8080 }
  certificate_arn         = "arn:aws:acm:${local.region}:${local.account}:certificate/7777-web"
  allowed_cidrs           = ["203.0.113.0/24", "198.51.100.0/24"]
  access_logs_bucket      = "orders-alb-logs"
  health_check            = { path = "/healthz", matcher = "200,204" }

  autoscaling = { min_capacity = 2, max_capacity = 10, cpu_target = 50, requests_per_target = 1000 }
}

# An existing cluster and an existing ALB listener; Spot-heavy: 2 on-demand, then 3 Spot to 1.
module "fargate_existing_cluster_listener" {
  source = "../../../modules/fargate-service"

  name               = "fg-existing"
  vpc_id             = local.fargate_network.vpc_id
  private_subnet_ids = local.fargate_network.private_subnet_ids
  create_cluster     = false
  cluster_arn        = "arn:aws:ecs:${local.region}:${local.account}:cluster/shared"
  create_alb         = false
  capacity_provider_strategy = {
    FARGATE      = { base = 2, weight = 1 }
    FARGATE_SPOT = { weight = 3 }
  }
  containers = {
    web = { image = "public.ecr.aws/nginx/nginx:1.27", port_mappings = [{ container_port = 80 }], writable_paths = ["/var/cache/nginx", "/var/run"] }
  }
  load_balanced_container        = { name = "web", port = 80 }
  existing_listener_arn          = "arn:aws:elasticloadbalancing:${local.region}:${local.account}:listener/app/shared/0123456789abcdef/fedcba9876543210"
  existing_alb_security_group_id = "sg-0123456789abcdef0"
  listener_rule                  = { priority = 20, path_patterns = ["/orders/*"], host_headers = ["api.example.com"] }
  autoscaling                    = { min_capacity = 1, max_capacity = 3, requests_per_target = 200 }
}

# A worker: no load balancer, Spot only, CPU autoscaling; CI deploys its image.
module "fargate_worker_no_alb" {
  source = "../../../modules/fargate-service"

  ignore_task_definition_changes = true

  name                       = "fg-worker"
  vpc_id                     = local.fargate_network.vpc_id
  private_subnet_ids         = local.fargate_network.private_subnet_ids
  capacity_provider_strategy = { FARGATE_SPOT = { weight = 1 } }
  cpu                        = 512
  memory                     = 1024
  containers = {
    worker = { image = "public.ecr.aws/docker/library/python:3.12-slim", command = ["python", "-m", "worker"] }
  }
  autoscaling = { min_capacity = 0, max_capacity = 5 }
}

# HTTP only (no certificate).
module "fargate_http_only" {
  source = "../../../modules/fargate-service"

  name                    = "fg-http"
  allow_plain_http        = true
  vpc_id                  = local.fargate_network.vpc_id
  private_subnet_ids      = local.fargate_network.private_subnet_ids
  public_subnet_ids       = local.fargate_network.public_subnet_ids
  containers              = { web = { image = "public.ecr.aws/nginx/nginx:1.27", port_mappings = [{ container_port = 80 }] } }
  load_balanced_container = { name = "web", port = 80 }
}

module "fargate_disabled" {
  source = "../../../modules/fargate-service"

  create                  = false
  name                    = "fg-disabled"
  vpc_id                  = local.fargate_network.vpc_id
  private_subnet_ids      = local.fargate_network.private_subnet_ids
  public_subnet_ids       = local.fargate_network.public_subnet_ids
  containers              = { web = { image = "public.ecr.aws/nginx/nginx:1.27", port_mappings = [{ container_port = 80 }] } }
  load_balanced_container = { name = "web", port = 80 }
}
