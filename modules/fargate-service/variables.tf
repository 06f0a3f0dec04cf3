variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Name of the service; the cluster, task family, roles, load balancer, target group, security groups and log group are named after it."
  type        = string

  validation {
    # Load balancer names allow 32 characters; role names add "-execution".
    condition     = can(regex("^[a-z][a-z0-9-]{0,27}[a-z0-9]$", var.name))
    error_message = "name must be 2-29 lowercase letters, digits or '-', starting with a letter and not ending in '-' (load balancer names allow 32 characters)."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

################################################################################
# Network
################################################################################

variable "vpc_id" {
  description = "VPC of the service, its target group and its security groups."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "private_subnet_ids" {
  description = "Subnets the tasks run in (private: they reach the internet, if at all, through NAT)."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 1 && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "private_subnet_ids must be at least one subnet ID (subnet-...)."
  }
}

variable "assign_public_ip" {
  description = "Give each task a public IP. Off: tasks stay in private subnets and are reached through the load balancer only."
  type        = bool
  default     = false
  nullable    = false
}
