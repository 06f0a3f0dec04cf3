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
    condition     = var.dead_letter_queue_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.dead_letter_queue_kms_key_arn))
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
