# The constraints every module and example in this library shares. Each module
# repeats them in its own versions.tf so it can be consumed on its own.
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 7.0"
    }
  }
}
