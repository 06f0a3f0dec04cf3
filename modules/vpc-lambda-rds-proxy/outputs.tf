output "vpc_id" {
  description = "The VPC (created or given)."
  value       = var.create ? local.vpc_id : null
}

output "private_subnet_ids" {
  description = "Subnets of the function, proxy and database."
  value       = var.create ? local.private_subnet_ids : []
}

output "public_subnet_ids" {
  description = "Public subnets (NAT gateways live here); empty without NAT."
  value       = [for subnet in aws_subnet.public : subnet.id]
}

output "security_group_ids" {
  description = "Security groups by role: function, proxy, database, endpoints."
  value = var.create ? {
    function  = aws_security_group.function[0].id
    proxy     = aws_security_group.proxy[0].id
    database  = aws_security_group.database[0].id
    endpoints = try(aws_security_group.endpoints[0].id, null)
  } : null
}

output "vpc_endpoint_ids" {
  description = "Interface endpoints by service."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}

output "proxy_endpoint" {
  description = "Host the function connects to (TLS, IAM token)."
  value       = try(aws_db_proxy.this[0].endpoint, null)
}

output "proxy_arn" {
  description = "The proxy's ARN."
  value       = try(aws_db_proxy.this[0].arn, null)
}

output "db_user_arn" {
  description = "The rds-db:connect resource the function is granted (dbuser:<proxy resource id>/<db_user>)."
  value       = var.create ? local.db_user_arn : null
}

output "secret_arn" {
  description = "The master credentials RDS manages in Secrets Manager."
  value       = var.create ? local.secret_arn : null
}

output "db_user_secret_arn" {
  description = "The secret of db_user the proxy logs in with; its password is the one to set in the database (CREATE ROLE ... PASSWORD)."
  value       = try(aws_secretsmanager_secret.db_user[0].arn, null)
}

output "database_identifier" {
  description = "The RDS instance or Aurora cluster identifier."
  value       = var.create ? (local.aurora ? aws_rds_cluster.this[0].cluster_identifier : aws_db_instance.this[0].identifier) : null
}

output "database_port" {
  description = "The database port (5432 or 3306)."
  value       = var.create ? local.port : null
}

output "function_arn" {
  description = "The function's ARN."
  value       = module.function.function_arn
}

output "function_name" {
  description = "The function's name."
  value       = module.function.function_name
}

output "function_role_name" {
  description = "The function's execution role, for extra policies."
  value       = module.function.role_name
}
