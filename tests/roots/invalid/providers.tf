# The fixed part of the shared root `invalid`: staging adds every module's invalid.yml
# cases as <module>.tf.json (harness/terraform/roots.py), one bad input per module call;
# the tests plan it once (it must fail) and check each call's own clear message.
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
