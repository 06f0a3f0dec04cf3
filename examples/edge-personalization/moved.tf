# Written out in the example before modules/private-bucket; the state moves with no replacement.
moved {
  from = aws_s3_bucket.product_images
  to   = module.product_images.aws_s3_bucket.this
}
moved {
  from = aws_s3_bucket_ownership_controls.product_images
  to   = module.product_images.aws_s3_bucket_ownership_controls.this
}
moved {
  from = aws_s3_bucket_public_access_block.product_images
  to   = module.product_images.aws_s3_bucket_public_access_block.this
}
moved {
  from = aws_s3_bucket_server_side_encryption_configuration.product_images
  to   = module.product_images.aws_s3_bucket_server_side_encryption_configuration.this
}
moved {
  from = aws_s3_bucket_versioning.product_images
  to   = module.product_images.aws_s3_bucket_versioning.this
}
moved {
  from = aws_s3_bucket_lifecycle_configuration.product_images
  to   = module.product_images.aws_s3_bucket_lifecycle_configuration.this
}
moved {
  from = aws_s3_bucket_policy.product_images
  to   = module.product_images.aws_s3_bucket_policy.this
}
