################################################################################
# Service
################################################################################

variable "desired_count" {
  description = "Tasks to start with. Once the service runs, autoscaling (when on) owns the count; Terraform does not reset it."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 0 && var.desired_count <= 5000 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number from 0 to 5000."
  }
}

variable "circuit_breaker_enabled" {
  description = "Deployment circuit breaker: a deployment whose tasks keep failing is stopped."
  type        = bool
  default     = true
  nullable    = false
}

variable "circuit_breaker_rollback" {
  description = "Roll a failed deployment back to the last working one (with the circuit breaker)."
  type        = bool
  default     = true
  nullable    = false
}

variable "deployment_minimum_healthy_percent" {
  description = "Lower bound of running tasks during a deployment, in percent of desired_count."
  type        = number
  default     = 100

  validation {
    condition     = var.deployment_minimum_healthy_percent >= 0 && var.deployment_minimum_healthy_percent <= 100
    error_message = "deployment_minimum_healthy_percent must be from 0 to 100."
  }
}

variable "deployment_maximum_percent" {
  description = "Upper bound of running tasks during a deployment, in percent of desired_count."
  type        = number
  default     = 200

  validation {
    condition     = var.deployment_maximum_percent >= 100 && var.deployment_maximum_percent <= 200
    error_message = "deployment_maximum_percent must be from 100 to 200."
  }
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores load balancer health checks after a task starts (with a load balancer only)."
  type        = number
  default     = 60

  validation {
    condition     = var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 2147483647
    error_message = "health_check_grace_period_seconds must be 0 or more."
  }
}

variable "enable_execute_command" {
  description = "ECS Exec (a shell into running tasks through SSM). Off by default; on adds the SSM messages actions to the task role."
  type        = bool
  default     = false
  nullable    = false
}

variable "ignore_task_definition_changes" {
  description = "Let a deployment pipeline own the running revision: Terraform creates the service with the first task definition revision and then leaves the revision the pipeline registers and sets with UpdateService (the next plan shows no change). Terraform's own changes to containers then register a new revision that the service does not run until the pipeline deploys it. Changing this for an existing service moves it between two resource addresses: add the moved block shown in the README, or the service is replaced."
  type        = bool
  default     = false
  nullable    = false
}

variable "wait_for_steady_state" {
  description = "Make apply wait until the service is stable (its tasks healthy)."
  type        = bool
  default     = false
  nullable    = false
}

variable "autoscaling" {
  description = "Target tracking: task count between min_capacity and max_capacity, on average CPU (cpu_target percent) and, with a load balancer, requests per target (requests_per_target per minute; null to skip). null turns autoscaling off."
  type = object({
    min_capacity        = number
    max_capacity        = number
    cpu_target          = optional(number, 60)
    requests_per_target = optional(number)
    scale_in_cooldown   = optional(number, 300)
    scale_out_cooldown  = optional(number, 60)
  })
  default = null

  validation {
    condition     = var.autoscaling == null || try(var.autoscaling.min_capacity >= 0 && var.autoscaling.max_capacity >= 1 && var.autoscaling.min_capacity <= var.autoscaling.max_capacity, false)
    error_message = "autoscaling: min_capacity must be 0 or more and no more than max_capacity, which must be at least 1."
  }
  validation {
    condition     = var.autoscaling == null || try(var.autoscaling.cpu_target > 0 && var.autoscaling.cpu_target <= 100, false)
    error_message = "autoscaling.cpu_target must be a CPU percentage above 0 and up to 100."
  }
  validation {
    condition     = try(var.autoscaling.requests_per_target, null) == null || try(var.autoscaling.requests_per_target >= 1, false)
    error_message = "autoscaling.requests_per_target must be at least 1 request per target per minute, or null."
  }
}
