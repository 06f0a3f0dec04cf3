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
    condition     = alltrue([for k in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", k))])
    error_message = "secrets_kms_key_arns must be KMS key ARNs: arn:aws:kms:<region>:<account>:key/<id>."
  }
}
