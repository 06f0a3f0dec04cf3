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
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}
