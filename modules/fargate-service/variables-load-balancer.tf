################################################################################
# Load balancer
################################################################################

variable "create_alb" {
  description = "Create an Application Load Balancer in public_subnet_ids (true), use existing_listener_arn (false, with a listener rule), or neither (no load balancer at all: load_balanced_container = null)."
  type        = bool
  default     = true
  nullable    = false
}

variable "public_subnet_ids" {
  description = "Subnets of the created load balancer (public, in 2 or more zones)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "public_subnet_ids must be subnet IDs (subnet-...)."
  }
}

variable "load_balanced_container" {
  description = "The container and port the load balancer sends traffic to; null runs the service without a load balancer."
  type = object({
    name = string
    port = number
  })
  default = null
}

variable "existing_listener_arn" {
  description = "With create_alb = false: a listener of an existing ALB; the module adds a rule forwarding to its target group."
  type        = string
  default     = null

  validation {
    condition     = var.existing_listener_arn == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[^/]+/[0-9a-f]+/[0-9a-f]+$", var.existing_listener_arn))
    error_message = "existing_listener_arn must be an Application Load Balancer listener ARN (...:listener/app/<name>/<id>/<id>)."
  }
}

variable "existing_alb_security_group_id" {
  description = "With existing_listener_arn: the security group of that load balancer, the only source the tasks admit."
  type        = string
  default     = null

  validation {
    condition     = var.existing_alb_security_group_id == null || can(regex("^sg-[0-9a-f]{8,17}$", var.existing_alb_security_group_id))
    error_message = "existing_alb_security_group_id must be a security group ID (sg-...)."
  }
}

variable "listener_rule" {
  description = "With existing_listener_arn: the rule's priority and conditions (path patterns and/or host headers)."
  type = object({
    priority      = number
    path_patterns = optional(list(string), [])
    host_headers  = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.listener_rule == null || try(var.listener_rule.priority >= 1 && var.listener_rule.priority <= 50000 && length(var.listener_rule.path_patterns) + length(var.listener_rule.host_headers) > 0, false)
    error_message = "listener_rule needs a priority from 1 to 50000 and at least one path pattern or host header."
  }
}

variable "allowed_cidrs" {
  description = "CIDR ranges the created load balancer accepts on 80 (and 443 with a certificate)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
  nullable    = false

  validation {
    condition     = length(var.allowed_cidrs) > 0 && alltrue([for c in var.allowed_cidrs : can(cidrhost(c, 0))])
    error_message = "allowed_cidrs must be at least one CIDR range such as 0.0.0.0/0 or 203.0.113.0/24."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS on 443; with it, HTTP on 80 redirects to HTTPS. null serves HTTP only, which needs allow_plain_http = true."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)."
  }
}

variable "allow_plain_http" {
  description = "Serve plain HTTP on 80 from the created load balancer when there is no certificate_arn (behind CloudFront, a demo). Off by default: a public listener without TLS has to be a decision."
  type        = bool
  default     = false
  nullable    = false
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = startswith(var.ssl_policy, "ELBSecurityPolicy-TLS13-") || startswith(var.ssl_policy, "ELBSecurityPolicy-FS-1-2-")
    error_message = "ssl_policy must be a TLS 1.2+ policy (ELBSecurityPolicy-TLS13-... or ELBSecurityPolicy-FS-1-2-...)."
  }
}

variable "deletion_protection" {
  description = "Protect the created load balancer from deletion (turn off before destroying)."
  type        = bool
  default     = true
  nullable    = false
}

variable "access_logs_bucket" {
  description = "S3 bucket for the load balancer's access logs (its policy must let ELB write); null: no access logs."
  type        = string
  default     = null

  validation {
    condition     = var.access_logs_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_logs_bucket))
    error_message = "access_logs_bucket must be an S3 bucket name."
  }
}

variable "health_check" {
  description = "Target group health check: path, matcher (status codes), interval, timeout and thresholds."
  type = object({
    path                = optional(string, "/")
    matcher             = optional(string, "200-399")
    interval            = optional(number, 30)
    timeout             = optional(number, 5)
    healthy_threshold   = optional(number, 3)
    unhealthy_threshold = optional(number, 3)
  })
  default = {}

  validation {
    condition     = startswith(var.health_check.path, "/") && can(regex("^[1-5][0-9]{2}([-,][1-5][0-9]{2})*$", var.health_check.matcher))
    error_message = "health_check.path must start with / and matcher be status codes such as 200, 200,204 or 200-399."
  }
  validation {
    condition     = var.health_check.interval >= 5 && var.health_check.interval <= 300 && var.health_check.timeout >= 2 && var.health_check.timeout < var.health_check.interval && var.health_check.healthy_threshold >= 2 && var.health_check.healthy_threshold <= 10 && var.health_check.unhealthy_threshold >= 2 && var.health_check.unhealthy_threshold <= 10
    error_message = "health_check: interval 5-300 s, timeout from 2 s and below interval, thresholds 2-10."
  }
}

variable "deregistration_delay" {
  description = "Seconds the target group drains a task before deregistering it."
  type        = number
  default     = 30

  validation {
    condition     = var.deregistration_delay >= 0 && var.deregistration_delay <= 3600
    error_message = "deregistration_delay must be from 0 to 3600 seconds."
  }
}

variable "task_egress_cidrs" {
  description = "Where tasks may open HTTPS (443) connections: image registries, AWS APIs, your dependencies. Nothing else leaves the tasks (the VPC resolver needs no rule)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
  nullable    = false

  validation {
    condition     = alltrue([for c in var.task_egress_cidrs : can(cidrhost(c, 0))])
    error_message = "task_egress_cidrs must be CIDR ranges."
  }
}
