resource "aws_dynamodb_table" "orders" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.orders
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  # The pipe's source; the processor needs the new image, the audit trail the old one.
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "order_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "customers" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.customers
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

# One item per status change of an order; the processor writes "status#PROCESSING".
resource "aws_dynamodb_table" "audit" {
  #checkov:skip=CKV_AWS_119:Encrypted at rest with the AWS-managed key; a customer-managed key adds a key policy this example would have to own.
  name         = local.table_names.audit
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"
  range_key    = "entry"

  attribute {
    name = "order_id"
    type = "S"
  }

  attribute {
    name = "entry"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
