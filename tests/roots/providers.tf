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

# Lambda@Edge (modules/lambda-at-edge) is created in us-east-1 through this alias;
# the other one proves the module refuses a provider in another region.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}

locals {
  build   = "../../../build"
  account = "123456789012"
  region  = "us-east-1"
}
