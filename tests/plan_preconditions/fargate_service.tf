# Inputs that are only wrong together: preconditions, named in tests/test_validation.py.

locals {
  fg = {
    vpc_id                  = "vpc-0123456789abcdef0"
    private_subnet_ids      = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    public_subnet_ids       = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }] } }
    load_balanced_container = { "name" = "web", "port" = 80 }
  }
}

module "fg_cpu256_mem4096" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-cpu256-mem4096"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  cpu                     = 256
  memory                  = 4096
}

module "fg_cpu1024_mem1024" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-cpu1024-mem1024"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  cpu                     = 1024
  memory                  = 1024
}

module "fg_containers_over_task" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-containers-over-task"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "cpu" = 256 }, "log" = { "image" = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "cpu" = 128 } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_existing_cluster_no_arn" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-existing-cluster-no-arn"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  create_cluster          = false
}

module "fg_lb_unknown_container" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-lb-unknown-container"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = { "name" = "api", "port" = 80 }
}

module "fg_lb_unmapped_port" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-lb-unmapped-port"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = { "name" = "web", "port" = 8080 }
}

module "fg_alb_one_subnet" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-alb-one-subnet"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = ["subnet-0cccccccccccccccc"]
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_no_alb_no_listener" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-no-alb-no-listener"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  create_alb              = false
}

module "fg_requests_without_lb" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-requests-without-lb"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = null
  autoscaling             = { "min_capacity" = 1, "max_capacity" = 2, "requests_per_target" = 100 }
}

# The IAM rules of modules/iam-statement-rules on the task role.
module "fg_task_star" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-star"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_role_statements    = { "All" = { "actions" = ["*"], "resources" = ["arn:aws:s3:::b/*"] } }
}

module "fg_task_service_star" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-service-star"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_role_statements    = { "S3" = { "actions" = ["s3:*"], "resources" = ["arn:aws:s3:::b/*"] } }
}

module "fg_task_question" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-question"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_role_statements    = { "Read" = { "actions" = ["dynamodb:?etItem"], "resources" = ["arn:aws:dynamodb:us-east-1:123456789012:table/t"] } }
}

module "fg_task_exec_key" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-exec-key"
  allow_plain_http        = true
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  enable_execute_command  = true
  task_role_statements    = { "EcsExecSessionChannels" = { "actions" = ["s3:GetObject"], "resources" = ["arn:aws:s3:::b/*"] } }
}

module "fg_plain_http" {
  source             = "../../modules/fargate-service"
  name               = "fg-plain-http"
  vpc_id             = local.fg.vpc_id
  private_subnet_ids = local.fg.private_subnet_ids
  public_subnet_ids  = local.fg.public_subnet_ids
  containers         = local.fg.containers
  # no certificate_arn and no allow_plain_http: a public listener without TLS by accident
  load_balanced_container = local.fg.load_balanced_container
}
