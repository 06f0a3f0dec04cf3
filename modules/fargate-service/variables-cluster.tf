################################################################################
# Cluster
################################################################################

variable "create_cluster" {
  description = "Create the ECS cluster (true) or run the service in cluster_arn (false)."
  type        = bool
  default     = true
  nullable    = false
}

variable "cluster_arn" {
  description = "ARN of an existing cluster, with create_cluster = false. Its capacity providers must include those in capacity_provider_strategy."
  type        = string
  default     = null

  validation {
    condition     = var.cluster_arn == null || can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}$", var.cluster_arn))
    error_message = "cluster_arn must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)."
  }
}

variable "container_insights" {
  description = "Container Insights on the created cluster: enhanced, enabled or disabled."
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enhanced", "enabled", "disabled"], var.container_insights)
    error_message = "container_insights must be enhanced, enabled or disabled."
  }
}

variable "capacity_provider_strategy" {
  description = "How tasks are spread over FARGATE and FARGATE_SPOT: base tasks on one provider first, then the rest by weight. Also the created cluster's default strategy."
  type = map(object({
    base   = optional(number, 0)
    weight = number
  }))
  default  = { FARGATE = { base = 1, weight = 1 } }
  nullable = false

  validation {
    condition     = length(var.capacity_provider_strategy) > 0 && alltrue([for k in keys(var.capacity_provider_strategy) : contains(["FARGATE", "FARGATE_SPOT"], k)])
    error_message = "capacity_provider_strategy keys must be FARGATE and/or FARGATE_SPOT."
  }
  validation {
    condition     = alltrue([for s in values(var.capacity_provider_strategy) : s.base >= 0 && s.base <= 100000 && s.weight >= 0 && s.weight <= 1000 && floor(s.base) == s.base && floor(s.weight) == s.weight])
    error_message = "capacity_provider_strategy[\"${join("\", \"", [for k, s in var.capacity_provider_strategy : k if !(s.base >= 0 && s.base <= 100000 && s.weight >= 0 && s.weight <= 1000 && floor(s.base) == s.base && floor(s.weight) == s.weight)])}\"]: base must be a whole number from 0 to 100000 and weight from 0 to 1000."
  }
  validation {
    condition     = length([for s in values(var.capacity_provider_strategy) : s if s.base > 0]) <= 1 && sum(concat([0], [for s in values(var.capacity_provider_strategy) : s.weight])) > 0
    error_message = "capacity_provider_strategy: only one provider may have a base above 0, and at least one weight must be above 0."
  }
}
