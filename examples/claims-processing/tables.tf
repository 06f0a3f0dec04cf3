# One item per claim: status, decision, who decided, amounts, the assessment, the policy
# limits, the execution ARN and an append-only audit list.
resource "aws_dynamodb_table" "claims" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.claims
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "claim_id"

  attribute {
    name = "claim_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# Each customer's policy: policy_id, coverage_limit, auto_approval_limit, deductible.
resource "aws_dynamodb_table" "policies" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.policies
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "customer_id"

  attribute {
    name = "customer_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# The history manager's checkpoints: a summary and a reference per claim, gone after the retention.
resource "aws_dynamodb_table" "context" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.context
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "claim_id"

  attribute {
    name = "claim_id"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
