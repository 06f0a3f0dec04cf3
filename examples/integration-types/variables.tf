variable "name" {
  description = "Name of the API; functions, queues and the load balancer are named after it."
  type        = string
  default     = "integration-types"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.name))
    error_message = "name must be 3-20 lowercase letters, digits or '-' (the load balancer name adds 9)."
  }
}

variable "kinds" {
  description = "Route kinds to deploy: any of LAMBDA_PROXY, LAMBDA, MOCK, HTTP_PROXY, HTTP, PRIVATE, AWS_SERVICE."
  type        = set(string)
  default     = ["LAMBDA_PROXY", "LAMBDA", "MOCK", "HTTP_PROXY", "HTTP", "PRIVATE", "AWS_SERVICE"]

  validation {
    condition     = length(var.kinds) > 0 && alltrue([for k in var.kinds : contains(["LAMBDA_PROXY", "LAMBDA", "MOCK", "HTTP_PROXY", "HTTP", "PRIVATE", "AWS_SERVICE"], k)])
    error_message = "kinds must be a non-empty set of LAMBDA_PROXY, LAMBDA, MOCK, HTTP_PROXY, HTTP, PRIVATE, AWS_SERVICE."
  }
}

variable "http_backend_url" {
  description = "The existing HTTP service the HTTP routes call (no trailing slash)."
  type        = string
  default     = "https://httpbin.org"

  validation {
    condition     = can(regex("^https?://[^/]+(/.*[^/])?$", var.http_backend_url))
    error_message = "http_backend_url must be an http:// or https:// URL without a trailing slash."
  }
}

variable "mock_version" {
  description = "Version string the mock /status route reports."
  type        = string
  default     = "2026.11"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC the private route's load balancer lives in."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be an IPv4 CIDR of /24 or larger."
  }
}

variable "tags" {
  description = "Tags for every resource (the provider's default_tags)."
  type        = map(string)
  default     = { example = "integration-types" }
}
