# The fixed part of the shared root `plan`: staging adds every tests/modules/<module>/plan.tf
# and one call per example (harness/terraform/roots.py); planned once per test session
# (tests/conftest.py). Each `module` block is one case; the
# tests slice the plan by module address. Literal ARNs keep IAM policies known at
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
