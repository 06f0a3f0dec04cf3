variable "name" {
  description = "Name of the shop's resources: the function, the distribution's policies, and the bucket '<name>-<account>-<region>'."
  type        = string
  default     = "edge-personalization"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,30}$", var.name))
    error_message = "name must be 3-30 lowercase letters, digits or '-' (it is part of the bucket name)."
  }
}

variable "domain_name" {
  description = "The shop's host name (an alias of the distribution). A custom domain is what allows TLS 1.2 as the minimum: with CloudFront's default certificate the minimum stays TLSv1."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as shop.example.com (no scheme, no trailing dot)."
  }
}

variable "acm_certificate_arn" {
  description = "An issued ACM certificate for domain_name, in us-east-1 (CloudFront reads certificates from there only)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>): CloudFront uses no other region's."
  }
}

variable "price_class" {
  description = "CloudFront's price class: PriceClass_100 (North America, Europe, Israel), PriceClass_200 (adds most of Asia, the Middle East and Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"
  nullable    = false

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "web_acl_arn" {
  description = "A WAF web ACL (scope CLOUDFRONT, in us-east-1) for the distribution; null for none."
  type        = string
  default     = null

  validation {
    condition     = var.web_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/", var.web_acl_arn))
    error_message = "web_acl_arn must be a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)."
  }
}

variable "image_cache_seconds" {
  description = "How long CloudFront keeps an image (the cache policies' default TTL); an object's Cache-Control max-age overrides it up to a day."
  type        = number
  default     = 3600
  nullable    = false

  validation {
    condition     = var.image_cache_seconds >= 0 && var.image_cache_seconds <= 86400 && floor(var.image_cache_seconds) == var.image_cache_seconds
    error_message = "image_cache_seconds must be a whole number of seconds from 0 to 86400."
  }
}

variable "force_destroy" {
  description = "Let destroy delete the bucket with its images (for trying the example out)."
  type        = bool
  default     = false
  nullable    = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { example = "edge-personalization" }
  nullable    = false
}
