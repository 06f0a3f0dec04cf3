variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are empty."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Topic name (without '.fifo'; the module adds it for a FIFO topic). Queues are named '<name>-<subscriber>' and '<name>-<subscriber>-dlq'."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name))
    error_message = "name must be 1-40 letters, digits, '-' or '_' (queue names '<name>-<subscriber>-dlq.fifo' must stay within SQS's 80 characters)."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "fifo" {
  description = "FIFO topic (ordered, exactly-once per message group); every subscriber queue is then FIFO too."
  type        = bool
  default     = false
  nullable    = false
}

variable "content_based_deduplication" {
  description = "FIFO only: deduplicate by a hash of the message body when the publisher gives no deduplication id."
  type        = bool
  default     = false
  nullable    = false
}

variable "topic_kms_key_id" {
  description = <<-EOT
    KMS key (id, ARN or alias) that encrypts the topic. Null (default): the AWS-managed key
    alias/aws/sns, unless publishers names a service or another account: their use of the key
    must be in its policy, which the AWS-managed key's cannot be, so the module then creates a
    customer managed key (rotation on) whose policy admits exactly those publishers.
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.topic_kms_key_id == null || length(coalesce(var.topic_kms_key_id, "-")) > 0
    error_message = "topic_kms_key_id must name a key, or be null: the topic is always encrypted."
  }
}

variable "queue_kms_key_id" {
  description = "Customer-managed KMS key ARN for the queues; its key policy must let sns.amazonaws.com use it, and each consumer's role gets kms:Decrypt on it. Null: SSE-SQS (SNS cannot deliver into queues under the AWS-managed aws/sqs key)."
  type        = string
  default     = null

  validation {
    condition     = var.queue_kms_key_id == null || !can(regex("alias/aws/sqs$", coalesce(var.queue_kms_key_id, "-")))
    error_message = "queue_kms_key_id cannot be alias/aws/sqs: SNS is not allowed to use that AWS-managed key, so deliveries would be silently lost. Use a customer-managed key or null (SSE-SQS)."
  }

  validation {
    condition     = var.queue_kms_key_id == null || can(regex("alias/aws/sqs$", coalesce(var.queue_kms_key_id, "-"))) || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", coalesce(var.queue_kms_key_id, "-")))
    error_message = "queue_kms_key_id must be a KMS key ARN, arn:aws:kms:<region>:<account>:key/<id>: each consumer's role is granted kms:Decrypt on it, which an alias or a bare key id cannot name."
  }
}

variable "publishers" {
  description = <<-EOT
    Who may publish, written into the topic policy. services: AWS service principals, each limited
    to its source ARNs (aws:SourceArn). principals: IAM ARNs or account ids (other accounts; principals
    of this account publish through their own IAM policies). Empty: the topic keeps SNS's default policy.
  EOT
  type = object({
    services = optional(map(object({
      service     = string
      source_arns = list(string)
    })), {})
    principals = optional(list(string), [])
  })
  default = {}

  validation {
    condition     = alltrue([for p in values(var.publishers.services) : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", p.service))])
    error_message = "publishers.services[*].service must be a service principal such as 'events.amazonaws.com'."
  }

  validation {
    condition     = alltrue([for p in values(var.publishers.services) : length(p.source_arns) > 0 && alltrue([for a in p.source_arns : can(regex("^arn:", a))])])
    error_message = "publishers.services[*].source_arns must list at least one ARN: a service may publish only on behalf of named resources."
  }

  validation {
    condition     = alltrue([for p in values(var.publishers.services) : alltrue([for a in p.source_arns : !can(regex("[*?]", a))])])
    error_message = "publishers.services[*].source_arns must each name one resource: '*' and '?' would admit every matching bucket, rule or alarm."
  }

  validation {
    condition     = alltrue([for p in var.publishers.principals : can(regex("^([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+))$", p))])
    error_message = "publishers.principals must be 12-digit account ids or IAM role, user or root ARNs."
  }

  validation {
    condition     = alltrue([for key in keys(var.publishers.services) : can(regex("^[A-Za-z0-9]+$", key))])
    error_message = "publishers.services keys become statement Sids: letters and digits only."
  }
}

variable "subscribers" {
  description = <<-EOT
    One entry per consumer: its queue, dead-letter queue, subscription and (optional) consumer Lambda.
    filter_policy is a JSON object matched against message attributes or, with
    filter_policy_scope = "MessageBody", against the JSON body.
  EOT
  type = map(object({
    fifo_queue                    = optional(bool)
    raw_message_delivery          = optional(bool, true)
    filter_policy                 = optional(string)
    filter_policy_scope           = optional(string, "MessageAttributes")
    visibility_timeout_seconds    = optional(number, 30)
    message_retention_seconds     = optional(number, 345600)
    receive_wait_time_seconds     = optional(number, 20)
    max_receive_count             = optional(number, 5)
    dlq_message_retention_seconds = optional(number, 1209600)
    consumer = optional(object({
      handler                            = string
      package_path                       = string
      runtime                            = optional(string, "python3.12")
      layers                             = optional(map(object({ path = string })), {})
      layer_arns                         = optional(list(string), [])
      memory_size                        = optional(number, 256)
      timeout                            = optional(number, 30)
      reserved_concurrent_executions     = optional(number, -1)
      environment_variables              = optional(map(string), {})
      batch_size                         = optional(number, 10)
      maximum_batching_window_in_seconds = optional(number, 0)
      maximum_concurrency                = optional(number)
      report_batch_item_failures         = optional(bool, true)
      log_retention_in_days              = optional(number, 365)
      policy_statements = optional(map(object({
        effect    = optional(string, "Allow")
        actions   = list(string)
        resources = list(string)
        conditions = optional(list(object({
          test     = string
          variable = string
          values   = list(string)
        })), [])
      })), {})
    }))
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.subscribers) : can(regex("^[a-z0-9_-]{1,30}$", key))])
    error_message = "subscribers key \"${join("\", \"", [for key in keys(var.subscribers) : key if !(can(regex("^[a-z0-9_-]{1,30}$", key)))])}\" cannot be used: keys must be 1-30 lowercase letters, digits, '-' or '_' (they are part of queue names)."
  }

  validation {
    condition     = alltrue([for s in values(var.subscribers) : s.filter_policy == null || can(keys(jsondecode(s.filter_policy)))])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.filter_policy == null || can(keys(jsondecode(s.filter_policy))))])}\"].filter_policy must be a JSON object, e.g. jsonencode({ status = [\"PAID\"] })."
  }

  validation {
    condition     = alltrue([for s in values(var.subscribers) : contains(["MessageAttributes", "MessageBody"], s.filter_policy_scope)])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(contains(["MessageAttributes", "MessageBody"], s.filter_policy_scope))])}\"].filter_policy_scope must be 'MessageAttributes' or 'MessageBody'."
  }

  validation {
    condition     = alltrue([for s in values(var.subscribers) : s.max_receive_count >= 1 && s.max_receive_count <= 1000])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.max_receive_count >= 1 && s.max_receive_count <= 1000)])}\"].max_receive_count must be from 1 to 1000 (receives before a message moves to the dead-letter queue)."
  }

  validation {
    condition = alltrue([for s in values(var.subscribers) :
      s.visibility_timeout_seconds >= 0 && s.visibility_timeout_seconds <= 43200 &&
      s.message_retention_seconds >= 60 && s.message_retention_seconds <= 1209600 &&
      s.dlq_message_retention_seconds >= 60 && s.dlq_message_retention_seconds <= 1209600 &&
      s.receive_wait_time_seconds >= 0 && s.receive_wait_time_seconds <= 20
    ])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.visibility_timeout_seconds >= 0 && s.visibility_timeout_seconds <= 43200 && s.message_retention_seconds >= 60 && s.message_retention_seconds <= 1209600 && s.dlq_message_retention_seconds >= 60 && s.dlq_message_retention_seconds <= 1209600 && s.receive_wait_time_seconds >= 0 && s.receive_wait_time_seconds <= 20)])}\"]: visibility_timeout_seconds 0-43200, message_retention_seconds and dlq_message_retention_seconds 60-1209600, receive_wait_time_seconds 0-20."
  }

  validation {
    condition     = alltrue([for s in values(var.subscribers) : s.dlq_message_retention_seconds >= s.message_retention_seconds])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.dlq_message_retention_seconds >= s.message_retention_seconds)])}\"].dlq_message_retention_seconds must be at least message_retention_seconds: SQS keeps a message's original age in the dead-letter queue, so a shorter retention there deletes it on arrival."
  }

  validation {
    condition = alltrue([for s in values(var.subscribers) :
      s.consumer == null || s.visibility_timeout_seconds >= 6 * try(s.consumer.timeout, 0)
    ])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.consumer == null || s.visibility_timeout_seconds >= 6 * try(s.consumer.timeout, 0))])}\"]: visibility_timeout_seconds must be at least 6 times the consumer's timeout (AWS's advice for Lambda on SQS), or messages are received again while still being processed."
  }

  validation {
    condition = alltrue([for s in values(var.subscribers) :
      s.consumer == null || try(s.consumer.batch_size >= 1 && s.consumer.batch_size <= 10000 && s.consumer.maximum_batching_window_in_seconds >= 0 && s.consumer.maximum_batching_window_in_seconds <= 300, false)
    ])
    error_message = "subscribers[\"${join("\", \"", [for k, s in var.subscribers : k if !(s.consumer == null || try(s.consumer.batch_size >= 1 && s.consumer.batch_size <= 10000 && s.consumer.maximum_batching_window_in_seconds >= 0 && s.consumer.maximum_batching_window_in_seconds <= 300, false))])}\"].consumer: batch_size 1-10000 and maximum_batching_window_in_seconds 0-300."
  }
}
