"""examples/web-service: a public web service on Fargate behind an Application Load Balancer.

moto runs no containers and serves no load balancer: nothing can answer an HTTP request
here. So the walk follows the path a request would take on AWS through what was deployed,
read back from the emulator: the load balancer's listener, its target group, the service
that registers its tasks there, the task that would answer, and how the service scales.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import boto3

from harness.scenarios import Narrator, Stage

USE_CASE = "a public web service: nginx tasks on Fargate behind a load balancer, scaling 1-4 (ALB -> ECS)"
EMULATOR = "moto"


@dataclass
class Route:
    listener: dict
    target_group: dict
    service: dict
    task_definition: dict
    scaling: dict = field(default_factory=dict)  # min, max, and the target of each tracked metric


def walk(stage: Stage, say: Narrator) -> Route:
    out = stage.outputs
    elbv2, ecs, autoscaling = boto3.client("elbv2"), boto3.client("ecs"), boto3.client("application-autoscaling")
    say.step(f"A visitor opens {out['url']} (on AWS; moto serves no load balancer, so the path is read back)")
    [listener] = elbv2.describe_listeners(LoadBalancerArn=out["alb_arn"])["Listeners"]
    [group] = elbv2.describe_target_groups(TargetGroupArns=[out["target_group_arn"]])["TargetGroups"]
    say.detail(f"load balancer {out['alb_dns_name']}: {listener['Protocol']} {listener['Port']} forwards to")
    say.detail(
        f"target group {group['TargetGroupName']}: {group['TargetType']} targets on port {group['Port']}, "
        f"health check {group['HealthCheckPath']}"
    )

    say.step("The service keeps its tasks registered there")
    [service] = ecs.describe_services(cluster=out["cluster_arn"], services=[out["service_name"]])["services"]
    network = service["networkConfiguration"]["awsvpcConfiguration"]
    strategy = ", ".join(f"{p['capacityProvider']} weight {p.get('weight', 0)}" for p in
                         service.get("capacityProviderStrategy", []))  # fmt: skip
    # moto keeps no capacity provider strategy and reports EC2 (harness/emulators/overrides/moto/).
    launch = strategy or "capacity providers as planned (moto does not keep the strategy)"
    say.detail(f"service {service['serviceName']}: {service['desiredCount']} task(s) wanted, on {launch}")
    say.detail(f"in private subnets {', '.join(network['subnets'])}, public IP {network['assignPublicIp']}")
    task = ecs.describe_task_definition(taskDefinition=out["task_definition_arn"])["taskDefinition"]
    [container] = task["containerDefinitions"]
    say.detail(
        f"task {task['family']}:{task['revision']}: {container['image']} on port "
        f"{container['portMappings'][0]['containerPort']}, {task['cpu']} CPU units, {task['memory']} MiB, "
        f"read-only root {container.get('readonlyRootFilesystem', False)}"
    )

    say.step("How the service scales")
    resource_id = f"service/{out['cluster_arn'].split('/')[-1]}/{out['service_name']}"
    [target] = autoscaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])[
        "ScalableTargets"
    ]
    route = Route(listener, group, service, task, {"min": target["MinCapacity"], "max": target["MaxCapacity"]})
    say.detail(f"{target['MinCapacity']} to {target['MaxCapacity']} tasks")
    for policy in autoscaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)[
        "ScalingPolicies"
    ]:
        config = policy["TargetTrackingScalingPolicyConfiguration"]
        metric = config["PredefinedMetricSpecification"]["PredefinedMetricType"]
        route.scaling[metric] = config["TargetValue"]
        say.detail(f"tracks {metric} at {config['TargetValue']:g}")
    return route
