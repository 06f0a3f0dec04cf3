variable "queues" {
  description = <<-EOT
    Queues by key, each with its own dead-letter queue. name: the queue's name (with ".fifo" for
    a FIFO queue); the dead-letter queue is "<name>-dlq" unless dead_letter_name says otherwise.
    kms_key_id null: SSE-SQS, which every AWS service that sends to queues can use. senders: AWS
    service principals allowed to send, each limited to its source ARNs (and account), by Sid;
    to_dead_letter also admits the service to the dead-letter queue (SNS's subscription redrive).
  EOT
  type = map(object({
    name                          = string
    dead_letter_name              = optional(string)
    fifo_queue                    = optional(bool, false)
    visibility_timeout_seconds    = optional(number, 30)
    message_retention_seconds     = optional(number, 345600)
    receive_wait_time_seconds     = optional(number, 0)
    max_receive_count             = optional(number, 5)
    dead_letter_retention_seconds = optional(number, 1209600) # 14 days, the most SQS keeps: time to inspect and redrive
    kms_key_id                    = optional(string)
    senders = optional(map(object({
      service        = string
      source_arns    = list(string)
      source_account = optional(string)
      to_dead_letter = optional(bool, false)
    })), {})
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for q in values(var.queues) : endswith(q.name, ".fifo") == q.fifo_queue])
    error_message = "queues: ${join(", ", [for key, q in var.queues : "\"${key}\"" if endswith(q.name, ".fifo") != q.fifo_queue])}: a FIFO queue's name ends in \".fifo\", and only a FIFO queue's does."
  }
  validation {
    condition     = alltrue(flatten([for q in values(var.queues) : [for s in values(q.senders) : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", s.service)) && length(s.source_arns) > 0]]))
    error_message = "queues: each sender is a service principal such as \"sns.amazonaws.com\" with at least one source ARN: a service may send only on behalf of named resources."
  }
}

variable "tags" {
  description = "Tags for every queue."
  type        = map(string)
  default     = {}
  nullable    = false
}
