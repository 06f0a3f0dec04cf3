module "claims" {
  source = "../../modules/step-functions-workflow"

  name = local.claims_machine
  type = "STANDARD"
  definition = templatefile("${path.module}/claims.asl.json", {
    claims_table           = local.table_names.claims
    policies_table         = local.table_names.policies
    validate_function_arn  = local.function_arns.validate
    analyse_function_arn   = local.function_arns.analyse
    history_function_arn   = local.function_arns.history
    review_queue_url       = local.review_queue_url
    supervisors_topic_arn  = local.topic_arns.supervisors
    confidence_threshold   = var.confidence_threshold
    max_auto_severity      = var.max_auto_severity
    review_timeout_seconds = var.review_timeout_hours * 3600
    review_timeout_hours   = var.review_timeout_hours
  })

  integrations = {
    validate        = { lambda_function = { function_arn = local.function_arns.validate } }
    analyse         = { lambda_function = { function_arn = local.function_arns.analyse } }
    history         = { lambda_function = { function_arn = local.function_arns.history } }
    claims_table    = { dynamodb_table = { table_arn = local.table_arns.claims, actions = ["PutItem", "UpdateItem"] } }
    policies_table  = { dynamodb_table = { table_arn = local.table_arns.policies, actions = ["GetItem"] } }
    review_requests = { sqs_queue = { queue_arn = local.review_queue_arn } }
    supervisors     = { sns_topic = { topic_arn = local.topic_arns.supervisors, kms_key_arn = aws_kms_key.supervisors.arn } }
  }

  alarms = { topic_arn = local.topic_arns.supervisors }
}

# EventBridge cannot name the executions it starts; this small EXPRESS machine does, after a
# hash of the photo version, so a repeated S3 event never opens a second claim.
module "intake" {
  source = "../../modules/step-functions-workflow"

  name       = "${var.name}-intake"
  type       = "EXPRESS"
  definition = templatefile("${path.module}/intake.asl.json", { claims_state_machine_arn = local.claims_machine_arn })
  logging    = { level = "ERROR" }

  integrations = {
    claims = { state_machine = { state_machine_arn = local.claims_machine_arn } }
  }

  triggers = {
    upload = {
      description = "Claim photos uploaded under ${local.photo_prefix}"
      event_pattern = jsonencode({
        source        = ["aws.s3"]
        "detail-type" = ["Object Created"]
        detail = {
          bucket = { name = [local.bucket_name] }
          object = { key = [{ prefix = local.photo_prefix }] }
        }
      })
      input_transformer = {
        input_paths = {
          bucket     = "$.detail.bucket.name"
          key        = "$.detail.object.key"
          version_id = "$.detail.object.version-id"
        }
        input_template = "{\"bucket\": <bucket>, \"key\": <key>, \"version_id\": <version_id>}"
      }
    }
  }

  alarms = { topic_arn = local.topic_arns.supervisors }
}
