variable "create" {
  description = "Whether to create anything. With false the module plans nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Function name; also the role's name and, in every edge region, the log group /aws/lambda/us-east-1.<name>."
  type        = string

  validation {
    # 64 is Lambda's limit; the role name (64 too) is the same.
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1 to 64 letters, digits, hyphens or underscores (a Lambda function name)."
  }
}

variable "description" {
  description = "Function description."
  type        = string
  default     = "Lambda@Edge function"
  nullable    = false
}

variable "event_types" {
  description = "The CloudFront events the function is associated with: viewer-request, viewer-response, origin-request, origin-response. The strictest limit among them applies (viewer: 5 s, 128 MB, a 1 MB package; origin: 30 s, a 50 MB package)."
  type        = set(string)
  nullable    = false

  validation {
    condition     = length(var.event_types) > 0
    error_message = "event_types must name at least one of viewer-request, viewer-response, origin-request, origin-response."
  }

  validation {
    condition     = alltrue([for t in var.event_types : contains(["viewer-request", "viewer-response", "origin-request", "origin-response"], t)])
    error_message = "event_types \"${join("\", \"", [for t in var.event_types : t if !contains(["viewer-request", "viewer-response", "origin-request", "origin-response"], t)])}\" is not a CloudFront event: use viewer-request, viewer-response, origin-request or origin-response."
  }
}

variable "include_body" {
  description = "Whether CloudFront passes the request body to the function (viewer-request and origin-request only)."
  type        = bool
  default     = false
  nullable    = false
}

variable "handler" {
  description = "Entry point in the package, e.g. edge_variant.handler.lambda_handler."
  type        = string
}

variable "runtime" {
  description = "A Node.js or Python runtime (Lambda@Edge supports no other)."
  type        = string
  default     = "python3.12"
  nullable    = false

  validation {
    condition     = can(regex("^(python3\\.[0-9]+|nodejs[0-9]+\\.x)$", var.runtime))
    error_message = "runtime must be a Python (python3.N) or Node.js (nodejsN.x) runtime: Lambda@Edge supports no other."
  }
}

variable "package" {
  description = "The zip: a local file (path). Its configuration travels inside it (Lambda@Edge has no environment variables)."
  type = object({
    path             = string
    source_code_hash = optional(string)
  })
  nullable = false

  validation {
    condition     = endswith(var.package.path, ".zip")
    error_message = "package.path must name a .zip file."
  }
}

variable "memory_size" {
  description = "Memory in MB: 128 for viewer events (their limit), up to 10240 for origin events."
  type        = number
  default     = 128
  nullable    = false

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "timeout" {
  description = "Seconds: at most 5 for viewer events, 30 for origin events."
  type        = number
  default     = 5
  nullable    = false

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 30 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 30 (Lambda@Edge's origin-event limit; viewer events allow 5)."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the us-east-1 log group /aws/lambda/<name> (test invocations). The edge regions' groups are created by Lambda@Edge with no expiry: set theirs where you run."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "log_kms_key_arn" {
  description = "A customer managed KMS key for the us-east-1 log group; null uses CloudWatch Logs' own encryption."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "policy_statements" {
  description = "Extra statements for the role (the function's own calls), keyed by a Sid-like name. Refused at plan (modules/iam-statement-rules): actions with '*' or '?', resources [\"*\"] for actions that take resources, and the module's own key Logs."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.policy_statements) : can(regex("^[A-Za-z0-9]+$", key))])
    error_message = "policy_statements key \"${join("\", \"", [for key in keys(var.policy_statements) : key if !(can(regex("^[A-Za-z0-9]+$", key)))])}\" cannot be used: keys become statement Sids: letters and digits only."
  }
}

variable "retain_on_destroy" {
  description = "Keep the function (and its versions) when the module is destroyed, removing it from state only. CloudFront deletes a version's replicas hours after the last association goes; until then Lambda refuses to delete the function."
  type        = bool
  default     = false
  nullable    = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
  nullable    = false
}

# ---------------------------------------------------------------------------------
# What Lambda has and Lambda@Edge does not (CloudFront Developer Guide, "Restrictions
# on Lambda@Edge"). Each is an input only so that a caller coming from a regional
# function is told at plan time, by name, instead of failing at association.

variable "environment_variables" {
  description = "Not supported by Lambda@Edge: must stay empty. Put configuration in the package (a JSON file beside the handler)."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = length(var.environment_variables) == 0
    error_message = "environment_variables: Lambda@Edge does not support environment variables; build the configuration into the package (a JSON file beside the handler)."
  }
}

variable "layers" {
  description = "Not supported by Lambda@Edge: must stay empty. Bundle dependencies into the package."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = length(var.layers) == 0
    error_message = "layers: Lambda@Edge does not support layers; bundle the dependencies into the package."
  }
}

variable "vpc_subnet_ids" {
  description = "Not supported by Lambda@Edge: must stay empty (an edge function cannot run in a VPC)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = length(var.vpc_subnet_ids) == 0
    error_message = "vpc_subnet_ids: Lambda@Edge does not support VPC configuration; an edge function cannot reach resources inside a VPC."
  }
}

variable "dead_letter_target_arn" {
  description = "Not supported by Lambda@Edge: must stay null (CloudFront invokes the function synchronously)."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_target_arn == null
    error_message = "dead_letter_target_arn: Lambda@Edge does not support dead-letter queues; CloudFront invokes synchronously and a failure is the viewer's 5xx."
  }
}

variable "architecture" {
  description = "Instruction set: x86_64, the only one Lambda@Edge supports."
  type        = string
  default     = "x86_64"
  nullable    = false

  validation {
    condition     = var.architecture == "x86_64"
    error_message = "architecture: Lambda@Edge supports x86_64 only (no arm64)."
  }
}

variable "image_uri" {
  description = "Not supported by Lambda@Edge: must stay null (no container images; use package)."
  type        = string
  default     = null

  validation {
    condition     = var.image_uri == null
    error_message = "image_uri: Lambda@Edge does not support container images; use package (a zip)."
  }
}

variable "reserved_concurrent_executions" {
  description = "Not supported for Lambda@Edge here: must stay null (edge replicas share the account's regional concurrency)."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null
    error_message = "reserved_concurrent_executions: Lambda@Edge does not support reserved concurrency; replicas use each region's account concurrency."
  }
}

variable "provisioned_concurrent_executions" {
  description = "Not supported by Lambda@Edge: must stay 0."
  type        = number
  default     = 0
  nullable    = false

  validation {
    condition     = var.provisioned_concurrent_executions == 0
    error_message = "provisioned_concurrent_executions: Lambda@Edge does not support provisioned concurrency."
  }
}

variable "tracing_mode" {
  description = "Not supported by Lambda@Edge: must stay null (no X-Ray active tracing)."
  type        = string
  default     = null

  validation {
    condition     = var.tracing_mode == null
    error_message = "tracing_mode: Lambda@Edge does not support X-Ray tracing."
  }
}

variable "ephemeral_storage_size" {
  description = "/tmp in MB: 512, the only size Lambda@Edge supports."
  type        = number
  default     = 512
  nullable    = false

  validation {
    condition     = var.ephemeral_storage_size == 512
    error_message = "ephemeral_storage_size: Lambda@Edge supports the default 512 MB of /tmp only."
  }
}

variable "file_system_arn" {
  description = "Not supported by Lambda@Edge: must stay null (no EFS)."
  type        = string
  default     = null

  validation {
    condition     = var.file_system_arn == null
    error_message = "file_system_arn: Lambda@Edge does not support EFS file systems."
  }
}
