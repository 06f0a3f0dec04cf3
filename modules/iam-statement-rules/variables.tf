variable "create" {
  description = "Whether to judge the statements (the calling module passes its own create)."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "The calling module's name for the resource the statements are for; every message starts with it."
  type        = string
}

variable "input_name" {
  description = "The caller's input that holds the statements (policy_statements, task_role_statements): messages name it and the key."
  type        = string
}

variable "statements" {
  description = "The caller-supplied statements, keyed as the caller keyed them. Only Allow statements are judged: a Deny with a wildcard takes away, it grants nothing."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
  }))
  default  = {}
  nullable = false
}

variable "module_statement_keys" {
  description = "Keys (Sids) of the statements the calling module writes itself; a caller statement may not take one (it would replace the module's)."
  type        = list(string)
  default     = []
  nullable    = false
}
