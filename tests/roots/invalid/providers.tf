# Every module call here is given one bad input; the tests plan this root once
# (it must fail) and check that each call fails with its own clear message.
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
