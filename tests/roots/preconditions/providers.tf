# The fixed part of the shared root `preconditions`: staging adds every module's
# preconditions.yml cases as <module>.tf.json (harness/terraform/roots.py). Inputs
# valid one by one but wrong together; planned once, it must fail with each message.
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
