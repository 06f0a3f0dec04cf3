output "bucket_name" {
  description = "The images bucket: upload under images/ (bags as images/bags/<model>.jpg and <model>-<colour>.jpg)."
  value       = module.product_images.bucket
}

output "bucket_arn" {
  description = "The images bucket's ARN."
  value       = module.product_images.arn
}

output "distribution_id" {
  description = "The distribution's ID (for invalidations)."
  value       = aws_cloudfront_distribution.shop.id
}

output "distribution_arn" {
  description = "The distribution's ARN: the only source the bucket policy admits."
  value       = aws_cloudfront_distribution.shop.arn
}

output "distribution_domain_name" {
  description = "The distribution's own host name: the target of domain_name's CNAME or alias record."
  value       = aws_cloudfront_distribution.shop.domain_name
}

output "distribution_hosted_zone_id" {
  description = "The Route 53 zone ID for an alias record to the distribution."
  value       = aws_cloudfront_distribution.shop.hosted_zone_id
}

output "image_url" {
  description = "The URL of a bag image (replace <model>)."
  value       = "https://${var.domain_name}${local.settings.path_prefix}<model>.jpg"
}

output "function_name" {
  description = "The edge function's name (in us-east-1)."
  value       = module.bag_colour.function_name
}

output "function_qualified_arn" {
  description = "The published version the bag images' cache behavior runs on origin request."
  value       = module.bag_colour.function_qualified_arn
}

output "edge_log_group_name" {
  description = "The log group the function writes in each edge region that runs it."
  value       = module.bag_colour.edge_log_group_name
}

output "colour_cookie" {
  description = "The cookie that names the customer's colour, and the colours it may name."
  value       = { name = local.settings.cookie_name, allowed_colours = local.settings.allowed_colours }
}
