variable "bucket" {
  description = "The bucket's name (globally unique: callers usually add the account and region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket)) && !can(regex("\\.\\.|^xn--|-s3alias$|--ol-s3$", var.bucket))
    error_message = "bucket: S3 names are 3-63 characters of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit, with no '..', no 'xn--' prefix and no '-s3alias' or '--ol-s3' suffix."
  }
}

variable "force_destroy" {
  description = "Whether destroy empties the bucket first (every version). Off, a bucket with objects refuses to be destroyed."
  type        = bool
  default     = false
  nullable    = false
}

variable "encryption" {
  description = "Default encryption. sse_algorithm \"aws:kms\" (the default) with kms_key_arn null uses the AWS managed key aws/s3, which every principal of the account may use through S3; \"AES256\" (SSE-S3) is for readers that cannot use KMS, such as CloudFront's origin access control with aws/s3."
  type = object({
    sse_algorithm = optional(string, "aws:kms")
    kms_key_arn   = optional(string)
  })
  # Written out, not {}: checkov's HCL scan reads a default literally, not through optional().
  default  = { sse_algorithm = "aws:kms", kms_key_arn = null }
  nullable = false

  validation {
    condition     = contains(["aws:kms", "AES256"], var.encryption.sse_algorithm)
    error_message = "encryption.sse_algorithm: \"${var.encryption.sse_algorithm}\" is not one S3 takes here; use \"aws:kms\" or \"AES256\"."
  }
  validation {
    condition     = var.encryption.kms_key_arn == null || (var.encryption.sse_algorithm == "aws:kms" && can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", coalesce(var.encryption.kms_key_arn, "-"))))
    error_message = "encryption.kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>, with sse_algorithm \"aws:kms\" (AES256 takes no key)."
  }
}

variable "lifecycle_rules" {
  description = "Lifecycle rules by id, beside the module's own rule that aborts incomplete uploads. prefix null: the whole bucket. Each rule expires current objects (expiration_days), replaced and deleted versions (noncurrent_version_expiration_days), or both."
  type = map(object({
    prefix                             = optional(string)
    expiration_days                    = optional(number)
    noncurrent_version_expiration_days = optional(number)
  }))
  default = {
    # The bucket is versioned: without this, every overwrite is kept and paid for forever.
    replaced-versions-kept-a-month = { noncurrent_version_expiration_days = 30 }
  }
  nullable = false

  validation {
    condition     = alltrue([for rule in values(var.lifecycle_rules) : rule.expiration_days != null || rule.noncurrent_version_expiration_days != null])
    error_message = "lifecycle_rules: a rule expires nothing (${join(", ", [for id, rule in var.lifecycle_rules : "\"${id}\"" if rule.expiration_days == null && rule.noncurrent_version_expiration_days == null])}); set expiration_days, noncurrent_version_expiration_days or both."
  }
  validation {
    condition = alltrue(flatten([for rule in values(var.lifecycle_rules) : [
      for days in [rule.expiration_days, rule.noncurrent_version_expiration_days] : days == null || try(days >= 1 && floor(days) == days, false)
    ]]))
    error_message = "lifecycle_rules: ${join(", ", [for id, rule in var.lifecycle_rules : "\"${id}\"" if anytrue([for days in [rule.expiration_days, rule.noncurrent_version_expiration_days] : days != null && !try(days >= 1 && floor(days) == days, false)])])}: days are whole numbers from 1."
  }
  validation {
    condition     = alltrue([for id in keys(var.lifecycle_rules) : length(id) <= 255 && id != "abort-incomplete-uploads"])
    error_message = "lifecycle_rules: a rule id is at most 255 characters, and \"abort-incomplete-uploads\" is the module's own rule."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which S3 aborts a multipart upload that was never completed, in the whole bucket: its parts are stored and billed until then."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "abort_incomplete_multipart_upload_days: a whole number of days from 1, got ${var.abort_incomplete_multipart_upload_days}."
  }
}

variable "policy_documents" {
  description = "IAM policy documents (JSON) whose statements join the bucket policy, such as a service's read through an origin access control. The module adds DenyInsecureTransport itself; a statement with that Sid is refused by IAM's merge."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
  nullable    = false
}
