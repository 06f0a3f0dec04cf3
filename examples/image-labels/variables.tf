variable "name" {
  description = "Prefix of the bucket ('<name>-<account>-<region>'), table, queue, function and API."
  type        = string
  default     = "image-labels"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,30}$", var.name))
    error_message = "name must be 3-30 lowercase letters, digits or '-' (it is part of the bucket name)."
  }
}

variable "source_prefix" {
  description = "Uploads under this prefix are labeled."
  type        = string
  default     = "images/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.source_prefix))
    error_message = "source_prefix must be a key prefix ending in '/', e.g. 'images/'."
  }
}

variable "max_labels" {
  description = "The most labels Rekognition returns per image (DetectLabels MaxLabels), 1-49: an image and its index entries are written in one transaction of at most 100 items."
  type        = number
  default     = 20

  validation {
    condition     = var.max_labels >= 1 && var.max_labels <= 49 && floor(var.max_labels) == var.max_labels
    error_message = "max_labels must be a whole number from 1 to 49."
  }
}

variable "min_confidence" {
  description = "Labels under this confidence (percent) are left out (DetectLabels MinConfidence)."
  type        = number
  default     = 80

  validation {
    condition     = var.min_confidence >= 0 && var.min_confidence <= 100
    error_message = "min_confidence must be a percentage from 0 to 100."
  }
}

variable "force_destroy" {
  description = "Delete every object and version with the bucket on destroy. Convenient for an example you try and tear down; set false for a bucket that holds real uploads."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "image-labels" }
}
