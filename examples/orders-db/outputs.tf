output "invoke_url" {
  description = "Base URL of the API (IAM-signed requests)."
  value       = module.api.invoke_url
}

output "proxy_endpoint" {
  description = "The RDS Proxy endpoint the function connects to."
  value       = module.orders_db.proxy_endpoint
}

output "function_name" {
  description = "The orders API function."
  value       = module.orders_db.function_name
}

output "secret_arn" {
  description = "Master credentials (RDS-managed), for the schema migration."
  value       = module.orders_db.secret_arn
}

output "db_user_secret_arn" {
  description = "The password orders_api logs in with, read by the proxy: set it in the database once (README)."
  value       = module.orders_db.db_user_secret_arn
}

output "vpc_id" {
  description = "The VPC."
  value       = module.orders_db.vpc_id
}

output "security_group_ids" {
  description = "Function, proxy, database and endpoint security groups."
  value       = module.orders_db.security_group_ids
}

output "db_user_arn" {
  description = "The one database user the function may connect as."
  value       = module.orders_db.db_user_arn
}

output "rest_api_id" {
  description = "The API's ID."
  value       = module.api.rest_api_id
}
