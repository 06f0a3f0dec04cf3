# Written by the harness into the staged fargate-service for moto runs only; not part of the module.
# moto 5.2.5's CreateService drops the capacity provider strategy (and answers launchType
# EC2 instead), the health check grace period, enableECSManagedTags and
# availabilityZoneRebalancing, and answers a deploymentController and triggers the
# configuration never set, so the next plan would replace the service. Those reads are
# ignored on moto only; the plan tests check the settings themselves. The list replaces
# the module's own ignore_changes, so it repeats desired_count.
resource "aws_ecs_service" "this" {
  lifecycle {
    ignore_changes = [desired_count, capacity_provider_strategy, launch_type, health_check_grace_period_seconds, enable_ecs_managed_tags, availability_zone_rebalancing, deployment_controller, triggers]
  }
}

# The same for the pipeline-owned form, whose revision is the pipeline's (task_definition).
resource "aws_ecs_service" "pipeline_owned" {
  lifecycle {
    ignore_changes = [desired_count, task_definition, capacity_provider_strategy, launch_type, health_check_grace_period_seconds, enable_ecs_managed_tags, availability_zone_rebalancing, deployment_controller, triggers]
  }
}
