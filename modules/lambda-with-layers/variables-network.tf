################################################################################
# Network
################################################################################

variable "vpc_subnet_ids" {
  description = "Subnets for the function's ENIs (private subnets). Empty: the function runs outside any VPC."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "vpc_security_group_ids" {
  description = "Security groups for the function's ENIs. Required with vpc_subnet_ids."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "replace_security_groups_on_destroy" {
  description = "On destroy, move the function's ENIs to the VPC's default security group (or replacement_security_group_ids) so the security groups can be deleted at once instead of waiting up to an hour for Lambda to release the ENIs."
  type        = bool
  default     = true
  nullable    = false
}

variable "replacement_security_group_ids" {
  description = "Security groups that take over the ENIs on destroy (with replace_security_groups_on_destroy). Empty: the VPC's default group."
  type        = list(string)
  default     = []
  nullable    = false
}
