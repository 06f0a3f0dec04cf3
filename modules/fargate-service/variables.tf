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

################################################################################
# Task definition
################################################################################

variable "cpu" {
  description = "Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be 256, 512, 1024, 2048, 4096, 8192 or 16384 (Fargate task CPU units)."
  }
}

variable "memory" {
  description = "Task memory in MiB; Fargate accepts only certain values for each cpu (checked at plan, with the allowed values in the message)."
  type        = number
  default     = 512
}

variable "cpu_architecture" {
  description = "Runtime platform: X86_64 or ARM64 (Graviton; Fargate Spot supports ARM64 too)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "ephemeral_storage_gib" {
  description = "Task ephemeral storage in GiB (21-200); null keeps Fargate's 20 GiB."
  type        = number
  default     = null

  validation {
    condition     = var.ephemeral_storage_gib == null || try(var.ephemeral_storage_gib >= 21 && var.ephemeral_storage_gib <= 200 && floor(var.ephemeral_storage_gib) == var.ephemeral_storage_gib, false)
    error_message = "ephemeral_storage_gib must be a whole number from 21 to 200 (GiB), or null for the default 20."
  }
}

variable "containers" {
  description = <<-EOT
    Containers of the task by name (1-10). Each: image; port_mappings; environment (plain values);
    secrets (name = the variable, value_from = a Secrets Manager secret ARN, optionally with
    :json-key:version-stage:version-id, or an SSM parameter ARN); health_check; essential;
    readonly_root_filesystem (true by default) with writable_paths mounted from task storage;
    cpu/memory/memory_reservation; command, entry_point, user. Logs go to the module's log group.
  EOT
  type = map(object({
    image     = string
    essential = optional(bool, true)
    port_mappings = optional(list(object({
      container_port = number
      protocol       = optional(string, "tcp")
      name           = optional(string)
    })), [])
    environment = optional(map(string), {})
    secrets = optional(list(object({
      name       = optional(string)
      value_from = string
    })), [])
    health_check = optional(object({
      command      = list(string)
      interval     = optional(number, 30)
      timeout      = optional(number, 5)
      retries      = optional(number, 3)
      start_period = optional(number, 0)
    }))
    readonly_root_filesystem = optional(bool, true)
    writable_paths           = optional(list(string), [])
    cpu                      = optional(number)
    memory                   = optional(number)
    memory_reservation       = optional(number)
    command                  = optional(list(string))
    entry_point              = optional(list(string))
    user                     = optional(string)
  }))

  validation {
    condition     = length(var.containers) >= 1 && length(var.containers) <= 10
    error_message = "containers must hold 1 to 10 containers (the ECS limit per task definition)."
  }
  validation {
    condition     = alltrue([for k in keys(var.containers) : can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$", k))])
    error_message = "containers[\"${join("\", \"", [for k in keys(var.containers) : k if !(can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$", k)))])}\"]: each key (the container name) must be 1-255 letters, digits, '-' or '_'."
  }
  validation {
    condition     = alltrue([for c in values(var.containers) : length(trimspace(c.image)) > 0 && !strcontains(c.image, " ")])
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !(length(trimspace(c.image)) > 0 && !strcontains(c.image, " "))])}\"]: image must be an image reference such as public.ecr.aws/nginx/nginx:1.27 (not empty, no spaces)."
  }
  validation {
    condition     = length(var.containers) == 0 || anytrue([for c in values(var.containers) : c.essential])
    error_message = "containers: at least one container must be essential (a task with none never stops on failure)."
  }
  validation {
    condition = alltrue(flatten([for c in values(var.containers) : [
      for p in c.port_mappings : p.container_port >= 1 && p.container_port <= 65535 && floor(p.container_port) == p.container_port && contains(["tcp", "udp"], p.protocol)
    ]]))
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !alltrue([for p in c.port_mappings : p.container_port >= 1 && p.container_port <= 65535 && floor(p.container_port) == p.container_port && contains(["tcp", "udp"], p.protocol)])])}\"]: port_mappings need container_port from 1 to 65535 and protocol tcp or udp."
  }
  validation {
    condition     = alltrue(flatten([for c in values(var.containers) : [for s in c.secrets : s.name != null && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", s.name))]]))
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !alltrue([for s in c.secrets : s.name != null && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", s.name))])])}\"]: every secret needs a name, the environment variable it becomes (letters, digits, '_', not starting with a digit)."
  }
  validation {
    condition = alltrue(flatten([for c in values(var.containers) : [
      for s in c.secrets : can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)$", s.value_from))
    ]]))
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !alltrue([for s in c.secrets : can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)$", s.value_from))])])}\"]: secret value_from must be a Secrets Manager secret ARN or an SSM parameter ARN (a name alone cannot be scoped in the execution role)."
  }
  validation {
    condition     = alltrue(flatten([for c in values(var.containers) : [for k in keys(c.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))]]))
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !alltrue([for k in keys(c.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])])}\"]: environment keys must be variable names (letters, digits, '_', not starting with a digit)."
  }
  validation {
    condition = alltrue([for c in values(var.containers) : c.health_check == null || try(
      length(c.health_check.command) >= 2 && contains(["CMD", "CMD-SHELL"], c.health_check.command[0]) &&
      c.health_check.interval >= 5 && c.health_check.interval <= 300 && c.health_check.timeout >= 2 && c.health_check.timeout <= 60 &&
      c.health_check.timeout < c.health_check.interval && c.health_check.retries >= 1 && c.health_check.retries <= 10 &&
    c.health_check.start_period >= 0 && c.health_check.start_period <= 300, false)])
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !(c.health_check == null || try(length(c.health_check.command) >= 2 && contains(["CMD", "CMD-SHELL"], c.health_check.command[0]) && c.health_check.interval >= 5 && c.health_check.interval <= 300 && c.health_check.timeout >= 2 && c.health_check.timeout <= 60 && c.health_check.timeout < c.health_check.interval && c.health_check.retries >= 1 && c.health_check.retries <= 10 && c.health_check.start_period >= 0 && c.health_check.start_period <= 300, false))])}\"]: health_check.command must start with CMD or CMD-SHELL; interval 5-300 s, timeout 2-60 s and below interval, retries 1-10, start_period 0-300 s."
  }
  validation {
    condition     = alltrue(flatten([for c in values(var.containers) : [for p in c.writable_paths : startswith(p, "/") && p != "/"]]))
    error_message = "containers[\"${join("\", \"", [for k, c in var.containers : k if !alltrue([for p in c.writable_paths : startswith(p, "/") && p != "/"])])}\"]: writable_paths must be absolute paths below / (e.g. /tmp, /var/cache/nginx)."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the containers' log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key that encrypts the log group; null uses CloudWatch Logs' own encryption."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

################################################################################
# Roles
################################################################################

variable "task_role_statements" {
  description = "What the application may do: IAM statements for the task role, by Sid. The execution role (image pull, logs, the listed secrets) is separate and not affected. Refused at plan (modules/iam-statement-rules): actions with '*' or '?', resources [\"*\"] for actions that take resources, and the key of the module's own ECS Exec statement."
  type = map(object({
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for k in keys(var.task_role_statements) : can(regex("^[A-Za-z0-9]+$", k))])
    error_message = "task_role_statements key \"${join("\", \"", [for k in keys(var.task_role_statements) : k if !(can(regex("^[A-Za-z0-9]+$", k)))])}\" cannot be used: keys become statement Sids: letters and digits only."
  }
  # The shape of a name only; wildcards are modules/iam-statement-rules' to refuse, with its message.
  validation {
    condition = alltrue(flatten([for s in values(var.task_role_statements) : [
      for a in s.actions : can(regex("^([a-z0-9-]+:[A-Za-z0-9*?]+|[*])$", a))
    ]]))
    error_message = "task_role_statements[\"${join("\", \"", [for k, s in var.task_role_statements : k if !alltrue([for a in s.actions : can(regex("^([a-z0-9-]+:[A-Za-z0-9*?]+|[*])$", a))])])}\"]: actions must be service:Action names such as s3:GetObject."
  }
  validation {
    condition     = alltrue([for s in values(var.task_role_statements) : length(s.actions) > 0 && length(s.resources) > 0])
    error_message = "task_role_statements[\"${join("\", \"", [for k, s in var.task_role_statements : k if !(length(s.actions) > 0 && length(s.resources) > 0)])}\"]: each statement needs at least one action and one resource."
  }
}

variable "secrets_kms_key_arns" {
  description = "Customer managed KMS keys of the listed secrets; the execution role may decrypt with them through Secrets Manager or SSM only."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for k in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", k))])
    error_message = "secrets_kms_key_arns must be KMS key ARNs: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

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
