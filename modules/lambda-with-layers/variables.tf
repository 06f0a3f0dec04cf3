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
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
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
