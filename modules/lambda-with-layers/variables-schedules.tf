################################################################################
# Schedules (EventBridge Scheduler)
################################################################################

variable "schedules" {
  description = <<-EOT
    EventBridge Scheduler schedules that invoke this function (its alias when there is one), keyed by a short
    name (schedule '<name>-<key>'). expression: rate(...), cron(...) or at(...); timezone: an IANA name such as
    Europe/Paris; flexible_window_minutes: let Scheduler spread invocations over that window (null: on time);
    input: the JSON event the function gets; retry: how long and how often Scheduler retries a failed invocation;
    dead_letter_arn: the SQS queue for invocations that fail for good (null: the function's own dead-letter
    queue). One scheduler role, which may invoke only this function, serves them all.
  EOT
  type = map(object({
    expression              = string
    timezone                = optional(string, "UTC")
    flexible_window_minutes = optional(number)
    input                   = optional(string)
    description             = optional(string)
    state                   = optional(string, "ENABLED")
    group_name              = optional(string, "default")
    retry = optional(object({
      maximum_event_age_in_seconds = optional(number, 86400)
      maximum_retry_attempts       = optional(number, 185)
    }), {})
    dead_letter_arn = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.schedules) : can(regex("^[A-Za-z0-9_-]{1,30}$", key))])
    error_message = "schedules key \"${join("\", \"", [for key in keys(var.schedules) : key if !can(regex("^[A-Za-z0-9_-]{1,30}$", key))])}\" cannot be used: keys must be 1-30 characters of letters, digits, '-' or '_'."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)|at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\))$", s.expression))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)|at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\))$", s.expression))])}\"].expression must be rate(<n> minutes|hours|days), cron(<6 fields>) or at(yyyy-mm-ddThh:mm:ss)."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !can(regex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])}\"].timezone must be UTC or an IANA time zone name such as Europe/Paris."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.flexible_window_minutes == null || try(s.flexible_window_minutes >= 1 && s.flexible_window_minutes <= 1440 && floor(s.flexible_window_minutes) == s.flexible_window_minutes, false)])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.flexible_window_minutes == null || try(s.flexible_window_minutes >= 1 && s.flexible_window_minutes <= 1440 && floor(s.flexible_window_minutes) == s.flexible_window_minutes, false))])}\"].flexible_window_minutes must be null (on time) or a whole number of minutes from 1 to 1440."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.input == null || can(jsondecode(s.input))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.input == null || can(jsondecode(s.input)))])}\"].input must be JSON (jsonencode({...})): it is the event the function receives."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : contains(["ENABLED", "DISABLED"], s.state)])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !contains(["ENABLED", "DISABLED"], s.state)])}\"].state must be ENABLED or DISABLED."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.retry.maximum_event_age_in_seconds >= 60 && s.retry.maximum_event_age_in_seconds <= 86400 && s.retry.maximum_retry_attempts >= 0 && s.retry.maximum_retry_attempts <= 185])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.retry.maximum_event_age_in_seconds >= 60 && s.retry.maximum_event_age_in_seconds <= 86400 && s.retry.maximum_retry_attempts >= 0 && s.retry.maximum_retry_attempts <= 185)])}\"].retry: maximum_event_age_in_seconds must be 60-86400 and maximum_retry_attempts 0-185."
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : s.dead_letter_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}$", s.dead_letter_arn))])
    error_message = "schedules[\"${join("\", \"", [for k, s in var.schedules : k if !(s.dead_letter_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}$", s.dead_letter_arn)))])}\"].dead_letter_arn must be a standard SQS queue ARN (Scheduler's dead-letter target is a queue)."
  }
}

variable "schedules_kms_key_arn" {
  description = "Customer managed KMS key that encrypts the schedules (their input) at rest; null uses the AWS owned key Scheduler encrypts every schedule with. The scheduler role may decrypt with it."
  type        = string
  default     = null

  validation {
    condition     = var.schedules_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.schedules_kms_key_arn))
    error_message = "schedules_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}
