"""examples/web-service applied on moto: network, cluster, task definition, service,
load balancer and autoscaling, read back from the emulator. moto runs no containers,
so what is checked is the wiring ECS and the load balancer would act on.

moto 5.2.5 does not keep a service's capacity provider strategy, health check grace
period or deployment configuration (circuit breaker); harness/emulator.py lists what the
staged module ignores on moto for that. tests/modules/fargate-service/test_plan.py checks those
settings on the plan, and CKV_ASM_13 (tests/policies/test_checkov.py) the circuit breaker.
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.scenarios import web_service
from policies.deployed import ecs_services, tasks_admitting_more_than_their_load_balancer

pytestmark = pytest.mark.apply


@pytest.fixture(scope="module")
def service(applied) -> dict:
    [found] = boto3.client("ecs").describe_services(
        cluster=applied.outputs["cluster_arn"], services=[applied.outputs["service_name"]]
    )["services"]
    return found


@pytest.fixture(scope="module")
def task_definition(applied) -> dict:
    return boto3.client("ecs").describe_task_definition(taskDefinition=applied.outputs["task_definition_arn"])[
        "taskDefinition"
    ]


def test_cluster_has_container_insights_and_both_fargate_providers(applied):
    [cluster] = boto3.client("ecs").describe_clusters(clusters=[applied.outputs["cluster_arn"]], include=["SETTINGS"])[
        "clusters"
    ]
    assert {"name": "containerInsights", "value": "enabled"} in cluster["settings"]
    assert sorted(cluster["capacityProviders"]) == ["FARGATE", "FARGATE_SPOT"]
    strategy = {
        s["capacityProvider"]: (s.get("base", 0), s["weight"]) for s in cluster["defaultCapacityProviderStrategy"]
    }
    assert strategy == {"FARGATE": (1, 1), "FARGATE_SPOT": (0, 1)}


def test_service_runs_in_private_subnets_without_public_ip_behind_the_target_group(applied, service):
    network = service["networkConfiguration"]["awsvpcConfiguration"]
    assert network["assignPublicIp"] == "DISABLED"
    assert sorted(network["subnets"]) == sorted(applied.outputs["private_subnet_ids"])
    assert network["securityGroups"] == [applied.outputs["security_group_ids"]["tasks"]]
    assert service["loadBalancers"] == [
        {"targetGroupArn": applied.outputs["target_group_arn"], "containerName": "nginx", "containerPort": 80}
    ]
    assert service["desiredCount"] == 1


def test_task_runs_read_only_with_separate_roles_and_logs(applied, task_definition):
    assert (task_definition["cpu"], task_definition["memory"]) == ("256", "512")
    assert task_definition["requiresCompatibilities"] == ["FARGATE"] and task_definition["networkMode"] == "awsvpc"
    assert task_definition["executionRoleArn"] == applied.outputs["execution_role_arn"]
    assert task_definition["taskRoleArn"] == applied.outputs["task_role_arn"]
    assert task_definition["executionRoleArn"] != task_definition["taskRoleArn"]
    [nginx] = task_definition["containerDefinitions"]
    assert nginx["readonlyRootFilesystem"] is True and nginx["essential"] is True
    assert nginx["portMappings"][0]["containerPort"] == 80
    # nginx's writable paths come from task storage, one volume each.
    assert sorted(m["containerPath"] for m in nginx["mountPoints"]) == ["/tmp", "/var/cache/nginx", "/var/run"]
    assert {v["name"] for v in task_definition["volumes"]} == {m["sourceVolume"] for m in nginx["mountPoints"]}
    logs = nginx["logConfiguration"]
    assert logs["logDriver"] == "awslogs" and logs["options"]["awslogs-group"] == applied.outputs["log_group_name"]
    [group] = boto3.client("logs").describe_log_groups(logGroupNamePrefix=applied.outputs["log_group_name"])[
        "logGroups"
    ]
    assert group["retentionInDays"] == 365


def test_execution_role_may_write_its_log_group_only_and_task_role_has_nothing(applied):
    iam = boto3.client("iam")
    execution = applied.outputs["execution_role_arn"].split("/")[-1]
    document = iam.get_role_policy(RoleName=execution, PolicyName=execution)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    [statement] = document["Statement"]
    assert sorted(statement["Action"]) == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"].endswith(f":log-group:{applied.outputs['log_group_name']}:log-stream:*")
    task = applied.outputs["task_role_arn"].split("/")[-1]
    assert iam.list_role_policies(RoleName=task)["PolicyNames"] == []
    assert iam.list_attached_role_policies(RoleName=task)["AttachedPolicies"] == []


def test_load_balancer_is_public_in_public_subnets_and_forwards_to_ip_targets(applied):
    elbv2 = boto3.client("elbv2")
    [balancer] = elbv2.describe_load_balancers(LoadBalancerArns=[applied.outputs["alb_arn"]])["LoadBalancers"]
    # (moto answers no Scheme; internal = false is asserted on the plan.)
    assert balancer["Type"] == "application" and balancer["DNSName"] == applied.outputs["alb_dns_name"]
    assert balancer["SecurityGroups"] == [applied.outputs["security_group_ids"]["alb"]]
    subnets = boto3.client("ec2").describe_subnets(SubnetIds=[z["SubnetId"] for z in balancer["AvailabilityZones"]])
    assert {{t["Key"]: t["Value"] for t in s["Tags"]}["Tier"] for s in subnets["Subnets"]} == {"public"}
    [listener] = elbv2.describe_listeners(LoadBalancerArn=applied.outputs["alb_arn"])["Listeners"]
    assert (listener["Port"], listener["Protocol"]) == (80, "HTTP")
    assert listener["DefaultActions"][0]["TargetGroupArn"] == applied.outputs["target_group_arn"]
    [target_group] = elbv2.describe_target_groups(TargetGroupArns=[applied.outputs["target_group_arn"]])["TargetGroups"]
    assert (target_group["TargetType"], target_group["Port"], target_group["HealthCheckPath"]) == ("ip", 80, "/")
    assert target_group["Matcher"] == {"HttpCode": "200"}


def test_only_the_load_balancer_reaches_the_tasks(applied):
    ec2 = boto3.client("ec2")
    groups = applied.outputs["security_group_ids"]
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": list(groups.values())}])
    inbound = {(r["GroupId"], r.get("ReferencedGroupInfo", {}).get("GroupId"), r.get("CidrIpv4"), r["FromPort"])
               for r in rules["SecurityGroupRules"] if not r["IsEgress"]}  # fmt: skip
    assert inbound == {(groups["alb"], None, "0.0.0.0/0", 80), (groups["tasks"], groups["alb"], None, 80)}
    # Policy ASM_14 on the deployed example, from the services in its state.
    services = ecs_services(applied.tf.state_pull()._raw)
    assert list(services) == [applied.outputs["service_name"]]
    assert tasks_admitting_more_than_their_load_balancer(ec2, boto3.client("elbv2"), services) == []


def test_autoscaling_keeps_1_to_4_tasks_on_cpu_and_requests(applied):
    autoscaling = boto3.client("application-autoscaling")
    resource_id = f"service/{applied.outputs['cluster_arn'].split('/')[-1]}/{applied.outputs['service_name']}"
    [target] = autoscaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])[
        "ScalableTargets"
    ]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 4)
    policies = autoscaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)["ScalingPolicies"]
    tracking = {
        p["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]["PredefinedMetricType"]: p[
            "TargetTrackingScalingPolicyConfiguration"
        ]
        for p in policies
    }
    assert tracking["ECSServiceAverageCPUUtilization"]["TargetValue"] == 60
    requests = tracking["ALBRequestCountPerTarget"]
    assert requests["TargetValue"] == 500
    balancer_suffix = applied.outputs["alb_arn"].split(":loadbalancer/")[1]
    group_suffix = applied.outputs["target_group_arn"].split(":")[-1]
    assert requests["PredefinedMetricSpecification"]["ResourceLabel"] == f"{balancer_suffix}/{group_suffix}"


def test_the_demo_follows_a_request_from_the_load_balancer_to_a_task(stage, narrator):
    """The use case `make demo EXAMPLE=web-service` walks (harness/scenarios/web_service.py)."""
    route = web_service.walk(stage, narrator)
    assert (route.listener["Protocol"], route.listener["Port"]) == ("HTTP", 80)
    assert route.target_group["TargetGroupArn"] == stage.outputs["target_group_arn"]
    assert route.service["loadBalancers"][0]["targetGroupArn"] == route.target_group["TargetGroupArn"]
    assert route.task_definition["taskDefinitionArn"] == stage.outputs["task_definition_arn"]
    assert route.scaling == {"min": 1, "max": 4, "ECSServiceAverageCPUUtilization": 60, "ALBRequestCountPerTarget": 500}
    assert stage.outputs["alb_dns_name"] in narrator.text and "1 to 4 tasks" in narrator.text
