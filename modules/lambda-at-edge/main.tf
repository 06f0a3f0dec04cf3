data "aws_partition" "current" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1
}

data "aws_caller_identity" "current" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1
}

data "aws_region" "current" {
  count    = var.create ? 1 : 0
  provider = aws.us_east_1
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  viewer_events = [for t in var.event_types : t if startswith(t, "viewer-")]
  # Lambda@Edge's quotas per event type (CloudFront Developer Guide, "Quotas on Lambda@Edge").
  limits = length(local.viewer_events) > 0 ? {
    kind          = "viewer events (${join(", ", sort(local.viewer_events))})"
    timeout       = 5
    memory_size   = 128
    package_bytes = 1048576
    package_text  = "1 MB"
    } : {
    kind          = "origin events"
    timeout       = 30
    memory_size   = 10240
    package_bytes = 52428800
    package_text  = "50 MB"
  }

  # Terraform has no file size function: the zip's size from its base64 text.
  package_base64 = var.create ? filebase64(var.package.path) : ""
  package_bytes  = floor(length(local.package_base64) * 3 / 4) - length(regex("=*$", local.package_base64))
}

# Named, not `this`: checkov's plan scan finds each skip below by resource address.
resource "aws_lambda_function" "edge" {
  #checkov:skip=CKV_AWS_116:Lambda@Edge does not support dead-letter queues: CloudFront invokes synchronously and a failure is the viewer's 5xx (dead_letter_target_arn is refused at plan).
  #checkov:skip=CKV_AWS_117:Lambda@Edge functions cannot run in a VPC (vpc_subnet_ids is refused at plan).
  #checkov:skip=CKV_AWS_115:Lambda@Edge does not support reserved concurrency; replicas share each region's account concurrency (reserved_concurrent_executions is refused at plan).
  #checkov:skip=CKV_AWS_50:Lambda@Edge does not support X-Ray tracing (tracing_mode is refused at plan).
  #checkov:skip=CKV_AWS_272:Code signing needs an AWS Signer profile owned by the caller's release pipeline; CloudFront runs only the numbered version the caller's apply published.
  count    = var.create ? 1 : 0
  provider = aws.us_east_1

  function_name    = var.name
  description      = var.description
  role             = aws_iam_role.this[0].arn
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout
  filename         = var.package.path
  source_code_hash = coalesce(var.package.source_code_hash, filebase64sha256(var.package.path))
  # CloudFront associates a numbered version only: every code or configuration change
  # publishes one, and the association moves to it. Earlier versions stay, as CloudFront
  # may still run them until its replicas are updated.
  publish      = true
  skip_destroy = var.retain_on_destroy
  tags         = var.tags

  # The group exists (with its retention) before the first invocation writes to it.
  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.direct_invocations]

  lifecycle {
    precondition {
      condition     = data.aws_region.current[0].id == "us-east-1"
      error_message = "${var.name}: the aws.us_east_1 provider is configured for ${data.aws_region.current[0].id}: Lambda@Edge functions must be created in us-east-1 (pass a provider with region = \"us-east-1\")."
    }
    precondition {
      condition     = var.timeout <= local.limits.timeout
      error_message = "${var.name}: timeout ${var.timeout} s is over Lambda@Edge's limit for ${local.limits.kind}: at most ${local.limits.timeout} s."
    }
    precondition {
      condition     = var.memory_size <= local.limits.memory_size
      error_message = "${var.name}: memory_size ${var.memory_size} MB is over Lambda@Edge's limit for ${local.limits.kind}: at most ${local.limits.memory_size} MB."
    }
    precondition {
      condition     = local.package_bytes <= local.limits.package_bytes
      error_message = "${var.name}: the package is over Lambda@Edge's limit for ${local.limits.kind}: at most ${local.limits.package_text} (${local.limits.package_bytes} bytes) compressed; it is ${local.package_bytes} bytes."
    }
    precondition {
      condition     = !var.include_body || anytrue([for t in var.event_types : contains(["viewer-request", "origin-request"], t)])
      error_message = "${var.name}: include_body needs a viewer-request or origin-request event: responses carry no request body."
    }
  }
}
