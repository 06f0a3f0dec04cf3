variable "name" {
  description = "Name of the VPC, database, proxy, function and API."
  type        = string
  default     = "orders-db"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC."
  type        = string
  default     = "10.30.0.0/16"
}

variable "instance_class" {
  description = "Database instance class."
  type        = string
  default     = "db.t4g.micro"
}

variable "production" {
  description = "Multi-AZ, deletion protection and a final snapshot (false: an example you can destroy in one step)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "orders-db" }
}
