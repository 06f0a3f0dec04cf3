output "cluster_arn" {
  description = "ARN of the cluster the service runs in (created or given)."
  value       = var.create ? local.cluster_arn : null
}

output "cluster_name" {
  description = "Name of the cluster the service runs in."
  value       = var.create ? local.cluster_name : null
}

output "service_arn" {
  description = "ARN of the ECS service."
  value       = try(local.service.id, null)
}

output "service_name" {
  description = "Name of the ECS service."
  value       = try(local.service.name, null)
}

output "task_definition_arn" {
  description = "ARN (with revision) of the task definition Terraform registered (with ignore_task_definition_changes, the service may run a later revision the pipeline registered)."
  value       = try(aws_ecs_task_definition.this[0].arn, null)
}

output "task_definition_family" {
  description = "Family of the task definition: where a deployment pipeline registers its revisions (with ignore_task_definition_changes)."
  value       = try(aws_ecs_task_definition.this[0].family, null)
}

output "task_role_arn" {
  description = "Role the application's containers run as (grant it more with task_role_statements)."
  value       = try(aws_iam_role.task[0].arn, null)
}

output "execution_role_arn" {
  description = "Role ECS uses to pull images, write logs and read the listed secrets."
  value       = try(aws_iam_role.execution[0].arn, null)
}

output "alb_arn" {
  description = "ARN of the created load balancer."
  value       = try(aws_lb.this[0].arn, null)
}

output "alb_dns_name" {
  description = "DNS name of the created load balancer (point a CNAME or alias at it)."
  value       = try(aws_lb.this[0].dns_name, null)
}

output "alb_zone_id" {
  description = "Hosted zone of the created load balancer, for a Route 53 alias."
  value       = try(aws_lb.this[0].zone_id, null)
}

output "target_group_arn" {
  description = "ARN of the service's target group."
  value       = try(aws_lb_target_group.this[0].arn, null)
}

output "listener_arns" {
  description = "Listeners of the created load balancer by protocol (http, and https with a certificate)."
  value = local.create_alb ? {
    http  = try(aws_lb_listener.http_redirect[0].arn, aws_lb_listener.http_forward[0].arn)
    https = try(aws_lb_listener.https[0].arn, null)
  } : {}
}

output "security_group_ids" {
  description = "Security groups: alb (created, or the existing one given) and tasks."
  value = var.create ? {
    alb   = local.alb_security_group_id
    tasks = aws_security_group.tasks[0].id
  } : {}
}

output "log_group_name" {
  description = "Log group of the containers (one stream prefix per container)."
  value       = try(aws_cloudwatch_log_group.this[0].name, null)
}

output "log_group_arn" {
  description = "ARN of the containers' log group."
  value       = try(aws_cloudwatch_log_group.this[0].arn, null)
}

output "autoscaling_resource_id" {
  description = "Application Auto Scaling resource ID of the service (service/<cluster>/<service>), for more policies."
  value       = try(aws_appautoscaling_target.this[0].resource_id, null)
}
