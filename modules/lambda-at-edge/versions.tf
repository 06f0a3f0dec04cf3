# Lambda@Edge functions live in us-east-1 only: the caller passes a provider configured
# for it (aws.us_east_1), whatever region the rest of its root uses.
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 7.0"

      configuration_aliases = [aws.us_east_1]
    }
  }
}
