# The workflow invokes these synchronously (no async invocation to dead-letter), except the
# review function, which reads the review queue (its failures go to that queue's DLQ).

module "validate" {
  source = "../../modules/lambda-with-layers"

  name        = local.function_names.validate
  description = "Checks a claim photo: there, not too large, a JPEG or PNG by its bytes, decodes within the pixel limit"
  handler     = "claim_validation.handler.lambda_handler"
  runtime     = "python3.12"
  package     = { path = "${local.build_dir}/functions/claim_validation.zip" }
  # Published once here; the other functions attach this version (layer_arns).
  layers = {
    powertools = { path = "${local.build_dir}/layers/powertools.zip", description = "Powertools for AWS Lambda (Python)" }
    pillow     = { path = "${local.build_dir}/layers/pillow.zip", description = "Pillow" }
  }
  memory_size              = 1024
  timeout                  = 30
  create_dead_letter_queue = false

  environment_variables = {
    POWERTOOLS_SERVICE_NAME = "claim-validation"
    KEY_PREFIX              = local.photo_prefix
    MAX_IMAGE_BYTES         = tostring(var.max_image_bytes)
    MAX_IMAGE_PIXELS        = tostring(var.max_image_pixels)
  }

  policy_statements = {
    ReadPhotos = { actions = ["s3:GetObject", "s3:GetObjectVersion"], resources = ["${local.bucket_arn}/${local.photo_prefix}*"] }
  }
}

module "analyse" {
  source = "../../modules/lambda-with-layers"

  name                     = local.function_names.analyse
  description              = "Assesses the damage in a claim photo with Bedrock Converse, constrained by a JSON schema"
  handler                  = "damage_analysis.handler.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/damage_analysis.zip" }
  layer_arns               = [module.validate.layer_version_arns["powertools"]]
  memory_size              = 512
  timeout                  = 90
  create_dead_letter_queue = false

  environment_variables = {
    POWERTOOLS_SERVICE_NAME = "damage-analysis"
    MODEL_ID                = var.model_id
  }

  policy_statements = {
    ReadPhotos  = { actions = ["s3:GetObject", "s3:GetObjectVersion"], resources = ["${local.bucket_arn}/${local.photo_prefix}*"] }
    AssessModel = { actions = ["bedrock:InvokeModel"], resources = local.model_arns.assess }
  }
}

module "history" {
  source = "../../modules/lambda-with-layers"

  name                     = local.function_names.history
  description              = "Checkpoints a claim's context: full analysis to S3, a summary by a smaller model to DynamoDB with a TTL"
  handler                  = "claim_history.handler.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/claim_history.zip" }
  layer_arns               = [module.validate.layer_version_arns["powertools"]]
  memory_size              = 256
  timeout                  = 60
  create_dead_letter_queue = false

  environment_variables = {
    POWERTOOLS_SERVICE_NAME = "claim-history"
    ARTIFACTS_BUCKET        = local.bucket_name
    CONTEXT_TABLE           = local.table_names.context
    SUMMARY_MODEL_ID        = var.summary_model_id
    CONTEXT_RETENTION_DAYS  = tostring(var.context_retention_days)
  }

  policy_statements = {
    WriteArtifacts = { actions = ["s3:PutObject"], resources = ["${local.bucket_arn}/artifacts/*"] }
    WriteContext   = { actions = ["dynamodb:PutItem"], resources = [local.table_arns.context] }
    SummaryModel   = { actions = ["bedrock:InvokeModel"], resources = local.model_arns.summarise }
  }
}

module "review" {
  source = "../../modules/lambda-with-layers"

  name                     = local.function_names.review
  description              = "Keeps each review request's task token on its claim and tells the adjusters, without the token"
  handler                  = "claim_review.handler.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/claim_review.zip" }
  layer_arns               = [module.validate.layer_version_arns["powertools"]]
  memory_size              = 256
  timeout                  = 30
  create_dead_letter_queue = false

  environment_variables = {
    POWERTOOLS_SERVICE_NAME = "claim-review"
    CLAIMS_TABLE            = local.table_names.claims
    ADJUSTERS_TOPIC_ARN     = local.topic_arns.adjusters
    DECISION_URL            = module.api.invoke_url
  }

  event_source_mappings = {
    review_requests = { event_source_arn = module.review_requests.queues["review_requests"].arn, batch_size = 10 }
  }

  policy_statements = {
    AwaitReview     = { actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [local.table_arns.claims] }
    NotifyAdjusters = { actions = ["sns:Publish"], resources = [local.topic_arns.adjusters] }
  }
}

module "decisions" {
  source = "../../modules/lambda-with-layers"

  name                     = local.function_names.decisions
  description              = "Takes an adjuster's decision on a claim awaiting review and answers the waiting workflow"
  handler                  = "claim_decisions.handler.lambda_handler"
  runtime                  = "python3.12"
  package                  = { path = "${local.build_dir}/functions/claim_decisions.zip" }
  layer_arns               = [module.validate.layer_version_arns["powertools"]]
  memory_size              = 256
  timeout                  = 15
  create_dead_letter_queue = false

  environment_variables = {
    POWERTOOLS_SERVICE_NAME = "claim-decisions"
    CLAIMS_TABLE            = local.table_names.claims
  }

  policy_statements = {
    TakeDecision = { actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [local.table_arns.claims] }
  }
}

# What the workflow module hands out for answering its task tokens: this machine's only.
resource "aws_iam_role_policy" "decisions_answer_reviews" {
  name   = "${local.function_names.decisions}-answer-reviews"
  role   = module.decisions.role_name
  policy = module.claims.callback_policy_json
}
