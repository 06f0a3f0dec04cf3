variable "name" {
  description = "Name of the function; the bucket is '<name>-<account>-<region>'."
  type        = string
  default     = "thumbnails"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,30}$", var.name))
    error_message = "name must be 3-30 lowercase letters, digits or '-' (it is part of the bucket name)."
  }
}

variable "source_prefix" {
  description = "Uploads under this prefix get a thumbnail."
  type        = string
  default     = "images/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.source_prefix))
    error_message = "source_prefix must be a key prefix ending in '/', e.g. 'images/'."
  }
}

variable "thumbnail_prefix" {
  description = "Thumbnails are written under this prefix. Must not overlap source_prefix, or thumbnails would trigger the function again."
  type        = string
  default     = "thumbnails/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.thumbnail_prefix))
    error_message = "thumbnail_prefix must be a key prefix ending in '/', e.g. 'thumbnails/'."
  }
}

variable "max_dimension" {
  description = "Longest side of a thumbnail, in pixels."
  type        = number
  default     = 256

  validation {
    condition     = var.max_dimension >= 16 && var.max_dimension <= 2048
    error_message = "max_dimension must be from 16 to 2048 pixels."
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
  default     = { example = "thumbnails" }
}
