################################################################################
# General
################################################################################

variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null or empty."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Function name; also names the role, log group, layers and dead-letter queue."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,60}$", var.name))
    error_message = "name must be 1-60 characters of letters, digits, '-' or '_' (Lambda allows 64; 4 are kept for the '-dlq' suffix)."
  }
}

variable "description" {
  description = "Function description."
  type        = string
  default     = ""

  validation {
    condition     = length(var.description) <= 256
    error_message = "description must be at most 256 characters."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

################################################################################
# Code
################################################################################

variable "handler" {
  description = "Function entry point of a zip package, e.g. 'thumbnail.handler.lambda_handler'. Unset with an image (its command is the entry point)."
  type        = string
  default     = null

  validation {
    condition     = var.handler == null || can(regex("^[^\\s]{1,128}$", var.handler))
    error_message = "handler must be 1-128 characters without spaces, e.g. 'package.module.function'."
  }
}

variable "runtime" {
  description = "Lambda runtime identifier of a zip package; null means python3.12. Unset with an image. The AWS provider checks it against the runtimes it knows, so a runtime AWS adds is usable as soon as the provider knows it: the module keeps no list of its own to fall behind."
  type        = string
  default     = null

  validation {
    condition     = var.runtime == null || can(regex("^[a-z][a-z0-9.]*$", var.runtime))
    error_message = "runtime must be a Lambda runtime identifier such as python3.13, nodejs22.x or java21."
  }
}

variable "architecture" {
  description = "Instruction set: 'x86_64' or 'arm64'. Layers are built for it (LAMBDA_ARCH in the Makefile)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be 'x86_64' or 'arm64'."
  }
}

variable "package" {
  description = "Where a zip's code is: a local zip (path) or an S3 object (s3_bucket and s3_key, optional s3_object_version). Give source_code_hash with S3 to redeploy when the object changes. Set this or image."
  type = object({
    path              = optional(string)
    s3_bucket         = optional(string)
    s3_key            = optional(string)
    s3_object_version = optional(string)
    source_code_hash  = optional(string)
  })
  default = null

  validation {
    condition     = var.package == null || try((var.package.path != null) != (var.package.s3_bucket != null || var.package.s3_key != null), false)
    error_message = "package must set exactly one source: path (a local zip) or s3_bucket with s3_key."
  }

  validation {
    condition     = var.package == null || try((var.package.s3_bucket == null) == (var.package.s3_key == null), false)
    error_message = "package.s3_bucket and package.s3_key go together: set both or neither."
  }

  validation {
    condition     = try(var.package.path == null, true) || try(fileexists(var.package.path), false)
    error_message = "package.path names no file. Build the zip first (make build writes build/functions/<name>.zip)."
  }
}

variable "image" {
  description = "Run a container image instead of a zip: an ECR image URI pinned by its digest, and optionally the image's command, entry point and working directory. With an image, package, handler, runtime and layers stay unset (the image carries them)."
  type = object({
    uri               = string
    command           = optional(list(string))
    entry_point       = optional(list(string))
    working_directory = optional(string)
  })
  default = null

  validation {
    condition     = var.image == null || try(can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9][a-z0-9._/-]*@sha256:[0-9a-f]{64}$", var.image.uri)), false)
    error_message = "image.uri must be an ECR image pinned by its digest: <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<64 hex digits>. A tag can be moved to other code under the function; the digest cannot."
  }
}

variable "snap_start" {
  description = "SnapStart: Lambda snapshots each published version after its init and resumes new environments from the snapshot (python3.12+, java11+, dotnet8+, zip packages). Publishes a version on every change; the alias, if any, points at it."
  type        = bool
  default     = false
  nullable    = false
}

variable "recursive_loop" {
  description = "What Lambda does when it detects this function in a recursive loop with SQS, SNS or S3: 'Terminate' (AWS's default: stop it) or 'Allow' (for a loop that is meant, and bounded by your code)."
  type        = string
  default     = "Terminate"
  nullable    = false

  validation {
    condition     = contains(["Terminate", "Allow"], var.recursive_loop)
    error_message = "recursive_loop must be 'Terminate' or 'Allow'."
  }
}

variable "layers" {
  description = "Layers to create from local zips, keyed by a short name (layer name is '<name>-<key>'). Attached before layer_arns, in key order."
  type = map(object({
    path                = string
    description         = optional(string, "")
    compatible_runtimes = optional(list(string))
    license_info        = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.layers) : can(regex("^[A-Za-z0-9_-]{1,30}$", key))])
    error_message = "layers key \"${join("\", \"", [for key in keys(var.layers) : key if !(can(regex("^[A-Za-z0-9_-]{1,30}$", key)))])}\" cannot be used: keys must be 1-30 characters of letters, digits, '-' or '_'."
  }

  validation {
    condition     = alltrue([for layer in values(var.layers) : try(fileexists(layer.path), false)])
    error_message = "layers[\"${join("\", \"", [for k, layer in var.layers : k if !(try(fileexists(layer.path), false))])}\"]: Every layers[*].path must name an existing zip (make build writes build/layers/<name>.zip)."
  }
}

variable "layer_arns" {
  description = "Existing layer version ARNs to attach after the created layers, in this order."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.layer_arns : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$", arn))])
    error_message = "layer_arns must be layer version ARNs: arn:aws:lambda:<region>:<account>:layer:<name>:<version>."
  }
}

variable "code_signing_config_arn" {
  description = "Code signing configuration that Lambda enforces on deployments (an AWS Signer profile your release pipeline owns)."
  type        = string
  default     = null

  validation {
    condition     = var.code_signing_config_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:code-signing-config:csc-[a-z0-9]{17}$", var.code_signing_config_arn))
    error_message = "code_signing_config_arn must be a code signing config ARN: arn:aws:lambda:<region>:<account>:code-signing-config:csc-<17 characters>."
  }
}

################################################################################
# Resources and limits
################################################################################

variable "memory_size" {
  description = "Memory in MB, 128-10240."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "timeout" {
  description = "Timeout in seconds, 1-900."
  type        = number
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "ephemeral_storage_size" {
  description = "/tmp size in MB, 512-10240."
  type        = number
  default     = 512

  validation {
    condition     = var.ephemeral_storage_size >= 512 && var.ephemeral_storage_size <= 10240
    error_message = "ephemeral_storage_size must be from 512 to 10240 MB."
  }
}

variable "reserved_concurrent_executions" {
  description = "Concurrency reserved for the function: -1 for none (the account's unreserved pool), 0 to stop all invocations."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "alias" {
  description = "Publish a version and point an alias at it. Provisioned concurrency lives on the alias; triggers, event source mappings, the URL and async config then target the alias."
  type = object({
    name                              = string
    description                       = optional(string, "")
    provisioned_concurrent_executions = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.alias == null || try(can(regex("^[A-Za-z0-9_-]{1,128}$", var.alias.name)) && !can(regex("^[0-9]+$", var.alias.name)), false)
    error_message = "alias.name must be 1-128 letters, digits, '-' or '_', and not only digits (that would look like a version)."
  }

  validation {
    condition     = var.alias == null || try(var.alias.provisioned_concurrent_executions >= 0, true)
    error_message = "alias.provisioned_concurrent_executions must be 0 (none) or more."
  }
}

variable "publish" {
  description = "Publish a new version on every change. Implied when alias is set."
  type        = bool
  default     = false
  nullable    = false
}

################################################################################
# Environment, tracing, logging
################################################################################

variable "environment_variables" {
  description = "Environment variables for the function."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for key in keys(var.environment_variables) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", key))])
    error_message = "environment_variables key \"${join("\", \"", [for key in keys(var.environment_variables) : key if !(can(regex("^[A-Za-z][A-Za-z0-9_]*$", key)))])}\" cannot be used: keys must start with a letter and hold only letters, digits and '_'."
  }

  validation {
    condition = alltrue([for key in keys(var.environment_variables) : !contains([
      "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
      "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ], key)])
    error_message = "environment_variables[\"${join("\", \"", [for key in keys(var.environment_variables) : key if !(!contains(["_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", ], key))])}\"]: may not set a key Lambda reserves (AWS_REGION, AWS_LAMBDA_*, _HANDLER, credentials, ...)."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the environment variables at rest (null: the AWS-managed key). The role is granted kms:Decrypt on it."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "tracing_mode" {
  description = "X-Ray tracing: 'Active' samples and traces requests, 'PassThrough' only forwards upstream trace headers."
  type        = string
  default     = "Active"

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing_mode)
    error_message = "tracing_mode must be 'Active' or 'PassThrough'."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key for the log group (its key policy must allow logs.<region>.amazonaws.com). Null: CloudWatch's own encryption."
  type        = string
  default     = null
}

variable "log_format" {
  description = "'JSON' (structured, filterable by level) or 'Text'."
  type        = string
  default     = "JSON"

  validation {
    condition     = contains(["JSON", "Text"], var.log_format)
    error_message = "log_format must be 'JSON' or 'Text'."
  }
}

variable "application_log_level" {
  description = "Lowest application log level sent to CloudWatch (JSON format only)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.application_log_level)
    error_message = "application_log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "system_log_level" {
  description = "Lowest Lambda platform log level sent to CloudWatch (JSON format only)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "system_log_level must be one of DEBUG, INFO, WARN."
  }
}

################################################################################
# Network
################################################################################

variable "vpc_subnet_ids" {
  description = "Subnets for the function's ENIs (private subnets). Empty: the function runs outside any VPC."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "vpc_security_group_ids" {
  description = "Security groups for the function's ENIs. Required with vpc_subnet_ids."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "replace_security_groups_on_destroy" {
  description = "On destroy, move the function's ENIs to the VPC's default security group (or replacement_security_group_ids) so the security groups can be deleted at once instead of waiting up to an hour for Lambda to release the ENIs."
  type        = bool
  default     = true
  nullable    = false
}

variable "replacement_security_group_ids" {
  description = "Security groups that take over the ENIs on destroy (with replace_security_groups_on_destroy). Empty: the VPC's default group."
  type        = list(string)
  default     = []
  nullable    = false
}

################################################################################
# Identity
################################################################################

variable "create_role" {
  description = "Create the execution role. With false, give role_arn; the module then attaches nothing."
  type        = bool
  default     = true
  nullable    = false
}

variable "role_arn" {
  description = "Existing execution role (with create_role = false)."
  type        = string
  default     = null
}

variable "role_name" {
  description = "Name of the created role. Default: the function name."
  type        = string
  default     = null
}

variable "role_path" {
  description = "IAM path of the created role."
  type        = string
  default     = "/"
}

variable "role_permissions_boundary" {
  description = "Permissions boundary policy ARN for the created role."
  type        = string
  default     = null
}

variable "policy_statements" {
  description = "Extra statements for the role's inline policy, keyed by a Sid-like name. Refused at plan (modules/iam-statement-rules): actions with '*' or '?', resources [\"*\"] for actions that take resources, and keys of the module's own statements (Logs, XRay, DeadLetter, ...)."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.policy_statements) : can(regex("^[A-Za-z0-9]+$", key))])
    error_message = "policy_statements key \"${join("\", \"", [for key in keys(var.policy_statements) : key if !(can(regex("^[A-Za-z0-9]+$", key)))])}\" cannot be used: keys become statement Sids: letters and digits only."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : contains(["Allow", "Deny"], s.effect)])
    error_message = "policy_statements[\"${join("\", \"", [for k, s in var.policy_statements : k if !(contains(["Allow", "Deny"], s.effect))])}\"].effect must be 'Allow' or 'Deny'."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : length(s.actions) > 0 && length(s.resources) > 0])
    error_message = "policy_statements[\"${join("\", \"", [for k, s in var.policy_statements : k if !(length(s.actions) > 0 && length(s.resources) > 0)])}\"]: every policy_statements entry needs at least one action and one resource."
  }
}

################################################################################
# Failure handling and asynchronous invocation
################################################################################

variable "create_dead_letter_queue" {
  description = "Create an SQS dead-letter queue (SSE on, 14 days retention) for events whose async invocation failed every retry. Ignored when dead_letter_target_arn is set."
  type        = bool
  default     = true
  nullable    = false
}

variable "dead_letter_target_arn" {
  description = "Existing SQS queue or SNS topic ARN as dead-letter target."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_target_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns):[a-z0-9-]+:[0-9]{12}:.+$", var.dead_letter_target_arn))
    error_message = "dead_letter_target_arn must be an SQS queue or SNS topic ARN."
  }
}

variable "dead_letter_queue_kms_key_arn" {
  description = "Customer managed KMS key for the created dead-letter queue; the role gets kms:GenerateDataKey and kms:Decrypt on it to write there. Null: SQS-managed encryption (SSE-SQS)."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_queue_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.dead_letter_queue_kms_key_arn))
    error_message = "dead_letter_queue_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "async_invocation" {
  description = "Asynchronous invocation settings: retries (0-2), maximum event age (60-21600 s) and destinations for successes and failures (SQS, SNS, Lambda or EventBridge bus ARNs; the role gets exactly the send permission each needs)."
  type = object({
    maximum_retry_attempts       = optional(number, 2)
    maximum_event_age_in_seconds = optional(number, 21600)
    on_success_destination_arn   = optional(string)
    on_failure_destination_arn   = optional(string)
  })
  default = null

  validation {
    condition     = var.async_invocation == null || try(var.async_invocation.maximum_retry_attempts >= 0 && var.async_invocation.maximum_retry_attempts <= 2, false)
    error_message = "async_invocation.maximum_retry_attempts must be 0, 1 or 2."
  }

  validation {
    condition     = var.async_invocation == null || try(var.async_invocation.maximum_event_age_in_seconds >= 60 && var.async_invocation.maximum_event_age_in_seconds <= 21600, false)
    error_message = "async_invocation.maximum_event_age_in_seconds must be from 60 to 21600."
  }

  validation {
    condition = var.async_invocation == null || alltrue([
      for arn in compact([try(var.async_invocation.on_success_destination_arn, null), try(var.async_invocation.on_failure_destination_arn, null)]) :
      can(regex("^arn:aws[a-z-]*:(sqs|sns|lambda|events):", arn))
    ])
    error_message = "async_invocation destinations must be SQS queue, SNS topic, Lambda function or EventBridge bus ARNs."
  }
}

################################################################################
# Function URL
################################################################################

variable "function_url" {
  description = "Create a function URL. auth_type AWS_IAM (the default; NONE is refused on provider 5.x, see README \"Function URLs\") requires SigV4-signed callers allowed lambda:InvokeFunctionUrl and lambda:InvokeFunction on the function."
  type = object({
    auth_type             = optional(string, "AWS_IAM")
    allow_unauthenticated = optional(bool, false)
    invoke_mode           = optional(string, "BUFFERED")
    cors = optional(object({
      allow_credentials = optional(bool, false)
      allow_headers     = optional(list(string), [])
      allow_methods     = optional(list(string), ["GET"])
      allow_origins     = list(string)
      expose_headers    = optional(list(string), [])
      max_age           = optional(number, 0)
    }))
  })
  default = null

  validation {
    condition     = var.function_url == null || contains(["AWS_IAM", "NONE"], try(var.function_url.auth_type, ""))
    error_message = "function_url.auth_type must be 'AWS_IAM' or 'NONE'."
  }

  # AWS answers a public URL created since October 2025 only when the function's policy grants
  # lambda:InvokeFunctionUrl and lambda:InvokeFunction limited to URL calls
  # (lambda:InvokedViaFunctionUrl); provider 5.x's aws_lambda_permission cannot write that
  # condition, and lambda:InvokeFunction to "*" without it would open the Invoke API to anyone.
  validation {
    condition     = try(var.function_url.auth_type, "AWS_IAM") != "NONE"
    error_message = "function_url.auth_type NONE cannot work with AWS provider 5.x: AWS serves a public URL only when the function's policy also grants lambda:InvokeFunction limited to URL calls (lambda:InvokedViaFunctionUrl, required since October 2025), which provider 5.x's aws_lambda_permission cannot write; the URL would answer 403. Keep AWS_IAM and sign requests, or put API Gateway or CloudFront in front."
  }

  validation {
    condition     = var.function_url == null || contains(["BUFFERED", "RESPONSE_STREAM"], try(var.function_url.invoke_mode, ""))
    error_message = "function_url.invoke_mode must be 'BUFFERED' or 'RESPONSE_STREAM'."
  }

  validation {
    condition     = try(var.function_url.cors.max_age, 0) >= 0 && try(var.function_url.cors.max_age, 0) <= 86400
    error_message = "function_url.cors.max_age must be from 0 to 86400 seconds."
  }
}

################################################################################
# Event sources and triggers
################################################################################

variable "event_source_mappings" {
  description = <<-EOT
    Event source mappings keyed by name. The source type (SQS queue, DynamoDB stream or Kinesis stream)
    is read from event_source_arn and the role gets exactly the read permissions that type needs.
    Partial batch responses (ReportBatchItemFailures) are on by default.
  EOT
  type = map(object({
    event_source_arn                   = string
    enabled                            = optional(bool, true)
    batch_size                         = optional(number)
    maximum_batching_window_in_seconds = optional(number)
    starting_position                  = optional(string)
    starting_position_timestamp        = optional(string)
    filter_patterns                    = optional(list(string), [])
    report_batch_item_failures         = optional(bool, true)
    bisect_batch_on_function_error     = optional(bool)
    maximum_retry_attempts             = optional(number)
    maximum_record_age_in_seconds      = optional(number)
    parallelization_factor             = optional(number)
    on_failure_destination_arn         = optional(string)
    maximum_concurrency                = optional(number)
    source_kms_key_arn                 = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) : can(regex(
      "^arn:aws[a-z-]*:(sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+|dynamodb:[a-z0-9-]+:[0-9]{12}:table/[^/]+/stream/.+|kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+)$",
      m.event_source_arn
    ))])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex("^arn:aws[a-z-]*:(sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+|dynamodb:[a-z0-9-]+:[0-9]{12}:table/[^/]+/stream/.+|kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+)$", m.event_source_arn)))])}\"].event_source_arn must be an SQS queue, DynamoDB stream (table/<t>/stream/<label>) or Kinesis stream ARN."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      can(regex(":sqs:", m.event_source_arn)) ? m.starting_position == null : (
        !can(regex(":(dynamodb|kinesis):", m.event_source_arn)) || contains(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"], coalesce(m.starting_position, "missing"))
      )
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex(":sqs:", m.event_source_arn)) ? m.starting_position == null : (!can(regex(":(dynamodb|kinesis):", m.event_source_arn)) || contains(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"], coalesce(m.starting_position, "missing"))))])}\"]: stream sources need starting_position LATEST, TRIM_HORIZON or AT_TIMESTAMP; SQS sources take none."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.batch_size == null || try(m.batch_size >= 1 && m.batch_size <= (can(regex("\\.fifo$", m.event_source_arn)) ? 10 : 10000), false)
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.batch_size == null || try(m.batch_size >= 1 && m.batch_size <= (can(regex("\\.fifo$", m.event_source_arn)) ? 10 : 10000), false))])}\"].batch_size must be 1-10000 (1-10 for a FIFO queue)."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.maximum_batching_window_in_seconds == null || try(m.maximum_batching_window_in_seconds >= 0 && m.maximum_batching_window_in_seconds <= 300, false)
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.maximum_batching_window_in_seconds == null || try(m.maximum_batching_window_in_seconds >= 0 && m.maximum_batching_window_in_seconds <= 300, false))])}\"].maximum_batching_window_in_seconds must be 0-300."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      !can(regex(":sqs:", m.event_source_arn)) || can(regex("\\.fifo$", m.event_source_arn)) || coalesce(m.batch_size, 10) <= 10 || coalesce(m.maximum_batching_window_in_seconds, 0) > 0
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(!can(regex(":sqs:", m.event_source_arn)) || can(regex("\\.fifo$", m.event_source_arn)) || coalesce(m.batch_size, 10) <= 10 || coalesce(m.maximum_batching_window_in_seconds, 0) > 0)])}\"]: an SQS batch_size over 10 needs maximum_batching_window_in_seconds of at least 1."
  }

  validation {
    condition     = alltrue([for m in values(var.event_source_mappings) : length(m.filter_patterns) <= 5])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(length(m.filter_patterns) <= 5)])}\"].filter_patterns takes at most 5 patterns."
  }

  validation {
    condition = alltrue(flatten([for m in values(var.event_source_mappings) : [
      for p in m.filter_patterns : can(keys(jsondecode(p)))
    ]]))
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !alltrue([for p in m.filter_patterns : can(keys(jsondecode(p)))])])}\"].filter_patterns must each be a JSON object, e.g. jsonencode({ body = { status = [\"PAID\"] } })."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      !can(regex(":sqs:", m.event_source_arn)) || (
        m.bisect_batch_on_function_error == null && m.maximum_retry_attempts == null &&
        m.maximum_record_age_in_seconds == null && m.parallelization_factor == null &&
        m.on_failure_destination_arn == null
      )
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(!can(regex(":sqs:", m.event_source_arn)) || (m.bisect_batch_on_function_error == null && m.maximum_retry_attempts == null && m.maximum_record_age_in_seconds == null && m.parallelization_factor == null && m.on_failure_destination_arn == null))])}\"]: bisect_batch_on_function_error, maximum_retry_attempts, maximum_record_age_in_seconds, parallelization_factor and on_failure_destination_arn apply to stream sources only; an SQS source fails over through its queue's redrive policy."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      can(regex(":sqs:", m.event_source_arn)) ? true : m.maximum_concurrency == null
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex(":sqs:", m.event_source_arn)) ? true : m.maximum_concurrency == null)])}\"].maximum_concurrency applies to SQS sources only."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      (m.maximum_retry_attempts == null || try(m.maximum_retry_attempts >= -1 && m.maximum_retry_attempts <= 10000, false)) &&
      (m.maximum_record_age_in_seconds == null || try(m.maximum_record_age_in_seconds == -1 || (m.maximum_record_age_in_seconds >= 60 && m.maximum_record_age_in_seconds <= 604800), false)) &&
      (m.parallelization_factor == null || try(m.parallelization_factor >= 1 && m.parallelization_factor <= 10, false)) &&
      (m.maximum_concurrency == null || try(m.maximum_concurrency >= 2 && m.maximum_concurrency <= 1000, false))
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !((m.maximum_retry_attempts == null || try(m.maximum_retry_attempts >= -1 && m.maximum_retry_attempts <= 10000, false)) && (m.maximum_record_age_in_seconds == null || try(m.maximum_record_age_in_seconds == -1 || (m.maximum_record_age_in_seconds >= 60 && m.maximum_record_age_in_seconds <= 604800), false)) && (m.parallelization_factor == null || try(m.parallelization_factor >= 1 && m.parallelization_factor <= 10, false)) && (m.maximum_concurrency == null || try(m.maximum_concurrency >= 2 && m.maximum_concurrency <= 1000, false)))])}\"]: maximum_retry_attempts -1..10000, maximum_record_age_in_seconds -1 or 60..604800, parallelization_factor 1..10, maximum_concurrency 2..1000."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns|s3):", m.on_failure_destination_arn))
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns|s3):", m.on_failure_destination_arn)))])}\"].on_failure_destination_arn must be an SQS queue, SNS topic or S3 bucket ARN."
  }
}

variable "allowed_triggers" {
  description = <<-EOT
    Services allowed to invoke the function, keyed by statement id. Every permission is scoped to
    source_arn; S3 also needs source_account because bucket ARNs carry no account.
  EOT
  type = map(object({
    principal      = string
    source_arn     = string
    source_account = optional(string)
    action         = optional(string, "lambda:InvokeFunction")
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.allowed_triggers) : can(regex("^[A-Za-z0-9_-]{1,100}$", key))])
    error_message = "allowed_triggers key \"${join("\", \"", [for key in keys(var.allowed_triggers) : key if !(can(regex("^[A-Za-z0-9_-]{1,100}$", key)))])}\" cannot be used: keys become statement ids: 1-100 letters, digits, '-' or '_'."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", t.principal))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", t.principal)))])}\"].principal must be a service principal such as 's3.amazonaws.com'; grant accounts and roles through their own IAM policies."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:", t.source_arn))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:", t.source_arn)))])}\"].source_arn must be the ARN of the resource allowed to invoke (a permission without it lets any such resource in any account call the function)."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : t.principal == "apigateway.amazonaws.com" || !can(regex("[*?]", t.source_arn))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(t.principal == "apigateway.amazonaws.com" || !can(regex("[*?]", t.source_arn)))])}\"].source_arn must name one resource: '*' and '?' would let every matching topic, bucket or rule invoke the function (API Gateway's execute-api ARNs, whose stage and method parts are wildcards by design, excepted)."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : t.principal != "s3.amazonaws.com" || can(regex("^[0-9]{12}$", t.source_account))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(t.principal != "s3.amazonaws.com" || can(regex("^[0-9]{12}$", t.source_account)))])}\"]: an S3 trigger needs source_account (the bucket owner's 12-digit account id): bucket ARNs carry no account, so source_arn alone would admit a same-named bucket elsewhere."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : contains(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"], t.action)])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(contains(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"], t.action))])}\"].action must be 'lambda:InvokeFunction' or 'lambda:InvokeFunctionUrl'."
  }
}

################################################################################
# Schedules (EventBridge Scheduler)
################################################################################

variable "schedules" {
  description = <<-EOT
    EventBridge Scheduler schedules that invoke this function (its alias when there is one), keyed by a short
    name (schedule '<name>-<key>'). expression: rate(...), cron(...) or at(...); timezone: an IANA name such as
    Europe/Paris; flexible_window_minutes: let Scheduler spread invocations over that window (null: on time);
    input: the JSON event the function gets; retry: how long and how often Scheduler retries a failed invocation;
    dead_letter_arn: the SQS queue for invocations that fail for good (null: the function's own dead-letter
    queue). One scheduler role, which may invoke only this function, serves them all.
  EOT
  type = map(object({
    expression              = string
    timezone                = optional(string, "UTC")
    flexible_window_minutes = optional(number)
    input                   = optional(string)
    description             = optional(string)
    state                   = optional(string, "ENABLED")
    group_name              = optional(string, "default")
    retry = optional(object({
      maximum_event_age_in_seconds = optional(number, 86400)
      maximum_retry_attempts       = optional(number, 185)
    }), {})
    dead_letter_arn = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.schedules) : can(regex("^[A-Za-z0-9_-]{1,30}$", key))])
    error_message = "schedules key \"${join("\", \"", [for key in keys(var.schedules) : key if !can(regex("^[A-Za-z0-9_-]{1,30}$", key))])}\" cannot be used: keys must be 1-30 characters of letters, digits, '-' or '_'."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)|at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\))$", s.expression))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)|at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\))$", s.expression))])}\"].expression must be rate(<n> minutes|hours|days), cron(<6 fields>) or at(yyyy-mm-ddThh:mm:ss)."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !can(regex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])}\"].timezone must be UTC or an IANA time zone name such as Europe/Paris."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.flexible_window_minutes == null || try(s.flexible_window_minutes >= 1 && s.flexible_window_minutes <= 1440 && floor(s.flexible_window_minutes) == s.flexible_window_minutes, false)])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.flexible_window_minutes == null || try(s.flexible_window_minutes >= 1 && s.flexible_window_minutes <= 1440 && floor(s.flexible_window_minutes) == s.flexible_window_minutes, false))])}\"].flexible_window_minutes must be null (on time) or a whole number of minutes from 1 to 1440."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.input == null || can(jsondecode(s.input))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.input == null || can(jsondecode(s.input)))])}\"].input must be JSON (jsonencode({...})): it is the event the function receives."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : contains(["ENABLED", "DISABLED"], s.state)])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !contains(["ENABLED", "DISABLED"], s.state)])}\"].state must be ENABLED or DISABLED."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.retry.maximum_event_age_in_seconds >= 60 && s.retry.maximum_event_age_in_seconds <= 86400 && s.retry.maximum_retry_attempts >= 0 && s.retry.maximum_retry_attempts <= 185])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.retry.maximum_event_age_in_seconds >= 60 && s.retry.maximum_event_age_in_seconds <= 86400 && s.retry.maximum_retry_attempts >= 0 && s.retry.maximum_retry_attempts <= 185)])}\"].retry: maximum_event_age_in_seconds must be 60-86400 and maximum_retry_attempts 0-185."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.dead_letter_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}$", s.dead_letter_arn))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.dead_letter_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}$", s.dead_letter_arn)))])}\"].dead_letter_arn must be a standard SQS queue ARN (Scheduler's dead-letter target is a queue)."
  }
}

variable "schedules_kms_key_arn" {
  description = "Customer managed KMS key that encrypts the schedules (their input) at rest; null uses the AWS owned key Scheduler encrypts every schedule with. The scheduler role may decrypt with it."
  type        = string
  default     = null

  validation {
    condition     = var.schedules_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.schedules_kms_key_arn))
    error_message = "schedules_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}
