output "url" {
  description = "Where the service answers."
  value       = "${var.certificate_arn == null ? "http" : "https"}://${module.web.alb_dns_name}/"
}

output "vpc_id" {
  description = "The VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Subnets the tasks run in."
  value       = [for zone in local.zones : aws_subnet.private[zone].id]
}

output "cluster_arn" {
  description = "The ECS cluster."
  value       = module.web.cluster_arn
}

output "service_name" {
  description = "The ECS service."
  value       = module.web.service_name
}

output "task_definition_arn" {
  description = "The task definition."
  value       = module.web.task_definition_arn
}

output "alb_arn" {
  description = "The load balancer."
  value       = module.web.alb_arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.web.alb_dns_name
}

output "target_group_arn" {
  description = "The target group tasks register in."
  value       = module.web.target_group_arn
}

output "security_group_ids" {
  description = "Security groups of the load balancer and the tasks."
  value       = module.web.security_group_ids
}

output "log_group_name" {
  description = "Where nginx logs."
  value       = module.web.log_group_name
}

output "task_role_arn" {
  description = "The application's role."
  value       = module.web.task_role_arn
}

output "execution_role_arn" {
  description = "ECS's role for the task (pull, logs)."
  value       = module.web.execution_role_arn
}
