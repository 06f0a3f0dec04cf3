# A photo of a damaged car uploaded under incoming/<customer_id>/ becomes a claim: a STANDARD
# workflow validates it, has Bedrock assess the damage, checkpoints the context, fetches the
# policy, pays automatically or waits for an adjuster (escalating after a timeout), and
# records the outcome with an audit trail. Every decision is a state in the execution history.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.id
  account   = data.aws_caller_identity.current.account_id
  build_dir = "${path.module}/../../build"

  # Built from names, so every policy and both definitions are known at plan time.
  bucket_name  = "${var.name}-${local.account}-${local.region}"
  bucket_arn   = "arn:${local.partition}:s3:::${local.bucket_name}"
  photo_prefix = "incoming/"
  table_names = {
    claims   = var.name
    policies = "${var.name}-policies"
    context  = "${var.name}-context"
  }
  table_arns         = { for key, name in local.table_names : key => "arn:${local.partition}:dynamodb:${local.region}:${local.account}:table/${name}" }
  function_names     = { for key in ["validate", "analyse", "history", "review", "decisions"] : key => "${var.name}-${key}" }
  function_arns      = { for key, name in local.function_names : key => "arn:${local.partition}:lambda:${local.region}:${local.account}:function:${name}" }
  topic_names        = { adjusters = "${var.name}-adjusters", supervisors = "${var.name}-supervisors" }
  topic_arns         = { for key, name in local.topic_names : key => "arn:${local.partition}:sns:${local.region}:${local.account}:${name}" }
  review_queue       = "${var.name}-review-requests"
  review_queue_arn   = "arn:${local.partition}:sqs:${local.region}:${local.account}:${local.review_queue}"
  review_queue_url   = "https://sqs.${local.region}.amazonaws.com/${local.account}/${local.review_queue}"
  claims_machine     = var.name
  claims_machine_arn = "arn:${local.partition}:states:${local.region}:${local.account}:stateMachine:${local.claims_machine}"

  # A cross-Region inference profile is invoked through the profile and the model in each
  # Region it routes to; a foundation model directly.
  models = { for key, id in { assess = var.model_id, summarise = var.summary_model_id } : key => {
    profile    = can(regex("^(us|eu|apac|global)\\.", id))
    model_name = replace(id, "/^(us|eu|apac|global)\\./", "")
  } }
  model_arns = { for key, m in local.models : key => concat(
    m.profile ? ["arn:${local.partition}:bedrock:${local.region}:${local.account}:inference-profile/${key == "assess" ? var.model_id : var.summary_model_id}"] : [],
    ["arn:${local.partition}:bedrock:${m.profile ? "*" : local.region}::foundation-model/${m.model_name}"],
  ) }
}
