# A stream pipe with the module's dead-letter queue: aws_sqs_queue.dead_letter in 0.1.0,
# aws_sqs_queue.pipe_dead_letter since (modules/pipes-pipeline/dead_letter.tf). Names unique in the
# repository: checkov's plan enrichment (tools/policy.py) matches skips by address.
resource "aws_dynamodb_table" "moved_case_orders" {
  name             = "moved-orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "order_id"
  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"

  attribute {
    name = "order_id"
    type = "S"
  }
}

resource "aws_sqs_queue" "moved_case_target" {
  name                    = "moved-orders-out"
  sqs_managed_sse_enabled = true
}

module "subject" {
  source = "./library/pipes-pipeline"

  name        = "moved-pipe"
  pipe_source = { dynamodb_stream = { stream_arn = aws_dynamodb_table.moved_case_orders.stream_arn } }
  target      = { arn = aws_sqs_queue.moved_case_target.arn }
}
