variable "name" {
  description = "Prefix for the tables, functions and pipe."
  type        = string
  default     = "shop"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,24}$", var.name))
    error_message = "name must be 3-24 lowercase letters, digits or '-'."
  }
}

variable "batch_size" {
  description = "Stream records per pipe batch (enrichment and processor each get the whole batch)."
  type        = number
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 1000
    error_message = "batch_size must be from 1 to 1000."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failing record before it goes to the pipe's dead-letter queue."
  type        = number
  default     = 2

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10
    error_message = "maximum_retry_attempts must be from 0 to 10 (unbounded retries would block the stream shard)."
  }
}

variable "pipe_stream_wait_seconds" {
  description = "Seconds the pipe waits for the new orders stream before Pipes checks it can read it (the first apply on AWS fails with 'Cannot access stream' without it)."
  type        = number
  default     = 90
  nullable    = false
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "order-pipeline" }
}
