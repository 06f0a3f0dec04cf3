################################################################################
# Event sources and triggers
################################################################################

variable "event_source_mappings" {
  description = <<-EOT
    Event source mappings keyed by name. The source type (SQS queue, DynamoDB stream or Kinesis stream)
    is read from event_source_arn and the role gets exactly the read permissions that type needs.
    Partial batch responses (ReportBatchItemFailures) are on by default.
  EOT
  type = map(object({
    event_source_arn                   = string
    enabled                            = optional(bool, true)
    batch_size                         = optional(number)
    maximum_batching_window_in_seconds = optional(number)
    starting_position                  = optional(string)
    starting_position_timestamp        = optional(string)
    filter_patterns                    = optional(list(string), [])
    report_batch_item_failures         = optional(bool, true)
    bisect_batch_on_function_error     = optional(bool)
    maximum_retry_attempts             = optional(number)
    maximum_record_age_in_seconds      = optional(number)
    parallelization_factor             = optional(number)
    on_failure_destination_arn         = optional(string)
    maximum_concurrency                = optional(number)
    source_kms_key_arn                 = optional(string)
  }))
  default  = {}
  nullable = false

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) : can(regex(
      "^arn:aws[a-z-]*:(sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+|dynamodb:[a-z0-9-]+:[0-9]{12}:table/[^/]+/stream/.+|kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+)$",
      m.event_source_arn
    ))])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex("^arn:aws[a-z-]*:(sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+|dynamodb:[a-z0-9-]+:[0-9]{12}:table/[^/]+/stream/.+|kinesis:[a-z0-9-]+:[0-9]{12}:stream/.+)$", m.event_source_arn)))])}\"].event_source_arn must be an SQS queue, DynamoDB stream (table/<t>/stream/<label>) or Kinesis stream ARN."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      can(regex(":sqs:", m.event_source_arn)) ? m.starting_position == null : (
        !can(regex(":(dynamodb|kinesis):", m.event_source_arn)) || contains(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"], coalesce(m.starting_position, "missing"))
      )
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex(":sqs:", m.event_source_arn)) ? m.starting_position == null : (!can(regex(":(dynamodb|kinesis):", m.event_source_arn)) || contains(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"], coalesce(m.starting_position, "missing"))))])}\"]: stream sources need starting_position LATEST, TRIM_HORIZON or AT_TIMESTAMP; SQS sources take none."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.batch_size == null || try(m.batch_size >= 1 && m.batch_size <= (can(regex("\\.fifo$", m.event_source_arn)) ? 10 : 10000), false)
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.batch_size == null || try(m.batch_size >= 1 && m.batch_size <= (can(regex("\\.fifo$", m.event_source_arn)) ? 10 : 10000), false))])}\"].batch_size must be 1-10000 (1-10 for a FIFO queue)."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.maximum_batching_window_in_seconds == null || try(m.maximum_batching_window_in_seconds >= 0 && m.maximum_batching_window_in_seconds <= 300, false)
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.maximum_batching_window_in_seconds == null || try(m.maximum_batching_window_in_seconds >= 0 && m.maximum_batching_window_in_seconds <= 300, false))])}\"].maximum_batching_window_in_seconds must be 0-300."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      !can(regex(":sqs:", m.event_source_arn)) || can(regex("\\.fifo$", m.event_source_arn)) || coalesce(m.batch_size, 10) <= 10 || coalesce(m.maximum_batching_window_in_seconds, 0) > 0
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(!can(regex(":sqs:", m.event_source_arn)) || can(regex("\\.fifo$", m.event_source_arn)) || coalesce(m.batch_size, 10) <= 10 || coalesce(m.maximum_batching_window_in_seconds, 0) > 0)])}\"]: an SQS batch_size over 10 needs maximum_batching_window_in_seconds of at least 1."
  }

  validation {
    condition     = alltrue([for m in values(var.event_source_mappings) : length(m.filter_patterns) <= 5])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(length(m.filter_patterns) <= 5)])}\"].filter_patterns takes at most 5 patterns."
  }

  validation {
    condition = alltrue(flatten([for m in values(var.event_source_mappings) : [
      for p in m.filter_patterns : can(keys(jsondecode(p)))
    ]]))
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !alltrue([for p in m.filter_patterns : can(keys(jsondecode(p)))])])}\"].filter_patterns must each be a JSON object, e.g. jsonencode({ body = { status = [\"PAID\"] } })."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      !can(regex(":sqs:", m.event_source_arn)) || (
        m.bisect_batch_on_function_error == null && m.maximum_retry_attempts == null &&
        m.maximum_record_age_in_seconds == null && m.parallelization_factor == null &&
        m.on_failure_destination_arn == null
      )
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(!can(regex(":sqs:", m.event_source_arn)) || (m.bisect_batch_on_function_error == null && m.maximum_retry_attempts == null && m.maximum_record_age_in_seconds == null && m.parallelization_factor == null && m.on_failure_destination_arn == null))])}\"]: bisect_batch_on_function_error, maximum_retry_attempts, maximum_record_age_in_seconds, parallelization_factor and on_failure_destination_arn apply to stream sources only; an SQS source fails over through its queue's redrive policy."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      can(regex(":sqs:", m.event_source_arn)) ? true : m.maximum_concurrency == null
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(can(regex(":sqs:", m.event_source_arn)) ? true : m.maximum_concurrency == null)])}\"].maximum_concurrency applies to SQS sources only."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      (m.maximum_retry_attempts == null || try(m.maximum_retry_attempts >= -1 && m.maximum_retry_attempts <= 10000, false)) &&
      (m.maximum_record_age_in_seconds == null || try(m.maximum_record_age_in_seconds == -1 || (m.maximum_record_age_in_seconds >= 60 && m.maximum_record_age_in_seconds <= 604800), false)) &&
      (m.parallelization_factor == null || try(m.parallelization_factor >= 1 && m.parallelization_factor <= 10, false)) &&
      (m.maximum_concurrency == null || try(m.maximum_concurrency >= 2 && m.maximum_concurrency <= 1000, false))
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !((m.maximum_retry_attempts == null || try(m.maximum_retry_attempts >= -1 && m.maximum_retry_attempts <= 10000, false)) && (m.maximum_record_age_in_seconds == null || try(m.maximum_record_age_in_seconds == -1 || (m.maximum_record_age_in_seconds >= 60 && m.maximum_record_age_in_seconds <= 604800), false)) && (m.parallelization_factor == null || try(m.parallelization_factor >= 1 && m.parallelization_factor <= 10, false)) && (m.maximum_concurrency == null || try(m.maximum_concurrency >= 2 && m.maximum_concurrency <= 1000, false)))])}\"]: maximum_retry_attempts -1..10000, maximum_record_age_in_seconds -1 or 60..604800, parallelization_factor 1..10, maximum_concurrency 2..1000."
  }

  validation {
    condition = alltrue([for m in values(var.event_source_mappings) :
      m.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns|s3):", m.on_failure_destination_arn))
    ])
    error_message = "event_source_mappings[\"${join("\", \"", [for k, m in var.event_source_mappings : k if !(m.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns|s3):", m.on_failure_destination_arn)))])}\"].on_failure_destination_arn must be an SQS queue, SNS topic or S3 bucket ARN."
  }
}

variable "allowed_triggers" {
  description = <<-EOT
    Services allowed to invoke the function, keyed by statement id. Every permission is scoped to
    source_arn; S3 also needs source_account because bucket ARNs carry no account.
  EOT
  type = map(object({
    principal      = string
    source_arn     = string
    source_account = optional(string)
    action         = optional(string, "lambda:InvokeFunction")
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.allowed_triggers) : can(regex("^[A-Za-z0-9_-]{1,100}$", key))])
    error_message = "allowed_triggers key \"${join("\", \"", [for key in keys(var.allowed_triggers) : key if !(can(regex("^[A-Za-z0-9_-]{1,100}$", key)))])}\" cannot be used: keys become statement ids: 1-100 letters, digits, '-' or '_'."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", t.principal))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", t.principal)))])}\"].principal must be a service principal such as 's3.amazonaws.com'; grant accounts and roles through their own IAM policies."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:", t.source_arn))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:", t.source_arn)))])}\"].source_arn must be the ARN of the resource allowed to invoke (a permission without it lets any such resource in any account call the function)."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : t.principal == "apigateway.amazonaws.com" || !can(regex("[*?]", t.source_arn))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(t.principal == "apigateway.amazonaws.com" || !can(regex("[*?]", t.source_arn)))])}\"].source_arn must name one resource: '*' and '?' would let every matching topic, bucket or rule invoke the function (API Gateway's execute-api ARNs, whose stage and method parts are wildcards by design, excepted)."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : t.principal != "s3.amazonaws.com" || can(regex("^[0-9]{12}$", t.source_account))])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(t.principal != "s3.amazonaws.com" || can(regex("^[0-9]{12}$", t.source_account)))])}\"]: an S3 trigger needs source_account (the bucket owner's 12-digit account id): bucket ARNs carry no account, so source_arn alone would admit a same-named bucket elsewhere."
  }

  validation {
    condition     = alltrue([for t in values(var.allowed_triggers) : contains(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"], t.action)])
    error_message = "allowed_triggers[\"${join("\", \"", [for k, t in var.allowed_triggers : k if !(contains(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"], t.action))])}\"].action must be 'lambda:InvokeFunction' or 'lambda:InvokeFunctionUrl'."
  }
}
