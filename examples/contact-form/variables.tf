variable "name" {
  description = "Name of the API; the queues are named after it."
  type        = string
  default     = "contact-form"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,40}$", var.name))
    error_message = "name must be 3-40 lowercase letters, digits or '-'."
  }
}

variable "rate_limit" {
  description = "Steady requests per second the stage accepts (bursts of twice that)."
  type        = number
  default     = 5

  validation {
    condition     = var.rate_limit >= 1 && var.rate_limit <= 1000
    error_message = "rate_limit must be from 1 to 1000 requests per second."
  }
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "contact-form" }
}
