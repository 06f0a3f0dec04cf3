# Floors above the library's (root versions.tf): db_user's password is ephemeral and written
# to its secret write-only (Terraform 1.11; secret_string_wo and the ephemeral
# aws_secretsmanager_random_password, provider 5.88).
terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.88, < 7.0"
    }
  }
}
