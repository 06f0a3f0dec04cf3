variable "name" {
  description = "Name of the topic; queues, functions and the table are named after it."
  type        = string
  default     = "orders"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,30}$", var.name))
    error_message = "name must be 3-30 lowercase letters, digits or '-'."
  }
}

variable "consumer_timeout" {
  description = "Timeout of each consumer function, in seconds; queue visibility timeouts are set to 6 times this."
  type        = number
  default     = 30

  validation {
    condition     = var.consumer_timeout >= 1 && var.consumer_timeout <= 900
    error_message = "consumer_timeout must be from 1 to 900 seconds."
  }
}

variable "max_receive_count" {
  description = "Receives before a message that keeps failing moves to its subscriber's dead-letter queue."
  type        = number
  default     = 3

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be from 1 to 1000."
  }
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "order-fanout" }
}
