data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_region" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  partition  = try(data.aws_partition.current[0].partition, "aws")
  region     = try(data.aws_region.current[0].id, "")
  account_id = try(data.aws_caller_identity.current[0].account_id, "")

  role_arn = var.create_role ? try(aws_iam_role.this[0].arn, null) : var.role_arn

  # In key order (for_each maps iterate sorted); empty when create = false.
  layer_arns = concat([for key, layer in aws_lambda_layer_version.this : layer.arn], var.layer_arns)

  # The created queue's ARN, built from its name so the role policy is known at plan time.
  dead_letter_queue_arn  = "arn:${local.partition}:sqs:${local.region}:${local.account_id}:${var.name}-dlq"
  dead_letter_target_arn = var.dead_letter_target_arn != null ? var.dead_letter_target_arn : local.dead_letter_queue_arn
  has_dead_letter_target = var.dead_letter_target_arn != null || (var.create && var.create_dead_letter_queue)

  in_vpc       = length(var.vpc_subnet_ids) > 0
  create_alias = var.alias != null

  # A container image carries its runtime, handler and layers; a zip names them here.
  is_image = var.image != null
  runtime  = local.is_image ? null : coalesce(var.runtime, "python3.12")
  # SnapStart snapshots published versions only.
  publish            = var.publish || local.create_alias || var.snap_start
  snap_start_runtime = can(regex("^(python3\\.(1[2-9]|[2-9][0-9])|java(1[1-9]|[2-9][0-9])|dotnet([89]|[1-9][0-9]))$", local.runtime))

  # Triggers, mappings, the URL and async config target the alias when there is one,
  # so that provisioned concurrency serves them.
  qualifier = local.create_alias ? var.alias.name : null
}

resource "aws_lambda_function" "this" {
  count = var.create ? 1 : 0

  #checkov:skip=CKV_AWS_116:A dead-letter queue is on by default (create_dead_letter_queue); callers turn it off for functions invoked synchronously by an event source mapping, whose failures go through the source's redrive policy or on-failure destination.
  #checkov:skip=CKV_AWS_117:VPC placement is the caller's choice (vpc_subnet_ids): a function that only calls AWS APIs gains nothing from a VPC but ENI set-up and NAT or endpoint costs.
  #checkov:skip=CKV_AWS_272:Code signing needs an AWS Signer profile that the caller's release pipeline owns; callers enforce it with code_signing_config_arn.

  function_name = var.name
  description   = var.description
  role          = local.role_arn
  package_type  = local.is_image ? "Image" : "Zip"
  handler       = local.is_image ? null : var.handler
  runtime       = local.runtime
  architectures = [var.architecture]
  layers        = local.layer_arns

  image_uri         = try(var.image.uri, null)
  filename          = try(var.package.path, null)
  s3_bucket         = try(var.package.s3_bucket, null)
  s3_key            = try(var.package.s3_key, null)
  s3_object_version = try(var.package.s3_object_version, null)
  source_code_hash  = try(var.package.path, null) != null ? filebase64sha256(var.package.path) : try(var.package.source_code_hash, null)

  dynamic "image_config" {
    for_each = local.is_image && (try(var.image.command, null) != null || try(var.image.entry_point, null) != null || try(var.image.working_directory, null) != null) ? [var.image] : []
    content {
      command           = image_config.value.command
      entry_point       = image_config.value.entry_point
      working_directory = image_config.value.working_directory
    }
  }

  dynamic "snap_start" {
    for_each = var.snap_start ? [true] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions
  publish                        = local.publish
  kms_key_arn                    = var.kms_key_arn
  code_signing_config_arn        = var.code_signing_config_arn

  ephemeral_storage {
    size = var.ephemeral_storage_size
  }

  environment {
    # Powertools' Logger, Tracer and Metrics name the service after the function unless the caller says otherwise.
    variables = merge({ POWERTOOLS_SERVICE_NAME = var.name }, var.environment_variables)
  }

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "dead_letter_config" {
    for_each = local.has_dead_letter_target ? [true] : []
    content {
      target_arn = local.dead_letter_target_arn
    }
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [true] : []
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }
  replace_security_groups_on_destroy = local.in_vpc ? var.replace_security_groups_on_destroy : null
  replacement_security_group_ids     = local.in_vpc && var.replace_security_groups_on_destroy && length(var.replacement_security_group_ids) > 0 ? var.replacement_security_group_ids : null

  logging_config {
    log_format            = var.log_format
    log_group             = aws_cloudwatch_log_group.this[0].name
    application_log_level = var.log_format == "JSON" ? var.application_log_level : null
    system_log_level      = var.log_format == "JSON" ? var.system_log_level : null
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = length(var.layers) + length(var.layer_arns) <= 5
      error_message = "${var.name}: A function takes at most 5 layers; layers and layer_arns name ${length(var.layers) + length(var.layer_arns)}."
    }
    precondition {
      condition     = (var.package != null) != local.is_image
      error_message = "${var.name}: Set package (a zip) or image (a container image): exactly one of them."
    }
    precondition {
      condition     = !local.is_image || (var.runtime == null && var.handler == null)
      error_message = "${var.name}: An image carries its own runtime and entry point: leave runtime and handler unset with image (image.command and image.entry_point override the image's)."
    }
    precondition {
      condition     = !local.is_image || length(var.layers) + length(var.layer_arns) == 0
      error_message = "${var.name}: Lambda attaches no layers to a container image: build what the layers hold into the image, and leave layers and layer_arns empty."
    }
    precondition {
      condition     = local.is_image || var.handler != null
      error_message = "${var.name}: A zip package needs handler, the entry point (e.g. package.module.function)."
    }
    precondition {
      condition     = !var.snap_start || !local.is_image
      error_message = "${var.name}: SnapStart works on zip packages, not on container images."
    }
    precondition {
      condition     = !var.snap_start || local.is_image || local.snap_start_runtime
      error_message = "${var.name}: snap_start needs python3.12 or newer, java11 or newer, or dotnet8 or newer; ${coalesce(local.runtime, "an image")} has no SnapStart."
    }
    precondition {
      condition     = !var.snap_start || var.ephemeral_storage_size <= 512
      error_message = "${var.name}: SnapStart does not support ephemeral storage over 512 MB (ephemeral_storage_size is ${var.ephemeral_storage_size})."
    }
    precondition {
      condition     = !var.snap_start || try(var.alias.provisioned_concurrent_executions, 0) == 0
      error_message = "${var.name}: SnapStart and provisioned concurrency do not go together on one version: set alias.provisioned_concurrent_executions to 0, or snap_start to false."
    }
    precondition {
      condition     = var.create_role || var.role_arn != null
      error_message = "${var.name}: With create_role = false, role_arn must name the execution role."
    }
    precondition {
      condition     = length(var.vpc_subnet_ids) == 0 || length(var.vpc_security_group_ids) > 0
      error_message = "${var.name}: vpc_subnet_ids needs vpc_security_group_ids: a function in a VPC must have at least one security group."
    }
    precondition {
      condition     = length(var.vpc_security_group_ids) == 0 || length(var.vpc_subnet_ids) > 0
      error_message = "${var.name}: vpc_security_group_ids without vpc_subnet_ids places the function nowhere: give the private subnets too."
    }
  }

  # The role's policy must exist before the function: Lambda checks the role
  # can reach its dead-letter target and, in a VPC, create network interfaces.
  depends_on = [
    aws_iam_role_policy.this,
    aws_cloudwatch_log_group.this,
    aws_sqs_queue.async_dead_letter, # dead_letter_config names it by its ARN, built from its name
  ]
}
