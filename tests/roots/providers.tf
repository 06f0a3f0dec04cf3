# The fixed part of each shared root (plan, invalid, preconditions): staging adds the
# module and example cases beside it (harness/terraform/roots.py), and each root is
# planned once per test session. Literal ARNs in the cases keep IAM policies known at
# plan time, so statements can be asserted one by one.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 7.0"
    }
  }
}

provider "aws" {}

locals {
  build   = "../../../build"
  account = "123456789012"
  region  = "us-east-1"
}
