# One bad input per module call; tests/test_validation.py names the message each must give.

locals {
  fg = {
    vpc_id                  = "vpc-0123456789abcdef0"
    private_subnet_ids      = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    public_subnet_ids       = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }] } }
    load_balanced_container = { "name" = "web", "port" = 80 }
  }
}

module "fg_name_caps" {
  source                  = "../../modules/fargate-service"
  name                    = "Web"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_vpc_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-vpc-bad"
  vpc_id                  = "vpc-zz"
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_private_subnets_none" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-private-subnets-none"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = []
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_cluster_arn_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-cluster-arn-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  create_cluster          = false
  cluster_arn             = "arn:aws:ecs:us-east-1:123456789012:service/x"
}

module "fg_insights_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-insights-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  container_insights      = "on"
}

module "fg_strategy_ec2" {
  source                     = "../../modules/fargate-service"
  name                       = "fg-strategy-ec2"
  vpc_id                     = local.fg.vpc_id
  private_subnet_ids         = local.fg.private_subnet_ids
  public_subnet_ids          = local.fg.public_subnet_ids
  containers                 = local.fg.containers
  load_balanced_container    = local.fg.load_balanced_container
  capacity_provider_strategy = { "EC2" = { "weight" = 1 } }
}

module "fg_strategy_negative" {
  source                     = "../../modules/fargate-service"
  name                       = "fg-strategy-negative"
  vpc_id                     = local.fg.vpc_id
  private_subnet_ids         = local.fg.private_subnet_ids
  public_subnet_ids          = local.fg.public_subnet_ids
  containers                 = local.fg.containers
  load_balanced_container    = local.fg.load_balanced_container
  capacity_provider_strategy = { "FARGATE" = { "base" = -1, "weight" = 1 } }
}

module "fg_strategy_two_bases" {
  source                     = "../../modules/fargate-service"
  name                       = "fg-strategy-two-bases"
  vpc_id                     = local.fg.vpc_id
  private_subnet_ids         = local.fg.private_subnet_ids
  public_subnet_ids          = local.fg.public_subnet_ids
  containers                 = local.fg.containers
  load_balanced_container    = local.fg.load_balanced_container
  capacity_provider_strategy = { "FARGATE" = { "base" = 1, "weight" = 1 }, "FARGATE_SPOT" = { "base" = 1, "weight" = 1 } }
}

module "fg_strategy_no_weight" {
  source                     = "../../modules/fargate-service"
  name                       = "fg-strategy-no-weight"
  vpc_id                     = local.fg.vpc_id
  private_subnet_ids         = local.fg.private_subnet_ids
  public_subnet_ids          = local.fg.public_subnet_ids
  containers                 = local.fg.containers
  load_balanced_container    = local.fg.load_balanced_container
  capacity_provider_strategy = { "FARGATE" = { "base" = 1, "weight" = 0 } }
}

module "fg_cpu_300" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-cpu-300"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  cpu                     = 300
}

module "fg_arch_arm" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-arch-arm"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  cpu_architecture        = "arm64"
}

module "fg_ephemeral_10" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-ephemeral-10"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  ephemeral_storage_gib   = 10
}

module "fg_eleven_containers" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-eleven-containers"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "c0" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c1" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c2" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c3" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c4" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c5" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c6" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c7" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c8" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c9" = { "image" = "public.ecr.aws/nginx/nginx:1.27" }, "c10" = { "image" = "public.ecr.aws/nginx/nginx:1.27" } }
  load_balanced_container = null
}

module "fg_no_containers" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-no-containers"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = {}
  load_balanced_container = null
}

module "fg_container_name_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-container-name-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web app" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }] } }
  load_balanced_container = null
}

module "fg_image_empty" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-image-empty"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "", "port_mappings" = [{ "container_port" = 80 }] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_no_essential" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-no-essential"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "essential" = false } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_port_70000" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-port-70000"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 70000 }] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_port_protocol" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-port-protocol"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80, "protocol" = "http" }] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_secret_without_name" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-secret-without-name"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "secrets" = [{ "value_from" = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" }] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_secret_plain_name" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-secret-plain-name"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "secrets" = [{ "name" = "DB", "value_from" = "db-password" }] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_env_key_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-env-key-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "environment" = { "1ST" = "x" } } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_health_check_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-health-check-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "health_check" = { "command" = ["curl", "localhost"] } } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_writable_relative" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-writable-relative"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = { "web" = { "image" = "public.ecr.aws/nginx/nginx:1.27", "port_mappings" = [{ "container_port" = 80 }], "writable_paths" = ["tmp"] } }
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_log_retention_42" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-log-retention-42"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  log_retention_in_days   = 42
}

module "fg_log_kms_alias" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-log-kms-alias"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  log_kms_key_arn         = "alias/logs"
}



module "fg_task_sid_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-sid-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_role_statements    = { "read-s3" = { "actions" = ["s3:GetObject"], "resources" = ["arn:aws:s3:::b/*"] } }
}

module "fg_task_no_resources" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-task-no-resources"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_role_statements    = { "Read" = { "actions" = ["s3:GetObject"], "resources" = [] } }
}

module "fg_secrets_kms_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-secrets-kms-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  secrets_kms_key_arns    = ["key-1"]
}

module "fg_desired_minus_1" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-desired-minus-1"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  desired_count           = -1
}

module "fg_min_healthy_150" {
  source                             = "../../modules/fargate-service"
  name                               = "fg-min-healthy-150"
  vpc_id                             = local.fg.vpc_id
  private_subnet_ids                 = local.fg.private_subnet_ids
  public_subnet_ids                  = local.fg.public_subnet_ids
  containers                         = local.fg.containers
  load_balanced_container            = local.fg.load_balanced_container
  deployment_minimum_healthy_percent = 150
}

module "fg_max_percent_50" {
  source                     = "../../modules/fargate-service"
  name                       = "fg-max-percent-50"
  vpc_id                     = local.fg.vpc_id
  private_subnet_ids         = local.fg.private_subnet_ids
  public_subnet_ids          = local.fg.public_subnet_ids
  containers                 = local.fg.containers
  load_balanced_container    = local.fg.load_balanced_container
  deployment_maximum_percent = 50
}

module "fg_grace_negative" {
  source                            = "../../modules/fargate-service"
  name                              = "fg-grace-negative"
  vpc_id                            = local.fg.vpc_id
  private_subnet_ids                = local.fg.private_subnet_ids
  public_subnet_ids                 = local.fg.public_subnet_ids
  containers                        = local.fg.containers
  load_balanced_container           = local.fg.load_balanced_container
  health_check_grace_period_seconds = -5
}

module "fg_autoscaling_min_above_max" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-autoscaling-min-above-max"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  autoscaling             = { "min_capacity" = 5, "max_capacity" = 2 }
}

module "fg_autoscaling_cpu_0" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-autoscaling-cpu-0"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  autoscaling             = { "min_capacity" = 1, "max_capacity" = 2, "cpu_target" = 0 }
}

module "fg_autoscaling_requests_0" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-autoscaling-requests-0"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  autoscaling             = { "min_capacity" = 1, "max_capacity" = 2, "requests_per_target" = 0 }
}

module "fg_public_subnet_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-public-subnet-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = ["public-a"]
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
}

module "fg_listener_nlb" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-listener-nlb"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  create_alb              = false
  existing_listener_arn   = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/lb/0123456789abcdef/0123456789abcdef"
}

module "fg_alb_sg_bad" {
  source                         = "../../modules/fargate-service"
  name                           = "fg-alb-sg-bad"
  vpc_id                         = local.fg.vpc_id
  private_subnet_ids             = local.fg.private_subnet_ids
  public_subnet_ids              = local.fg.public_subnet_ids
  containers                     = local.fg.containers
  load_balanced_container        = local.fg.load_balanced_container
  existing_alb_security_group_id = "alb-sg"
}

module "fg_listener_rule_empty" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-listener-rule-empty"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  listener_rule           = { "priority" = 10 }
}

module "fg_allowed_cidr_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-allowed-cidr-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  allowed_cidrs           = ["everyone"]
}

module "fg_certificate_iam" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-certificate-iam"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  certificate_arn         = "arn:aws:iam::123456789012:server-certificate/web"
}

module "fg_ssl_policy_old" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-ssl-policy-old"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  ssl_policy              = "ELBSecurityPolicy-2016-08"
}

module "fg_access_logs_bucket_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-access-logs-bucket-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  access_logs_bucket      = "My_Bucket"
}

module "fg_health_check_path" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-health-check-path"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  health_check            = { "path" = "health", "matcher" = "200" }
}

module "fg_health_check_timing" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-health-check-timing"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  health_check            = { "interval" = 5, "timeout" = 10 }
}

module "fg_deregistration_4000" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-deregistration-4000"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  deregistration_delay    = 4000
}

module "fg_egress_cidr_bad" {
  source                  = "../../modules/fargate-service"
  name                    = "fg-egress-cidr-bad"
  vpc_id                  = local.fg.vpc_id
  private_subnet_ids      = local.fg.private_subnet_ids
  public_subnet_ids       = local.fg.public_subnet_ids
  containers              = local.fg.containers
  load_balanced_container = local.fg.load_balanced_container
  task_egress_cidrs       = ["internet"]
}
