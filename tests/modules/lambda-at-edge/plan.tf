# Origin request: the shop's colour variant, with its own read statement.
module "lae_origin" {
  source    = "../../../modules/lambda-at-edge"
  providers = { aws.us_east_1 = aws.us_east_1 }

  name        = "lae-origin"
  event_types = ["origin-request"]
  handler     = "edge_variant.handler.lambda_handler"
  package     = { path = "${local.build}/functions/edge_variant.zip" }
  memory_size = 256
  timeout     = 30
  policy_statements = {
    ReadImages = { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::shop-images/*"] }
  }
}

# Viewer request and response on one function: the viewer limits, the body passed.
module "lae_viewer" {
  source    = "../../../modules/lambda-at-edge"
  providers = { aws.us_east_1 = aws.us_east_1 }

  name         = "lae-viewer"
  event_types  = ["viewer-request", "viewer-response"]
  handler      = "edge_variant.handler.lambda_handler"
  package      = { path = "${local.build}/functions/edge_variant.zip" }
  include_body = true
}

module "lae_off" {
  source    = "../../../modules/lambda-at-edge"
  providers = { aws.us_east_1 = aws.us_east_1 }

  create      = false
  name        = "lae-off"
  event_types = ["origin-request"]
  handler     = "edge_variant.handler.lambda_handler"
  package     = { path = "${local.build}/functions/edge_variant.zip" }
}
