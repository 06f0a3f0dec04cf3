variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "State machine name; also names its role, log group, trigger rules, dead-letter queue and alarms."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,48}$", var.name))
    error_message = "name must be 1-48 letters, digits, '-' or '_' (Step Functions allows 80; the rest is kept for the '-sfn-triggers' role and the rule suffixes)."
  }
}

variable "type" {
  description = "STANDARD (up to a year, exactly-once, callbacks and .sync) or EXPRESS (up to 5 minutes, at-least-once, high volume)."
  type        = string
  default     = "STANDARD"
  nullable    = false

  validation {
    condition     = contains(["STANDARD", "EXPRESS"], var.type)
    error_message = "type must be 'STANDARD' or 'EXPRESS'."
  }
}

variable "definition" {
  description = <<-EOT
    The Amazon States Language definition as a JSON string, typically
    templatefile("states.asl.json", {...}) or jsonencode({...}). Checked at plan: every StartAt, Next,
    Default, Choices[].Next and Catch[].Next names a state of its own States (the machine's, a Parallel
    branch's or a Map's, two levels deep); a .waitForTaskToken task has TimeoutSeconds or
    HeartbeatSeconds; an EXPRESS machine has no .sync or .waitForTaskToken task; every Task resource is
    covered by a declared integration.
  EOT
  type        = string

  validation {
    condition     = can(tostring(jsondecode(var.definition).StartAt)) && can(keys(jsondecode(var.definition).States))
    error_message = "definition must be a JSON object with a StartAt string and a States object (Amazon States Language)."
  }
}

variable "publish" {
  description = "Publish a version on every change (state_machine_version_arn), for aliases and rollbacks."
  type        = bool
  default     = false
  nullable    = false
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "integrations" {
  description = <<-EOT
    The services the definition calls, one entry per resource; each becomes one statement of the role
    (its Sid is the key in CamelCase), on exactly that resource, plus one for its customer managed key.
    Set exactly one kind per entry:
      lambda_function  function_arn (unqualified) and the qualifiers (versions, aliases) the definition
                       invokes: lambda:InvokeFunction on each.
      dynamodb_table   table_arn, the actions used (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan,
                       BatchGetItem, BatchWriteItem, ConditionCheckItem, DescribeTable) and the indexes queried.
      sns_topic        topic_arn: sns:Publish.
      sqs_queue        queue_arn: sqs:SendMessage.
      s3_bucket        bucket_arn, prefixes (default: the whole bucket), read (s3:GetObject) and write
                       (s3:PutObject) on those prefixes.
      bedrock_model    model_arn: a foundation model or an inference profile (then foundation_model_arns,
                       the models it routes to, are required): bedrock:InvokeModel, which Converse uses too.
      state_machine    state_machine_arn: states:StartExecution; sync = true adds what .sync needs.
      event_bus        event_bus_arn: events:PutEvents.
    kms_key_arn (tables, topics, queues, buckets, buses): the key's grants through that service only,
    kms:Decrypt to read and kms:GenerateDataKey to write.
  EOT
  type = map(object({
    lambda_function = optional(object({
      function_arn = string
      qualifiers   = optional(list(string), [])
    }))
    dynamodb_table = optional(object({
      table_arn   = string
      actions     = list(string)
      indexes     = optional(list(string), [])
      kms_key_arn = optional(string)
    }))
    sns_topic = optional(object({
      topic_arn   = string
      kms_key_arn = optional(string)
    }))
    sqs_queue = optional(object({
      queue_arn   = string
      kms_key_arn = optional(string)
    }))
    s3_bucket = optional(object({
      bucket_arn  = string
      prefixes    = optional(list(string), [""])
      read        = optional(bool, true)
      write       = optional(bool, false)
      kms_key_arn = optional(string)
    }))
    bedrock_model = optional(object({
      model_arn             = string
      foundation_model_arns = optional(list(string), [])
    }))
    state_machine = optional(object({
      state_machine_arn = string
      sync              = optional(bool, false)
    }))
    event_bus = optional(object({
      event_bus_arn = string
      kms_key_arn   = optional(string)
    }))
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.integrations) : can(regex("^[A-Za-z][A-Za-z0-9_-]{0,60}$", key))])
    error_message = "integrations keys must start with a letter and hold up to 61 letters, digits, '-' or '_' (each names a statement): ${join(", ", [for key in keys(var.integrations) : key if !can(regex("^[A-Za-z][A-Za-z0-9_-]{0,60}$", key))])}."
  }

  validation {
    condition     = length(distinct([for key in keys(var.integrations) : replace(title(replace(key, "/[-_]/", " ")), " ", "")])) == length(var.integrations)
    error_message = "integrations keys must give distinct statement ids once written in CamelCase (claims_table and claims-table are both ClaimsTable)."
  }

  validation {
    condition = length(setintersection(
      [for key in keys(var.integrations) : replace(title(replace(key, "/[-_]/", " ")), " ", "")],
      concat(["DeliverLogs", "WriteTraces", "StateMachineKey", "NestedExecutionEvents"], [for key in keys(var.integrations) : "${replace(title(replace(key, "/[-_]/", " ")), " ", "")}Key"]),
    )) == 0
    error_message = "integrations keys may not give the statement ids DeliverLogs, WriteTraces, StateMachineKey or NestedExecutionEvents, nor <another key>Key (the id of that integration's KMS statement)."
  }

  validation {
    condition     = alltrue([for key, i in var.integrations : length([for kind in values(i) : kind if kind != null]) == 1])
    error_message = "integrations entries must each set exactly one of lambda_function, dynamodb_table, sns_topic, sqs_queue, s3_bucket, bedrock_model, state_machine or event_bus: ${join(", ", [for key, i in var.integrations : key if length([for kind in values(i) : kind if kind != null]) != 1])}."
  }

  validation {
    condition = alltrue(flatten([for key, i in var.integrations : [
      i.lambda_function == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$", i.lambda_function.function_arn)),
      i.dynamodb_table == null || can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", i.dynamodb_table.table_arn)),
      i.sns_topic == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", i.sns_topic.topic_arn)),
      i.sqs_queue == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", i.sqs_queue.queue_arn)),
      i.s3_bucket == null || can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", i.s3_bucket.bucket_arn)),
      i.bedrock_model == null || can(regex("^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:([0-9]{12})?:(foundation-model|inference-profile|application-inference-profile)/.+$", i.bedrock_model.model_arn)),
      i.state_machine == null || can(regex("^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]+$", i.state_machine.state_machine_arn)),
      i.event_bus == null || can(regex("^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[A-Za-z0-9/_.-]+$", i.event_bus.event_bus_arn)),
    ]]))
    error_message = "integrations: each ARN must be of its kind (function_arn unqualified, qualifiers go in qualifiers; table_arn a table, not an index or stream; bucket_arn arn:aws:s3:::<bucket>; model_arn a foundation model or inference profile): ${join(", ", [for key, i in var.integrations : key if !alltrue([
      i.lambda_function == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$", i.lambda_function.function_arn)),
      i.dynamodb_table == null || can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", i.dynamodb_table.table_arn)),
      i.sns_topic == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", i.sns_topic.topic_arn)),
      i.sqs_queue == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", i.sqs_queue.queue_arn)),
      i.s3_bucket == null || can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", i.s3_bucket.bucket_arn)),
      i.bedrock_model == null || can(regex("^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:([0-9]{12})?:(foundation-model|inference-profile|application-inference-profile)/.+$", i.bedrock_model.model_arn)),
      i.state_machine == null || can(regex("^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]+$", i.state_machine.state_machine_arn)),
      i.event_bus == null || can(regex("^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[A-Za-z0-9/_.-]+$", i.event_bus.event_bus_arn)),
    ])])}."
  }

  validation {
    condition     = alltrue([for key, i in var.integrations : i.lambda_function == null || alltrue([for q in try(i.lambda_function.qualifiers, []) : can(regex("^(\\$LATEST|[0-9]+|[A-Za-z][A-Za-z0-9_-]{0,127})$", q))])])
    error_message = "integrations: lambda_function.qualifiers must be version numbers, $LATEST or alias names: ${join(", ", [for key, i in var.integrations : key if i.lambda_function != null && !alltrue([for q in try(i.lambda_function.qualifiers, []) : can(regex("^(\\$LATEST|[0-9]+|[A-Za-z][A-Za-z0-9_-]{0,127})$", q))])])}."
  }

  validation {
    condition = alltrue([for key, i in var.integrations : i.dynamodb_table == null || try(length(i.dynamodb_table.actions) > 0 && length(setsubtract(i.dynamodb_table.actions, [
      "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "DescribeTable",
    ])) == 0, false)])
    error_message = "integrations: dynamodb_table.actions must be one or more of GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchWriteItem, ConditionCheckItem, DescribeTable (without the dynamodb: prefix): ${join(", ", [for key, i in var.integrations : key if i.dynamodb_table != null && !try(length(i.dynamodb_table.actions) > 0 && length(setsubtract(i.dynamodb_table.actions, ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "DescribeTable"])) == 0, false)])}."
  }

  validation {
    condition     = alltrue([for key, i in var.integrations : i.s3_bucket == null || try(i.s3_bucket.read || i.s3_bucket.write, false)])
    error_message = "integrations: s3_bucket must set read, write or both: ${join(", ", [for key, i in var.integrations : key if i.s3_bucket != null && !try(i.s3_bucket.read || i.s3_bucket.write, false)])}."
  }

  validation {
    condition     = alltrue([for key, i in var.integrations : i.s3_bucket == null || alltrue([for p in try(i.s3_bucket.prefixes, []) : !can(regex("[*?]|^/", p))])])
    error_message = "integrations: s3_bucket.prefixes are key prefixes such as \"incoming/\" (no wildcards, no leading '/'; \"\" is the whole bucket): ${join(", ", [for key, i in var.integrations : key if i.s3_bucket != null && !alltrue([for p in try(i.s3_bucket.prefixes, []) : !can(regex("[*?]|^/", p))])])}."
  }

  validation {
    condition     = alltrue([for key, i in var.integrations : i.bedrock_model == null || !can(regex(":(application-)?inference-profile/", i.bedrock_model.model_arn)) || length(try(i.bedrock_model.foundation_model_arns, [])) > 0])
    error_message = "integrations: a bedrock_model that is an inference profile needs foundation_model_arns, the models in every Region it routes to (IAM checks both): ${join(", ", [for key, i in var.integrations : key if i.bedrock_model != null && can(regex(":(application-)?inference-profile/", try(i.bedrock_model.model_arn, ""))) && length(try(i.bedrock_model.foundation_model_arns, [])) == 0])}."
  }

  validation {
    condition = alltrue(flatten([for key, i in var.integrations : [
      for k in compact([try(i.dynamodb_table.kms_key_arn, null), try(i.sns_topic.kms_key_arn, null), try(i.sqs_queue.kms_key_arn, null), try(i.s3_bucket.kms_key_arn, null), try(i.event_bus.kms_key_arn, null)]) :
      can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", k))
    ]]))
    error_message = "integrations: each kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "policy_statements" {
  description = "Further statements for the role, for aws-sdk integrations the kinds above do not cover (keyed by Sid). No wildcard actions; a key may not be one of the module's own."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
  }))
  default  = {}
  nullable = false
}

variable "logging" {
  description = "Execution logs to a log group the module creates (/aws/vendedlogs/states/<name>): level ALL, ERROR, FATAL or OFF. include_execution_data writes inputs and outputs into the logs: off by default, since they often carry personal data."
  type = object({
    level                  = optional(string, "ERROR")
    include_execution_data = optional(bool, false)
    retention_in_days      = optional(number, 365)
    kms_key_arn            = optional(string)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL", "OFF"], var.logging.level)
    error_message = "logging.level must be ALL, ERROR, FATAL or OFF."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logging.retention_in_days)
    error_message = "logging.retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }

  validation {
    condition     = var.logging.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", coalesce(var.logging.kms_key_arn, "-")))
    error_message = "logging.kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "tracing_enabled" {
  description = "Send X-Ray traces of every execution (the role gets the X-Ray write actions)."
  type        = bool
  default     = true
  nullable    = false
}

variable "kms_key_arn" {
  description = "Customer managed KMS key that encrypts the definition and execution data at rest (null: an AWS-owned key). The role may use it for this state machine only; with logging on, the key policy must also admit delivery.logs.amazonaws.com."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", coalesce(var.kms_key_arn, "-")))
    error_message = "kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "kms_data_key_reuse_period_seconds" {
  description = "How long Step Functions reuses a data key of kms_key_arn before asking KMS again: 60-900 seconds."
  type        = number
  default     = 300
  nullable    = false

  validation {
    condition     = var.kms_data_key_reuse_period_seconds >= 60 && var.kms_data_key_reuse_period_seconds <= 900
    error_message = "kms_data_key_reuse_period_seconds must be 60-900."
  }
}

variable "triggers" {
  description = <<-EOT
    EventBridge rules that start an execution, keyed by a short name (the rule is <name>-<key>). Set
    event_pattern (JSON) or schedule_expression (default bus only). The execution input is the event,
    or input, input_path or input_transformer. A start that keeps failing (retry: age and attempts) goes
    to the triggers' dead-letter queue. The rules' role may start this state machine and nothing else.
  EOT
  type = map(object({
    description         = optional(string)
    event_pattern       = optional(string)
    schedule_expression = optional(string)
    event_bus_name      = optional(string, "default")
    enabled             = optional(bool, true)
    input               = optional(string)
    input_path          = optional(string)
    input_transformer = optional(object({
      input_paths    = optional(map(string), {})
      input_template = string
    }))
    retry = optional(object({
      maximum_event_age_in_seconds = optional(number, 86400)
      maximum_retry_attempts       = optional(number, 185)
    }), {})
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.triggers) : can(regex("^[A-Za-z0-9_-]{1,15}$", key))])
    error_message = "triggers keys must be 1-15 letters, digits, '-' or '_' (the rule is <name>-<key>, at most 64): ${join(", ", [for key in keys(var.triggers) : key if !can(regex("^[A-Za-z0-9_-]{1,15}$", key))])}."
  }

  validation {
    condition     = alltrue([for key, t in var.triggers : (t.event_pattern == null) != (t.schedule_expression == null)])
    error_message = "triggers must each set exactly one of event_pattern or schedule_expression: ${join(", ", [for key, t in var.triggers : key if(t.event_pattern == null) == (t.schedule_expression == null)])}."
  }

  validation {
    condition     = alltrue([for key, t in var.triggers : t.event_pattern == null || can(keys(jsondecode(t.event_pattern)))])
    error_message = "triggers: event_pattern must be a JSON object, e.g. jsonencode({ source = [\"aws.s3\"] }): ${join(", ", [for key, t in var.triggers : key if t.event_pattern != null && !can(keys(jsondecode(coalesce(t.event_pattern, "-"))))])}."
  }

  validation {
    condition     = alltrue([for key, t in var.triggers : t.schedule_expression == null || (can(regex("^(rate\\([0-9]+ (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", coalesce(t.schedule_expression, "-"))) && t.event_bus_name == "default")])
    error_message = "triggers: schedule_expression must be rate(<n> <unit>) or cron(...), on the default bus: ${join(", ", [for key, t in var.triggers : key if t.schedule_expression != null && !(can(regex("^(rate\\([0-9]+ (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", coalesce(t.schedule_expression, "-"))) && t.event_bus_name == "default")])}."
  }

  validation {
    condition     = alltrue([for key, t in var.triggers : length(compact([t.input, t.input_path, try(t.input_transformer.input_template, null)])) <= 1])
    error_message = "triggers may set at most one of input, input_path or input_transformer: ${join(", ", [for key, t in var.triggers : key if length(compact([t.input, t.input_path, try(t.input_transformer.input_template, null)])) > 1])}."
  }

  validation {
    condition     = alltrue([for key, t in var.triggers : t.retry.maximum_event_age_in_seconds >= 60 && t.retry.maximum_event_age_in_seconds <= 86400 && t.retry.maximum_retry_attempts >= 0 && t.retry.maximum_retry_attempts <= 185])
    error_message = "triggers: retry.maximum_event_age_in_seconds must be 60-86400 and retry.maximum_retry_attempts 0-185: ${join(", ", [for key, t in var.triggers : key if !(t.retry.maximum_event_age_in_seconds >= 60 && t.retry.maximum_event_age_in_seconds <= 86400 && t.retry.maximum_retry_attempts >= 0 && t.retry.maximum_retry_attempts <= 185)])}."
  }
}

variable "triggers_dead_letter_queue_arn" {
  description = "Queue for trigger events that could not start an execution. Null: the module creates one (SSE, 14 days, a policy admitting only these rules). Yours must admit events.amazonaws.com for the rules itself."
  type        = string
  default     = null

  validation {
    condition     = var.triggers_dead_letter_queue_arn == null || can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", coalesce(var.triggers_dead_letter_queue_arn, "-")))
    error_message = "triggers_dead_letter_queue_arn must be a standard SQS queue ARN (EventBridge dead-letter queues cannot be FIFO)."
  }
}

variable "alarms" {
  description = <<-EOT
    CloudWatch alarms on this state machine's executions that notify topic_arn (alarm and OK): failed,
    timed out and throttled executions, each at least threshold in period seconds over
    evaluation_periods; enabled = false leaves one out. Null: no alarms.
  EOT
  type = object({
    topic_arn = string
    executions_failed = optional(object({
      enabled            = optional(bool, true)
      threshold          = optional(number, 1)
      period             = optional(number, 300)
      evaluation_periods = optional(number, 1)
    }), {})
    executions_timed_out = optional(object({
      enabled            = optional(bool, true)
      threshold          = optional(number, 1)
      period             = optional(number, 300)
      evaluation_periods = optional(number, 1)
    }), {})
    execution_throttled = optional(object({
      enabled            = optional(bool, true)
      threshold          = optional(number, 1)
      period             = optional(number, 300)
      evaluation_periods = optional(number, 1)
    }), {})
  })
  default = null

  validation {
    condition     = var.alarms == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", try(var.alarms.topic_arn, "")))
    error_message = "alarms.topic_arn must be an SNS topic ARN."
  }

  validation {
    condition = var.alarms == null || alltrue([for alarm in try([var.alarms.executions_failed, var.alarms.executions_timed_out, var.alarms.execution_throttled], []) :
    alarm == null || try(alarm.threshold >= 1 && alarm.evaluation_periods >= 1 && contains([60, 300, 900, 3600], alarm.period), false)])
    error_message = "alarms must each have threshold and evaluation_periods of at least 1 and a period of 60, 300, 900 or 3600 seconds."
  }
}

variable "callback_sends_heartbeats" {
  description = "Whether callback_policy_json grants SendTaskHeartbeat too: only for workers that report progress on long tasks (a task with HeartbeatSeconds)."
  type        = bool
  default     = false
  nullable    = false
}
