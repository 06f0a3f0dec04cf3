"""modules/fargate-service: new and existing cluster, with and without a created ALB,
HTTP only and HTTPS, Spot mixes and a multi-container task, sliced from the one plan
of the shared plan root. Bad inputs are in invalid.yml and preconditions.yml beside it."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

ACCOUNT, REGION = "123456789012", "us-east-1"
SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:orders/db-AbCdEf"


@pytest.fixture(scope="module")
def https(module_plan):
    return module_plan("fargate_https_multi")


@pytest.fixture(scope="module")
def existing(module_plan):
    return module_plan("fargate_existing_cluster_listener")


@pytest.fixture(scope="module")
def worker(module_plan):
    return module_plan("fargate_worker_no_alb")


@pytest.fixture(scope="module")
def http_only(module_plan):
    return module_plan("fargate_http_only")


@pytest.fixture(scope="module")
def example(module_plan):
    return module_plan("example_web_service")


def strategy(blocks: list[dict]) -> dict[str, tuple[int, int]]:
    return {b["capacity_provider"]: (b["base"], b["weight"]) for b in blocks}


def containers(plan) -> dict[str, dict]:
    return {c["name"]: c for c in json.loads(plan.one("aws_ecs_task_definition")["container_definitions"])}


def role_policy(plan, role: str) -> dict[str, dict]:
    return statements(plan.by_name("aws_iam_role_policy")[f"{role}[0]"]["policy"])


def test_new_cluster_has_insights_and_both_fargate_providers(https):
    cluster = https.one("aws_ecs_cluster")
    assert cluster["name"] == "fg-https" and cluster["setting"] == [{"name": "containerInsights", "value": "enhanced"}]
    providers = https.one("aws_ecs_cluster_capacity_providers")
    assert sorted(providers["capacity_providers"]) == ["FARGATE", "FARGATE_SPOT"]
    assert strategy(providers["default_capacity_provider_strategy"]) == {"FARGATE": (1, 1)}


def test_existing_cluster_creates_no_cluster_and_runs_the_service_there(existing):
    counts = existing.type_counts()
    assert "aws_ecs_cluster" not in counts and "aws_ecs_cluster_capacity_providers" not in counts
    assert existing.one("aws_ecs_service")["cluster"] == f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/shared"


def test_spot_mixes_reach_the_service(existing, worker, example):
    assert strategy(existing.one("aws_ecs_service")["capacity_provider_strategy"]) == {
        "FARGATE": (2, 1),
        "FARGATE_SPOT": (0, 3),
    }
    assert strategy(worker.one("aws_ecs_service")["capacity_provider_strategy"]) == {"FARGATE_SPOT": (0, 1)}
    # The example: 1 on-demand task, then half of the rest on Spot.
    assert strategy(example.one("aws_ecs_service")["capacity_provider_strategy"]) == {
        "FARGATE": (1, 1),
        "FARGATE_SPOT": (0, 1),
    }


def test_service_defaults_roll_back_and_stay_private(https, http_only, worker):
    for plan in (https, http_only):
        service = plan.one("aws_ecs_service")
        assert service["deployment_circuit_breaker"] == [{"enable": True, "rollback": True}]
        assert service["network_configuration"][0]["assign_public_ip"] is False
        assert service["network_configuration"][0]["subnets"] == [
            "subnet-0aaaaaaaaaaaaaaaa",
            "subnet-0bbbbbbbbbbbbbbbb",
        ]
        assert (service["deployment_minimum_healthy_percent"], service["deployment_maximum_percent"]) == (100, 200)
        assert service["platform_version"] == "LATEST" and service["wait_for_steady_state"] is False
        assert service["health_check_grace_period_seconds"] == 60
    assert https.one("aws_ecs_service")["enable_execute_command"] is True
    assert http_only.one("aws_ecs_service")["enable_execute_command"] is False
    # With no load balancer there is no grace period.
    service = worker.one("aws_ecs_service")
    assert service["deployment_circuit_breaker"] == [{"enable": True, "rollback": True}]
    assert service["load_balancer"] == [] and service["health_check_grace_period_seconds"] is None


def test_multi_container_task_definition(https):
    task = https.one("aws_ecs_task_definition")
    assert (task["cpu"], task["memory"], task["network_mode"]) == ("1024", "3072", "awsvpc")
    assert task["requires_compatibilities"] == ["FARGATE"]
    assert task["runtime_platform"] == [{"cpu_architecture": "ARM64", "operating_system_family": "LINUX"}]
    assert task["ephemeral_storage"] == [{"size_in_gib": 40}]
    found = containers(https)
    assert sorted(found) == ["app", "log-router"]
    app, router = found["app"], found["log-router"]
    assert app["readonlyRootFilesystem"] is True and router["readonlyRootFilesystem"] is True
    assert [m["containerPath"] for m in router["mountPoints"]] == ["/tmp", "/fluent-bit/etc"]
    assert (app["essential"], router["essential"]) == (True, False)
    assert app["portMappings"] == [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http"}]
    assert app["environment"] == [{"name": "LOG_LEVEL", "value": "INFO"}, {"name": "PORT", "value": "8080"}]
    secrets = {s["name"]: s["valueFrom"] for s in app["secrets"]}
    assert sorted(secrets) == ["API_TOKEN", "DB_PASSWORD", "DB_USER"]
    assert secrets["DB_PASSWORD"] == f"{SECRET}:password::"
    assert app["healthCheck"] == {"command": ["CMD", "/app/healthcheck"], "interval": 15, "timeout": 5, "retries": 2,
                                  "startPeriod": 0}  # fmt: skip
    assert (app["cpu"], app["memory"], router["memoryReservation"], router["user"]) == (768, 2048, 128, "0")
    for container in (app, router):
        assert container["logConfiguration"]["logDriver"] == "awslogs"
        assert container["logConfiguration"]["options"]["awslogs-group"] == "/ecs/fg-https"
        assert container["logConfiguration"]["options"]["awslogs-stream-prefix"] == container["name"]
    assert https.one("aws_cloudwatch_log_group")["retention_in_days"] == 365


def test_writable_paths_are_task_volumes_under_a_read_only_root(existing):
    [web] = containers(existing).values()
    assert web["readonlyRootFilesystem"] is True
    mounts = {m["containerPath"]: m["sourceVolume"] for m in web["mountPoints"]}
    assert mounts == {"/var/cache/nginx": "web-0", "/var/run": "web-1"}
    assert sorted(v["name"] for v in existing.one("aws_ecs_task_definition")["volume"]) == ["web-0", "web-1"]


def test_execution_role_reads_exactly_the_listed_secrets(https):
    policy = role_policy(https, "execution")
    assert set(policy) == {
        "WriteContainerLogs",
        "EcrAuthorizationToken",
        "PullImages",
        "ReadListedSecrets",
        "ReadListedParameters",
        "DecryptSecretsViaService",
    }
    # The JSON-key suffix is cut: the role names the secret itself, once.
    assert policy["ReadListedSecrets"]["Resource"] == [SECRET]
    assert policy["ReadListedParameters"]["Resource"] == [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/orders/api-token"]
    assert policy["PullImages"]["Resource"] == [f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/orders/api"]
    assert policy["WriteContainerLogs"]["Resource"] == [
        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/ecs/fg-https:log-stream:*"
    ]
    assert policy["DecryptSecretsViaService"]["Condition"] == {
        "StringEquals": {"kms:ViaService": [f"secretsmanager.{REGION}.amazonaws.com", f"ssm.{REGION}.amazonaws.com"]}
    }
    # The only "*" resource is GetAuthorizationToken, which takes no other; no action is a wildcard.
    assert [sid for sid, s in policy.items() if "*" in s["Resource"]] == ["EcrAuthorizationToken"]
    assert wildcard_actions(policy) == []


def test_public_images_need_no_registry_permission(http_only, example):
    for plan in (http_only, example):
        assert set(role_policy(plan, "execution")) == {"WriteContainerLogs"}


def test_task_role_is_separate_and_holds_only_the_callers_statements(https, http_only):
    roles = https.of_type("aws_iam_role")
    assert {r["name"] for r in roles.values()} == {"fg-https-execution", "fg-https-task"}
    for role in roles.values():
        trust = json.loads(role["assume_role_policy"])["Statement"][0]
        assert trust["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}
        assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
    policy = role_policy(https, "task")
    assert set(policy) == {"ReadOrdersTable", "EcsExecSessionChannels"}
    assert policy["ReadOrdersTable"]["Action"] == ["dynamodb:GetItem", "dynamodb:Query"]
    assert policy["EcsExecSessionChannels"]["Action"] == [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
    ]
    assert wildcard_actions(policy) == []
    # No statements and no ECS Exec: the task role has no policy at all.
    assert list(http_only.by_name("aws_iam_role_policy")) == ["execution[0]"]


def test_https_listener_and_http_redirect(https):
    listeners = {values["port"]: values for values in https.of_type("aws_lb_listener").values()}
    assert sorted(listeners) == [80, 443]
    assert listeners[443]["protocol"] == "HTTPS"
    assert listeners[443]["certificate_arn"] == f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/7777-web"
    assert listeners[443]["ssl_policy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert listeners[443]["default_action"][0]["type"] == "forward"
    redirect = listeners[80]["default_action"][0]
    assert redirect["type"] == "redirect"
    assert (
        redirect["redirect"][0]["protocol"],
        redirect["redirect"][0]["port"],
        redirect["redirect"][0]["status_code"],
    ) == (
        "HTTPS",
        "443",
        "HTTP_301",
    )


def test_http_only_forwards_on_80(http_only):
    [listener] = http_only.of_type("aws_lb_listener").values()
    assert (listener["port"], listener["protocol"], listener["default_action"][0]["type"]) == (80, "HTTP", "forward")


def test_load_balancer_public_protected_and_logging(https, http_only):
    alb = https.one("aws_lb")
    assert alb["internal"] is False and alb["load_balancer_type"] == "application"
    assert alb["subnets"] == ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    assert alb["drop_invalid_header_fields"] is True and alb["enable_deletion_protection"] is True
    assert alb["access_logs"] == [{"bucket": "orders-alb-logs", "prefix": "fg-https", "enabled": True}]
    assert http_only.one("aws_lb")["access_logs"] == []


def test_target_group_is_ip_with_the_health_check(https):
    group = https.one("aws_lb_target_group")
    assert (group["target_type"], group["port"], group["protocol"]) == ("ip", 8080, "HTTP")
    assert group["name_prefix"] == "fg-ht-"  # a prefix, so a replacement can exist beside the old one
    check = group["health_check"][0]
    assert (check["path"], check["matcher"], check["interval"]) == ("/healthz", "200,204", 30)


def test_security_groups_admit_the_cidrs_then_the_alb_only(https, http_only):
    ingress = https.by_name("aws_vpc_security_group_ingress_rule")
    from_alb = ingress.pop("tasks_from_alb[0]")
    assert sorted(ingress) == sorted(
        f'alb["{port} {cidr}"]' for port in (80, 443) for cidr in ("203.0.113.0/24", "198.51.100.0/24")
    )
    assert (from_alb["from_port"], from_alb["to_port"], from_alb.get("cidr_ipv4")) == (8080, 8080, None)
    egress = https.by_name("aws_vpc_security_group_egress_rule")
    assert egress['tasks_https["0.0.0.0/0"]']["from_port"] == 443
    assert egress["alb_to_tasks[0]"]["from_port"] == 8080 and egress["alb_to_tasks[0]"].get("cidr_ipv4") is None
    assert sorted(http_only.by_name("aws_vpc_security_group_ingress_rule")) == [
        'alb["80 0.0.0.0/0"]',
        "tasks_from_alb[0]",
    ]


def test_existing_listener_gets_a_rule_and_tasks_admit_its_alb(existing):
    rule = existing.one("aws_lb_listener_rule")
    assert rule["priority"] == 20 and rule["action"][0]["type"] == "forward"
    conditions = {
        key: c[key][0]["values"] for c in rule["condition"] for key in ("path_pattern", "host_header") if c[key]
    }
    assert conditions == {"path_pattern": ["/orders/*"], "host_header": ["api.example.com"]}
    counts = existing.type_counts()
    assert "aws_lb" not in counts and "aws_lb_listener" not in counts and counts["aws_security_group"] == 1
    [from_alb] = existing.of_type("aws_vpc_security_group_ingress_rule").values()
    assert from_alb["referenced_security_group_id"] == "sg-0123456789abcdef0"
    # The existing ALB's group gets the egress to the tasks on the container port, and nothing else.
    egress = existing.by_name("aws_vpc_security_group_egress_rule")
    assert sorted(egress) == ["existing_alb_to_tasks[0]", 'tasks_https["0.0.0.0/0"]']
    to_tasks = egress["existing_alb_to_tasks[0]"]
    assert (to_tasks["security_group_id"], to_tasks["from_port"], to_tasks["to_port"]) == (
        "sg-0123456789abcdef0",
        80,
        80,
    )


def test_worker_without_load_balancer_admits_nothing(worker):
    counts = worker.type_counts()
    for absent in ("aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_vpc_security_group_ingress_rule"):
        assert absent not in counts, absent
    assert [p["name"] for p in worker.of_type("aws_appautoscaling_policy").values()] == ["fg-worker-cpu"]


def test_a_pipeline_owned_service_is_the_form_that_ignores_its_revision_and_scales_the_same(worker, https, plan_root):
    """ignore_task_definition_changes: the service is aws_ecs_service.pipeline_owned, whose
    lifecycle ignores task_definition; every other service is aws_ecs_service.this."""
    assert list(worker.of_type("aws_ecs_service")) == ["aws_ecs_service.pipeline_owned[0]"]
    assert list(https.of_type("aws_ecs_service")) == ["aws_ecs_service.this[0]"]
    config = plan_root.configuration["root_module"]["module_calls"]["fargate_worker_no_alb"]["module"]
    resources = {r["address"]: r for r in config["resources"]}
    assert {"aws_ecs_service.this", "aws_ecs_service.pipeline_owned"} <= set(resources)
    # Autoscaling follows whichever form the service takes.
    assert (
        "local.service.name" in resources["aws_appautoscaling_target.this"]["expressions"]["resource_id"]["references"]
    )


def test_autoscaling_tracks_cpu_and_requests_per_target(https, existing, example):
    target = https.one("aws_appautoscaling_target")
    assert (target["min_capacity"], target["max_capacity"], target["scalable_dimension"]) == (
        2,
        10,
        "ecs:service:DesiredCount",
    )
    policies = {p["name"]: p["target_tracking_scaling_policy_configuration"][0] for p in https.of_type(
        "aws_appautoscaling_policy").values()}  # fmt: skip
    assert policies["fg-https-cpu"]["target_value"] == 50
    assert policies["fg-https-requests"]["target_value"] == 1000
    metric = policies["fg-https-requests"]["predefined_metric_specification"][0]
    assert metric["predefined_metric_type"] == "ALBRequestCountPerTarget"
    # An existing listener's load balancer is named in the metric from the listener ARN.
    [address] = [a for a, p in existing.of_type("aws_appautoscaling_policy").items() if p["name"].endswith("-requests")]
    # (The label ends in the target group's ARN suffix, known after apply; the moto apply test reads it back.)
    unknown = existing.unknown(address)["target_tracking_scaling_policy_configuration"][0]
    assert unknown["predefined_metric_specification"][0]["resource_label"] is True
    example_target = example.one("aws_appautoscaling_target")
    assert (example_target["min_capacity"], example_target["max_capacity"]) == (1, 4)


def test_disabled_creates_nothing(module_plan):
    assert module_plan("fargate_disabled").managed == {}
