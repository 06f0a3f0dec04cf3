# fargate-service applied on moto twice over, for tests/modules/fargate-service/test_apply.py:
# one service whose running revision a deployment pipeline owns
# (ignore_task_definition_changes), one that Terraform owns. No load balancer: what is
# tested is which revision the next plan wants the service to run.

resource "aws_vpc" "this" {
  #checkov:skip=CKV2_AWS_11:A test fixture's network on the emulator; flow logs are the account baseline's.
  #checkov:skip=CKV2_AWS_12:A test fixture's network on the emulator; nothing runs in its default group.
  cidr_block = "10.42.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.this.id
  cidr_block        = "10.42.1.0/24"
  availability_zone = "us-east-1a"
}

module "pipeline_owned" {
  source = "../../../../modules/fargate-service"

  name                           = "deployed-by-pipeline"
  vpc_id                         = aws_vpc.this.id
  private_subnet_ids             = [aws_subnet.private.id]
  desired_count                  = 1
  containers                     = { app = { image = "public.ecr.aws/nginx/nginx:1.27" } }
  ignore_task_definition_changes = true
}

module "terraform_owned" {
  source = "../../../../modules/fargate-service"

  name               = "deployed-by-terraform"
  vpc_id             = aws_vpc.this.id
  private_subnet_ids = [aws_subnet.private.id]
  create_cluster     = false
  cluster_arn        = module.pipeline_owned.cluster_arn
  desired_count      = 1
  containers         = { app = { image = "public.ecr.aws/nginx/nginx:1.27" } }
}

output "cluster_arn" {
  value = module.pipeline_owned.cluster_arn
}

output "services" {
  value = {
    pipeline_owned  = { name = module.pipeline_owned.service_name, family = module.pipeline_owned.task_definition_family, task_definition_arn = module.pipeline_owned.task_definition_arn }
    terraform_owned = { name = module.terraform_owned.service_name, family = module.terraform_owned.task_definition_family, task_definition_arn = module.terraform_owned.task_definition_arn }
  }
}
