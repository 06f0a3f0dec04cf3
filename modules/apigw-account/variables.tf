variable "create" {
  description = "Set to false to create nothing (every output is then null)."
  type        = bool
  default     = true
  nullable    = false
}

variable "role_name" {
  description = "Name of the role API Gateway writes logs with (one per account)."
  type        = string
  default     = "apigateway-cloudwatch-logs"
  nullable    = false

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 letters, digits or + = , . @ _ - (an IAM role name)."
  }
}

variable "role_path" {
  description = "IAM path of the role."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = can(regex("^/([\\x21-\\x7E]{0,510}/)?$", var.role_path))
    error_message = "role_path must start and end with '/' (for example \"/service-roles/\")."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of a permissions boundary for the role, where the account requires one."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::(\\d{12}|aws):policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)."
  }
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
  nullable    = false
}
