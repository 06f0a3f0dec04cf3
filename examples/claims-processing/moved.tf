# Written out in the example before modules/private-bucket; the state moves with no replacement.
moved {
  from = aws_s3_bucket.claims
  to   = module.claims_bucket.aws_s3_bucket.this
}
moved {
  from = aws_s3_bucket_ownership_controls.claims
  to   = module.claims_bucket.aws_s3_bucket_ownership_controls.this
}
moved {
  from = aws_s3_bucket_public_access_block.claims
  to   = module.claims_bucket.aws_s3_bucket_public_access_block.this
}
moved {
  from = aws_s3_bucket_server_side_encryption_configuration.claims
  to   = module.claims_bucket.aws_s3_bucket_server_side_encryption_configuration.this
}
moved {
  from = aws_s3_bucket_versioning.claims
  to   = module.claims_bucket.aws_s3_bucket_versioning.this
}
moved {
  from = aws_s3_bucket_lifecycle_configuration.claims
  to   = module.claims_bucket.aws_s3_bucket_lifecycle_configuration.this
}
moved {
  from = aws_s3_bucket_policy.claims
  to   = module.claims_bucket.aws_s3_bucket_policy.this
}

# Written out in the example before modules/queue-with-dead-letter; the state moves with no replacement.
moved {
  from = aws_sqs_queue.review_requests
  to   = module.review_requests.aws_sqs_queue.this["review_requests"]
}
moved {
  from = aws_sqs_queue.review_requests_dead_letter
  to   = module.review_requests.aws_sqs_queue.dead_letter["review_requests"]
}
moved {
  from = aws_sqs_queue_policy.review_requests
  to   = module.review_requests.aws_sqs_queue_policy.this["review_requests"]
}
moved {
  from = aws_sqs_queue_policy.review_requests_dead_letter
  to   = module.review_requests.aws_sqs_queue_policy.dead_letter["review_requests"]
}
