################################################################################
# Identity
################################################################################

variable "create_role" {
  description = "Create the execution role. With false, give role_arn; the module then attaches nothing."
  type        = bool
  default     = true
  nullable    = false
}

variable "role_arn" {
  description = "Existing execution role (with create_role = false)."
  type        = string
  default     = null
}

variable "role_name" {
  description = "Name of the created role. Default: the function name."
  type        = string
  default     = null
}

variable "role_path" {
  description = "IAM path of the created role."
  type        = string
  default     = "/"
}

variable "role_permissions_boundary" {
  description = "Permissions boundary policy ARN for the created role."
  type        = string
  default     = null
}

variable "policy_statements" {
  description = "Extra statements for the role's inline policy, keyed by a Sid-like name. Refused at plan (modules/iam-statement-rules): actions with '*' or '?', resources [\"*\"] for actions that take resources, and keys of the module's own statements (Logs, XRay, DeadLetter, ...)."
  type = map(object({
    effect    = optional(string, "Allow")
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
    condition     = alltrue([for key in keys(var.policy_statements) : can(regex("^[A-Za-z0-9]+$", key))])
    error_message = "policy_statements key \"${join("\", \"", [for key in keys(var.policy_statements) : key if !(can(regex("^[A-Za-z0-9]+$", key)))])}\" cannot be used: keys become statement Sids: letters and digits only."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : contains(["Allow", "Deny"], s.effect)])
    error_message = "policy_statements[\"${join("\", \"", [for k, s in var.policy_statements : k if !(contains(["Allow", "Deny"], s.effect))])}\"].effect must be 'Allow' or 'Deny'."
  }

  validation {
    condition     = alltrue([for s in values(var.policy_statements) : length(s.actions) > 0 && length(s.resources) > 0])
    error_message = "policy_statements[\"${join("\", \"", [for k, s in var.policy_statements : k if !(length(s.actions) > 0 && length(s.resources) > 0)])}\"]: every policy_statements entry needs at least one action and one resource."
  }
}
