output "bucket" {
  description = "The bucket's name (its id), for notifications, policies and the SDK."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "The bucket's ARN."
  value       = aws_s3_bucket.this.arn
}

output "regional_domain_name" {
  description = "The bucket's regional domain name, for a CloudFront origin."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "policy_json" {
  description = "The bucket policy as applied: the caller's statements and DenyInsecureTransport."
  value       = aws_s3_bucket_policy.this.policy
}
