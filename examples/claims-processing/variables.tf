variable "name" {
  description = "Prefix of every resource name; the bucket is '<name>-<account>-<region>'."
  type        = string
  default     = "claims"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,19}$", var.name))
    error_message = "name must be 3-20 lowercase letters, digits or '-', starting with a letter (it names the bucket and the state machines)."
  }
}

variable "model_id" {
  description = "The Bedrock model that assesses the damage from the photo: a Claude or Nova model that reads images, or its cross-Region inference profile (us., eu., apac. or global. prefix)."
  type        = string
  default     = "amazon.nova-pro-v1:0"

  validation {
    condition     = can(regex("^((us|eu|apac|global)\\.)?(anthropic\\.claude|amazon\\.nova)-[a-z0-9.:-]+$", var.model_id))
    error_message = "model_id must be a Claude (anthropic.claude-...) or Nova (amazon.nova-...) model id, optionally with an inference profile prefix (us., eu., apac., global.)."
  }
}

variable "summary_model_id" {
  description = "The smaller, cheaper model that writes the adjuster's summary from the assessment (text only)."
  type        = string
  default     = "amazon.nova-micro-v1:0"

  validation {
    condition     = can(regex("^((us|eu|apac|global)\\.)?(anthropic\\.claude|amazon\\.nova)-[a-z0-9.:-]+$", var.summary_model_id))
    error_message = "summary_model_id must be a Claude or Nova model id, optionally with an inference profile prefix."
  }
}

variable "confidence_threshold" {
  description = "The lowest model confidence (0-1) at which a claim may be approved without a person."
  type        = number
  default     = 0.8
  nullable    = false

  validation {
    condition     = var.confidence_threshold >= 0 && var.confidence_threshold <= 1
    error_message = "confidence_threshold must be from 0 to 1."
  }
}

variable "max_auto_severity" {
  description = "The highest severity (1 cosmetic .. 5 total loss) that may be approved without a person."
  type        = number
  default     = 3
  nullable    = false

  validation {
    condition     = contains([1, 2, 3, 4, 5], var.max_auto_severity)
    error_message = "max_auto_severity must be a whole number from 1 to 5."
  }
}

variable "review_timeout_hours" {
  description = "How long a claim waits for an adjuster before it is escalated to the supervisors."
  type        = number
  default     = 72
  nullable    = false

  validation {
    condition     = var.review_timeout_hours >= 1 && var.review_timeout_hours <= 720 && floor(var.review_timeout_hours) == var.review_timeout_hours
    error_message = "review_timeout_hours must be a whole number of hours from 1 to 720."
  }
}

variable "context_retention_days" {
  description = "How long the checkpointed context (summary in DynamoDB, artifacts in S3) is kept."
  type        = number
  default     = 90
  nullable    = false

  validation {
    condition     = var.context_retention_days >= 1 && var.context_retention_days <= 3650 && floor(var.context_retention_days) == var.context_retention_days
    error_message = "context_retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "max_image_bytes" {
  description = "The largest claim photo accepted, in bytes."
  type        = number
  default     = 20971520
  nullable    = false

  validation {
    condition     = var.max_image_bytes >= 1024 && var.max_image_bytes <= 52428800
    error_message = "max_image_bytes must be from 1024 to 52428800 (50 MiB)."
  }
}

variable "max_image_pixels" {
  description = "The most pixels a claim photo may decode to (width x height)."
  type        = number
  default     = 50000000
  nullable    = false

  validation {
    condition     = var.max_image_pixels >= 10000 && var.max_image_pixels <= 200000000
    error_message = "max_image_pixels must be from 10000 to 200000000."
  }
}

variable "force_destroy" {
  description = "Let destroy empty the claims bucket (photos and artifacts). For test environments only."
  type        = bool
  default     = false
  nullable    = false
}

variable "tags" {
  description = "Tags for every resource (through the provider's default_tags)."
  type        = map(string)
  default     = { example = "claims-processing" }
  nullable    = false
}
