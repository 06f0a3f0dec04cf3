variable "name" {
  description = "Name of the VPC, cluster, service and load balancer."
  type        = string
  default     = "web-service"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,27}[a-z0-9]$", var.name))
    error_message = "name must be 2-29 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC (a /16; each zone gets a /20 public and a /20 private subnet)."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrsubnet(var.vpc_cidr, 4, 15)) && endswith(var.vpc_cidr, "/16")
    error_message = "vpc_cidr must be an IPv4 /16 such as 10.40.0.0/16."
  }
}

variable "image" {
  description = "The web server image (public: pulled through the NAT gateway, no registry credentials)."
  type        = string
  default     = "public.ecr.aws/nginx/nginx:1.27-alpine"
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS; with it, HTTP redirects to HTTPS. null: HTTP only (the example has no domain)."
  type        = string
  default     = null
}

variable "production" {
  description = "Deletion protection on the load balancer (false: an example you can destroy in one step)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { example = "web-service" }
}
