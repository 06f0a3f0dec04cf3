# Written out in the example before modules/private-bucket; the state moves with no replacement.
moved {
  from = aws_s3_bucket.images
  to   = module.images.aws_s3_bucket.this
}
moved {
  from = aws_s3_bucket_ownership_controls.images
  to   = module.images.aws_s3_bucket_ownership_controls.this
}
moved {
  from = aws_s3_bucket_public_access_block.images
  to   = module.images.aws_s3_bucket_public_access_block.this
}
moved {
  from = aws_s3_bucket_server_side_encryption_configuration.images
  to   = module.images.aws_s3_bucket_server_side_encryption_configuration.this
}
moved {
  from = aws_s3_bucket_versioning.images
  to   = module.images.aws_s3_bucket_versioning.this
}
moved {
  from = aws_s3_bucket_lifecycle_configuration.images
  to   = module.images.aws_s3_bucket_lifecycle_configuration.this
}
moved {
  from = aws_s3_bucket_policy.images
  to   = module.images.aws_s3_bucket_policy.this
}
