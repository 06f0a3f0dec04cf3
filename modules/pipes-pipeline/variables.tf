variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Pipe name; also names its role, log group and dead-letter queue."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,56}$", var.name))
    error_message = "name must be 1-56 letters, digits, '-' or '_' (Pipes allows 64; 8 are kept for the '-pipe-dlq' and '-pipe' suffixes)."
  }
}

variable "description" {
  description = "Pipe description."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "desired_state" {
  description = "RUNNING, or STOPPED to create the pipe without polling its source."
  type        = string
  default     = "RUNNING"

  validation {
    condition     = contains(["RUNNING", "STOPPED"], var.desired_state)
    error_message = "desired_state must be 'RUNNING' or 'STOPPED'."
  }
}

variable "stream_source_wait_seconds" {
  description = "For a DynamoDB stream source: seconds the pipe waits after the stream or its role's policy is created or changed, before Pipes checks it can read the stream (a stream made in the same apply fails CreatePipe with 'Cannot access stream' for about a minute; provider issue 40572). Runs `sleep` in a POSIX shell once per such change; 0 skips the wait (a stream that already exists, or a Windows runner)."
  type        = number
  default     = 90
  nullable    = false

  validation {
    condition     = var.stream_source_wait_seconds >= 0 && var.stream_source_wait_seconds <= 600 && floor(var.stream_source_wait_seconds) == var.stream_source_wait_seconds
    error_message = "stream_source_wait_seconds must be a whole number of seconds from 0 to 600."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the pipe's data (null: an AWS-owned key)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "pipe_source" {
  description = <<-EOT
    Exactly one source. dynamodb_stream: the stream ARN and how records are read; records that keep
    failing go to dead_letter_queue_arn, or to a queue the module creates. sqs_queue: the queue ARN
    (its own redrive policy handles failures). A customer managed key of the source queue
    (sqs_queue.kms_key_arn) or of the given DLQ (dead_letter_queue_kms_key_arn) is granted to the
    pipe's role: kms:Decrypt to read, kms:GenerateDataKey and kms:Decrypt to write.
  EOT
  type = object({
    dynamodb_stream = optional(object({
      stream_arn                         = string
      starting_position                  = optional(string, "LATEST")
      batch_size                         = optional(number, 10)
      maximum_batching_window_in_seconds = optional(number, 0)
      maximum_retry_attempts             = optional(number, 3)
      maximum_record_age_in_seconds      = optional(number, 3600)
      bisect_on_error                    = optional(bool, true)
      parallelization_factor             = optional(number, 1)
      dead_letter_queue_arn              = optional(string)
      dead_letter_queue_kms_key_arn      = optional(string)
    }))
    sqs_queue = optional(object({
      queue_arn                          = string
      batch_size                         = optional(number, 10)
      maximum_batching_window_in_seconds = optional(number, 0)
      kms_key_arn                        = optional(string)
    }))
  })

  validation {
    condition = alltrue([for key in compact([try(var.pipe_source.dynamodb_stream.dead_letter_queue_kms_key_arn, null), try(var.pipe_source.sqs_queue.kms_key_arn, null)]) :
    can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", key))])
    error_message = "pipe_source.dynamodb_stream.dead_letter_queue_kms_key_arn and pipe_source.sqs_queue.kms_key_arn must be KMS key ARNs: arn:aws:kms:<region>:<account>:key/<id>."
  }

  validation {
    condition     = try(var.pipe_source.dynamodb_stream.dead_letter_queue_kms_key_arn, null) == null || try(var.pipe_source.dynamodb_stream.dead_letter_queue_arn, null) != null
    error_message = "pipe_source.dynamodb_stream.dead_letter_queue_kms_key_arn is the key of the queue in dead_letter_queue_arn; the queue the module creates uses SSE-SQS."
  }

  validation {
    condition     = (var.pipe_source.dynamodb_stream != null) != (var.pipe_source.sqs_queue != null)
    error_message = "pipe_source must set exactly one of dynamodb_stream or sqs_queue."
  }

  validation {
    condition     = var.pipe_source.dynamodb_stream == null || can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[^/]+/stream/.+$", try(var.pipe_source.dynamodb_stream.stream_arn, "")))
    error_message = "pipe_source.dynamodb_stream.stream_arn must be a DynamoDB stream ARN (table/<name>/stream/<label>)."
  }

  validation {
    condition     = var.pipe_source.sqs_queue == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+$", try(var.pipe_source.sqs_queue.queue_arn, "")))
    error_message = "pipe_source.sqs_queue.queue_arn must be an SQS queue ARN."
  }

  validation {
    condition = var.pipe_source.dynamodb_stream == null || try(
      contains(["LATEST", "TRIM_HORIZON"], var.pipe_source.dynamodb_stream.starting_position) &&
      var.pipe_source.dynamodb_stream.batch_size >= 1 && var.pipe_source.dynamodb_stream.batch_size <= 10000 &&
      var.pipe_source.dynamodb_stream.maximum_batching_window_in_seconds >= 0 && var.pipe_source.dynamodb_stream.maximum_batching_window_in_seconds <= 300 &&
      var.pipe_source.dynamodb_stream.maximum_retry_attempts >= -1 && var.pipe_source.dynamodb_stream.maximum_retry_attempts <= 10000 &&
      (var.pipe_source.dynamodb_stream.maximum_record_age_in_seconds == -1 || (var.pipe_source.dynamodb_stream.maximum_record_age_in_seconds >= 60 && var.pipe_source.dynamodb_stream.maximum_record_age_in_seconds <= 604800)) &&
      var.pipe_source.dynamodb_stream.parallelization_factor >= 1 && var.pipe_source.dynamodb_stream.parallelization_factor <= 10,
      false
    )
    error_message = "pipe_source.dynamodb_stream: starting_position LATEST or TRIM_HORIZON, batch_size 1-10000, maximum_batching_window_in_seconds 0-300, maximum_retry_attempts -1..10000, maximum_record_age_in_seconds -1 or 60-604800, parallelization_factor 1-10."
  }

  validation {
    condition = var.pipe_source.sqs_queue == null || try(
      var.pipe_source.sqs_queue.batch_size >= 1 && var.pipe_source.sqs_queue.batch_size <= 10000 &&
      var.pipe_source.sqs_queue.maximum_batching_window_in_seconds >= 0 && var.pipe_source.sqs_queue.maximum_batching_window_in_seconds <= 300 &&
      (var.pipe_source.sqs_queue.batch_size <= 10 || var.pipe_source.sqs_queue.maximum_batching_window_in_seconds > 0),
      false
    )
    error_message = "pipe_source.sqs_queue: batch_size 1-10000 (over 10 needs maximum_batching_window_in_seconds of at least 1), maximum_batching_window_in_seconds 0-300."
  }
}

variable "filter_patterns" {
  description = "Up to 5 EventBridge event patterns (JSON); a record passes when any matches. Empty: every record passes."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = length(var.filter_patterns) <= 5
    error_message = "filter_patterns takes at most 5 patterns."
  }

  validation {
    condition     = alltrue([for p in var.filter_patterns : can(keys(jsondecode(p)))])
    error_message = "filter_patterns must each be a JSON object, e.g. jsonencode({ eventName = [\"INSERT\"] })."
  }
}

variable "enrichment" {
  description = "Optional enrichment step: a Lambda function or an API destination (exactly one), with an input template."
  type = object({
    lambda_function_arn = optional(string)
    api_destination_arn = optional(string)
    input_template      = optional(string)
  })
  default = null

  validation {
    condition     = var.enrichment == null || try((var.enrichment.lambda_function_arn != null) != (var.enrichment.api_destination_arn != null), false)
    error_message = "enrichment must set exactly one of lambda_function_arn or api_destination_arn."
  }

  validation {
    condition = var.enrichment == null || (
      try(var.enrichment.lambda_function_arn, null) == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", var.enrichment.lambda_function_arn))
      ) && (
      try(var.enrichment.api_destination_arn, null) == null || can(regex("^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:api-destination/.+$", var.enrichment.api_destination_arn))
    )
    error_message = "enrichment.lambda_function_arn must be a Lambda function ARN and enrichment.api_destination_arn an EventBridge API destination ARN."
  }
}

variable "target" {
  description = <<-EOT
    Where records go: a Lambda function, SQS queue, SNS topic, Step Functions state machine or EventBridge
    bus, read from arn. invocation_type applies to Lambda (REQUEST_RESPONSE or FIRE_AND_FORGET) and
    Step Functions (FIRE_AND_FORGET, or REQUEST_RESPONSE for express workflows); message_group_id to
    FIFO queues; detail_type and event_source to buses; kms_key_arn to a queue or topic under a
    customer managed key (the role gets kms:GenerateDataKey and kms:Decrypt on it).
  EOT
  type = object({
    arn                      = string
    input_template           = optional(string)
    invocation_type          = optional(string)
    message_group_id         = optional(string)
    message_deduplication_id = optional(string)
    detail_type              = optional(string)
    event_source             = optional(string)
    kms_key_arn              = optional(string)
  })

  validation {
    condition     = try(var.target.kms_key_arn, null) == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.target.kms_key_arn))
    error_message = "target.kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }

  validation {
    condition     = try(var.target.kms_key_arn, null) == null || can(regex(":(sqs|sns):", var.target.arn))
    error_message = "target.kms_key_arn applies to SQS queue and SNS topic targets (the key they are encrypted with)."
  }

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:(lambda|sqs|sns|states|events):[a-z0-9-]+:[0-9]{12}:", var.target.arn))
    error_message = "target.arn must be a Lambda function, SQS queue, SNS topic, Step Functions state machine or EventBridge bus ARN."
  }

  validation {
    condition     = var.target.invocation_type == null || contains(["REQUEST_RESPONSE", "FIRE_AND_FORGET"], coalesce(var.target.invocation_type, "-"))
    error_message = "target.invocation_type must be 'REQUEST_RESPONSE' or 'FIRE_AND_FORGET'."
  }

  validation {
    condition     = var.target.invocation_type == null || can(regex(":(lambda|states):", var.target.arn))
    error_message = "target.invocation_type applies to Lambda and Step Functions targets only."
  }

  validation {
    condition     = !can(regex("\\.fifo$", var.target.arn)) || !can(regex(":sqs:", var.target.arn)) || var.target.message_group_id != null
    error_message = "target.message_group_id is required for a FIFO queue target (e.g. \"$.dynamodb.Keys.order_id.S\")."
  }

  validation {
    condition     = (var.target.message_group_id == null && var.target.message_deduplication_id == null) || can(regex(":sqs:", var.target.arn))
    error_message = "target.message_group_id and message_deduplication_id apply to SQS targets only."
  }

  validation {
    condition     = (var.target.detail_type == null && var.target.event_source == null) || can(regex(":events:", var.target.arn))
    error_message = "target.detail_type and event_source apply to EventBridge bus targets only."
  }
}

variable "create_dead_letter_queue" {
  description = "For a DynamoDB stream source without dead_letter_queue_arn: create an SQS queue (SSE on, 14 days) for records that keep failing."
  type        = bool
  default     = true
  nullable    = false
}

variable "logging" {
  description = "Pipe execution logs to a CloudWatch log group the module creates: level OFF, ERROR, INFO or TRACE; include_execution_data adds payloads (may contain personal data)."
  type = object({
    level                  = optional(string, "ERROR")
    include_execution_data = optional(bool, false)
    retention_in_days      = optional(number, 365)
    kms_key_arn            = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["OFF", "ERROR", "INFO", "TRACE"], var.logging.level)
    error_message = "logging.level must be OFF, ERROR, INFO or TRACE."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logging.retention_in_days)
    error_message = "logging.retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}
