terraform {
  # 1.11: db_user's password is ephemeral and written to its secret write-only (db_user.tf).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.88: secret_string_wo and the ephemeral aws_secretsmanager_random_password.
      version = ">= 5.88, < 7.0"
    }
  }
}
