"""Each priced resource type against values worked out by hand, from planned values as
Terraform writes them and usage as usage.yml holds it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from harness.paths import EXAMPLES, MODULES
from tools.cost.estimate import estimate
from tools.cost.prices import CostInputError, PriceTable
from tools.cost.render import cents
from tools.cost.resources import FREE_BY_RULE, PRICERS, Resource, fargate_split
from tools.cost.usage import Usage

pytestmark = pytest.mark.unit

TABLE = PriceTable.load("us-east-1")


def priced(resources: list[Resource], usage: dict) -> dict[tuple[str, str], Decimal]:
    """{(address, what is counted): monthly cost in cents} of an estimate."""
    result = estimate("test", resources, Usage.of(usage), TABLE)
    assert not result.not_priced, result.not_priced
    return {(row.address, row.counted): cents(row.monthly) for row in result.rows}


def by_counted(resources, usage) -> dict[str, Decimal]:
    return {counted: cost for (_, counted), cost in priced(resources, usage).items()}


def function(name="f", memory=1024, arch="x86_64", storage=512, tracing="PassThrough", address=None):
    values = {
        "function_name": name,
        "memory_size": memory,
        "architectures": [arch],
        "ephemeral_storage": [{"size": storage}],
        "tracing_config": [{"mode": tracing}],
    }
    return Resource(address or f"module.{name}.aws_lambda_function.this[0]", "aws_lambda_function", values)


def test_lambda_requests_and_duration_by_architecture():
    usage = {"functions": {"f": {"requests_per_month": 3_000_000, "duration_ms": 120}}}
    # 3M × 0.12 s × 1 GB = 360,000 GB-s × $0.0000166667 = $6.00; 3M × $0.20/M = $0.60
    assert by_counted([function()], usage) == {
        "requests": Decimal("0.60"),
        "duration at 1024 MB x86_64": Decimal("6.00"),
    }
    # arm64: 360,000 × $0.0000133334 = $4.80
    assert by_counted([function(arch="arm64")], usage)["duration at 1024 MB arm64"] == Decimal("4.80")


def test_a_function_whose_role_cloudfront_assumes_is_priced_at_lambda_edge_rates():
    trust = '{"Statement":[{"Principal":{"Service":["edgelambda.amazonaws.com","lambda.amazonaws.com"]}}]}'
    role = Resource("module.edge.aws_iam_role.this[0]", "aws_iam_role", {"assume_role_policy": trust})
    edge = function("edge", memory=128, address="module.edge.aws_lambda_function.edge[0]")
    usage = {"functions": {"edge": {"requests_per_month": 10_000_000, "duration_ms": 5}}}
    # 10M × $0.60/M = $6.00; 10M × 0.005 s × 0.125 GB = 6,250 GB-s × $0.00005001 = $0.31
    assert by_counted([edge, role], usage) == {
        "Lambda@Edge requests": Decimal("6.00"),
        "Lambda@Edge duration at 128 MB": Decimal("0.31"),
    }
    # The same function beside a role only Lambda assumes: regional rates ($2.00 and $0.10).
    plain = Resource(
        role.address, "aws_iam_role", {"assume_role_policy": trust.replace('"edgelambda.amazonaws.com",', "")}
    )
    assert by_counted([edge, plain], usage) == {
        "requests": Decimal("2.00"),
        "duration at 128 MB x86_64": Decimal("0.10"),
    }


def test_a_distribution_pays_for_https_requests_and_tiered_data_out():
    distribution = Resource(
        "aws_cloudfront_distribution.shop", "aws_cloudfront_distribution", {"aliases": ["shop.example.com"]}
    )
    usage = {
        "distributions": {"shop.example.com": {"https_requests_per_month": 5_000_000, "data_out_gb_per_month": 20480}}
    }
    # 5M / 10k × $0.01 = $5.00; 10,240 GB × $0.085 + 10,240 GB × $0.080 = $1,689.60
    assert by_counted([distribution], usage) == {
        "HTTPS requests": Decimal("5.00"),
        "data out to viewers": Decimal("1689.60"),
    }


def test_lambda_ephemeral_storage_above_512_mb():
    usage = {"functions": {"f": {"requests_per_month": 1_000_000, "duration_ms": 1000}}}
    # 1M × 1 s × (10,240 - 512) / 1,024 GB = 9,500,000 GB-s × $0.0000000309 = $0.29
    assert by_counted([function(storage=10240)], usage)["ephemeral storage above 512 MB"] == Decimal("0.29")


def test_provisioned_concurrency_and_the_lower_duration_price_it_brings():
    config = Resource(
        "module.f.aws_lambda_provisioned_concurrency_config.this[0]",
        "aws_lambda_provisioned_concurrency_config",
        {"function_name": "f", "provisioned_concurrent_executions": 5},
    )
    costs = by_counted(
        [function(memory=2048), config], {"functions": {"f": {"requests_per_month": 1_000_000, "duration_ms": 100}}}
    )
    # 5 × 2 GB × 730 h × 3600 s = 26,280,000 GB-s × $0.0000041667 = $109.50
    assert costs["5 environments kept warm"] == Decimal("109.50")
    # 1M × 0.1 s × 2 GB = 200,000 GB-s × $0.0000097222 = $1.94
    assert costs["duration at 2048 MB x86_64"] == Decimal("1.94")


def queue(name="q", fifo=False):
    return Resource(f"aws_sqs_queue.{name}", "aws_sqs_queue", {"name": name, "fifo_queue": fifo})


def test_queue_requests_count_sends_receives_and_deletes_in_64_kb_chunks():
    usage = {"queues": {"q": {"messages_per_month": 1_000_000, "payload_kb": 100, "receive_batch_size": 10}}}
    costs = by_counted([queue()], usage)
    # sends 1M × 2 chunks; 100k receives of 1,000 KB (16 chunks); 100k deletes: 3.7M × $0.40/M
    assert costs == {"requests: 2,000,000 sends + 1,600,000 receives + 100,000 deletes": Decimal("1.48")}
    assert list(by_counted([queue(fifo=True)], usage).values()) == [Decimal("1.85")]  # × $0.50/M


def test_topics_standard_and_fifo():
    usage = {"topics": {"t": {"publishes_per_month": 2_000_000, "payload_kb": 70}}}
    topic = Resource("module.t.aws_sns_topic.this[0]", "aws_sns_topic", {"name": "t", "fifo_topic": False})
    assert by_counted([topic], usage) == {"publishes (64 KB chunks)": Decimal("2.00")}  # 2M × 2 chunks × $0.50/M
    fifo = Resource("module.t.aws_sns_topic.this[0]", "aws_sns_topic", {"name": "t", "fifo_topic": True})
    subscriptions = [
        Resource(f'module.t.aws_sns_topic_subscription.this["{k}"]', "aws_sns_topic_subscription", {"protocol": "sqs"})
        for k in ("a", "b")
    ]
    costs = by_counted([fifo, *subscriptions], usage)
    # 2M × 70 KB = 133.5144 GB published, and delivered to each of the two queues
    assert costs["publishes"] == Decimal("0.60")
    assert costs["payload published"] == Decimal("2.27")  # 133.51 GB × $0.017
    assert costs["deliveries to 2 subscriptions"] == Decimal("0.04")
    assert costs["payload delivered"] == Decimal("0.27")  # 2 × 133.51 GB × $0.001


def test_subscriptions_cost_by_protocol():
    http = Resource("aws_sns_topic_subscription.hook", "aws_sns_topic_subscription", {"protocol": "https"})
    usage = {"subscriptions": {"aws_sns_topic_subscription.hook": {"deliveries_per_month": 5_000_000}}}
    assert by_counted([http], usage) == {"HTTP/S deliveries": Decimal("3.00")}
    email = Resource("aws_sns_topic_subscription.mail", "aws_sns_topic_subscription", {"protocol": "email"})
    result = estimate("test", [email], Usage.of({}), TABLE)
    assert result.not_priced == [
        (
            "aws_sns_topic_subscription.mail",
            "aws_sns_topic_subscription",
            "deliveries over 'email' are not in the price table",
        )
    ]


def test_pipe_events_after_the_filter():
    pipe = Resource("aws_pipes_pipe.p", "aws_pipes_pipe", {"name": "p"})
    assert by_counted([pipe], {"pipes": {"p": {"events_per_month": 5_000_000, "payload_kb": 1}}}) == {
        "events after the filter (64 KB chunks)": Decimal("2.00")
    }


def test_schedules_count_their_invocations_from_rate_at_or_usage():
    def scheduled(name, expression, state="ENABLED"):
        values = {"name": name, "schedule_expression": expression, "state": state}
        return Resource(f'aws_scheduler_schedule.this["{name}"]', "aws_scheduler_schedule", values)

    resources = [
        scheduled("often", "rate(5 minutes)"),  # 730 h × 12 = 8,760
        scheduled("once", "at(2027-01-01T00:00:00)"),
        scheduled("daily", "cron(0 7 * * ? *)"),
        scheduled("paused", "rate(1 minute)", "DISABLED"),
    ]
    result = estimate("test", resources, Usage.of({"schedules": {"daily": {"invocations_per_month": 30}}}), TABLE)
    quantities = {row.address: row.quantity for row in result.rows}
    assert quantities == {
        'aws_scheduler_schedule.this["often"]': 8760,
        'aws_scheduler_schedule.this["once"]': 1,
        'aws_scheduler_schedule.this["daily"]': 30,
        'aws_scheduler_schedule.this["paused"]': 0,
    }
    assert cents(result.total) == Decimal("0.01")  # 8,791 × $1.00/M


def table(**values):
    return Resource(
        "aws_dynamodb_table.t", "aws_dynamodb_table", {"name": "t", "billing_mode": "PAY_PER_REQUEST", **values}
    )


def test_an_on_demand_table_with_an_index_backups_and_a_stream():
    usage = {
        "tables": {
            "t": {
                "writes_per_month": 1_000_000,
                "reads_per_month": 4_000_000,
                "item_kb": 3,
                "stored_gb": 10,
                "stream_reads_per_month": 3_500_000,
            }
        }
    }
    costs = by_counted(
        [
            table(
                global_secondary_index=[{"name": "by_customer"}],
                point_in_time_recovery=[{"enabled": True}],
                stream_enabled=True,
            )
        ],
        usage,
    )
    # 1M writes × 3 KB × (table + 1 index) = 6M WRU × $0.625/M = $3.75
    assert costs["write request units (1 KB each, and each of 1 indexes)"] == Decimal("3.75")
    # 4M reads of 3 KB (one 4 KB unit), eventually consistent: 2M RRU × $0.125/M = $0.25
    assert costs["read request units (eventually consistent, 4 KB)"] == Decimal("0.25")
    assert costs["storage"] == Decimal("2.50")
    assert costs["point-in-time recovery"] == Decimal("2.00")
    assert costs["stream reads (GetRecords)"] == Decimal("0.20")  # 1M past the free 2.5M × $0.02/100k


def test_a_provisioned_table_pays_for_capacity_hours():
    costs = by_counted(
        [table(billing_mode="PROVISIONED", read_capacity=10, write_capacity=5)],
        {"tables": {"t": {"stored_gb": 1}}},
    )
    assert costs["5 write capacity units"] == Decimal("2.37")  # 5 × 730 h × $0.00065
    assert costs["10 read capacity units"] == Decimal("0.95")  # 10 × 730 × $0.00013


def test_state_machines_standard_and_express():
    standard = Resource(
        "module.s.aws_sfn_state_machine.this[0]", "aws_sfn_state_machine", {"name": "s", "type": "STANDARD"}
    )
    express = Resource(
        "module.e.aws_sfn_state_machine.this[0]", "aws_sfn_state_machine", {"name": "e", "type": "EXPRESS"}
    )
    usage = {
        "state_machines": {
            "s": {"executions_per_month": 100_000, "transitions_per_execution": 12},
            "e": {"executions_per_month": 10_000_000, "duration_ms": 250, "memory_mb": 100},
        }
    }
    costs = by_counted([standard, express], usage)
    assert costs["state transitions (12 per execution)"] == Decimal("30.00")  # 1.2M × $0.025/1k
    assert costs["executions"] == Decimal("10.00")
    # 250 ms → 0.3 s; 100 MB → 128 MB = 0.125 GB: 10M × 0.3 × 0.125 = 375,000 GB-s × $0.00001667
    assert costs["duration at 128 MB"] == Decimal("6.25")


def test_rest_api_requests_and_a_stage_cache():
    api = Resource("module.a.aws_api_gateway_rest_api.this[0]", "aws_api_gateway_rest_api", {"name": "a"})
    stage = Resource(
        "module.a.aws_api_gateway_stage.this[0]",
        "aws_api_gateway_stage",
        {"cache_cluster_enabled": True, "cache_cluster_size": "0.5"},
    )
    costs = by_counted([api, stage], {"apis": {"a": {"requests_per_month": 10_000_000}}})
    assert costs == {"requests": Decimal("35.00"), "0.5 GB cache": Decimal("14.60")}  # 730 h × $0.02


def test_log_groups_kept_for_their_retention_or_as_told():
    kept = Resource("aws_cloudwatch_log_group.a", "aws_cloudwatch_log_group", {"name": "/a", "retention_in_days": 365})
    costs = by_counted([kept], {"log_groups": {"/a": {"ingested_gb_per_month": 2}}})
    # 2 GB × 365 days / 30.4167 days a month = 24 GB kept × $0.03
    assert costs == {"ingested": Decimal("1.00"), "stored (365 days kept)": Decimal("0.72")}
    forever = Resource("aws_cloudwatch_log_group.b", "aws_cloudwatch_log_group", {"name": "/b", "retention_in_days": 0})
    assert by_counted([forever], {"log_groups": {"/b": {"ingested_gb_per_month": 1, "stored_gb": 100}}})[
        "stored"
    ] == Decimal("3.00")


def test_alarms_by_metric_and_resolution_and_the_ones_target_tracking_makes():
    plain = Resource(
        "aws_cloudwatch_metric_alarm.a", "aws_cloudwatch_metric_alarm", {"period": 300, "metric_query": []}
    )
    query = [{"metric": [{"period": 10}]}, {"metric": [{"period": 10}]}, {"expression": "m1+m2", "metric": []}]
    fast = Resource("aws_cloudwatch_metric_alarm.b", "aws_cloudwatch_metric_alarm", {"metric_query": query})
    policy = Resource(
        "aws_appautoscaling_policy.cpu", "aws_appautoscaling_policy", {"policy_type": "TargetTrackingScaling"}
    )
    costs = priced([plain, fast, policy], {})
    assert costs[("aws_cloudwatch_metric_alarm.a", "alarm metrics")] == Decimal("0.10")
    assert costs[("aws_cloudwatch_metric_alarm.b", "alarm metrics")] == Decimal("0.60")  # 2 high-resolution metrics
    assert costs[("aws_appautoscaling_policy.cpu", "alarms target tracking creates")] == Decimal("0.20")


def test_buckets_keys_secrets_nat_addresses_and_endpoints():
    resources = [
        Resource("aws_s3_bucket.b", "aws_s3_bucket", {"bucket": "b"}),
        Resource("aws_kms_key.k", "aws_kms_key", {}),
        Resource("aws_secretsmanager_secret.s", "aws_secretsmanager_secret", {}),
        Resource("aws_nat_gateway.n", "aws_nat_gateway", {}),
        Resource("aws_eip.n", "aws_eip", {}),
        Resource(
            "aws_vpc_endpoint.s3",
            "aws_vpc_endpoint",
            {"vpc_endpoint_type": "Gateway", "service_name": "com.amazonaws.us-east-1.s3"},
        ),
        Resource(
            "aws_vpc_endpoint.sm",
            "aws_vpc_endpoint",
            {
                "vpc_endpoint_type": "Interface",
                "service_name": "com.amazonaws.us-east-1.secretsmanager",
                "subnet_ids": ["a", "b", "c"],
            },
        ),
    ]
    usage = {
        "buckets": {
            "b": {"stored_gb": 1000, "put_requests_per_month": 1_000_000, "get_requests_per_month": 10_000_000}
        },
        "kms_keys": {"aws_kms_key.k": {"requests_per_month": 1_000_000}},
        "nat_gateways": {"aws_nat_gateway.n": {"processed_gb_per_month": 100}},
        "vpc_endpoints": {"secretsmanager": {"processed_gb_per_month": 10}},
    }
    costs = priced(resources, usage)
    assert costs[("aws_s3_bucket.b", "storage (S3 Standard)")] == Decimal("23.00")
    assert costs[("aws_s3_bucket.b", "PUT requests")] == Decimal("5.00")
    assert costs[("aws_s3_bucket.b", "GET requests")] == Decimal("4.00")
    assert costs[("aws_kms_key.k", "key")] == Decimal("1.00")
    assert costs[("aws_kms_key.k", "requests")] == Decimal("3.00")
    assert costs[("aws_secretsmanager_secret.s", "secret")] == Decimal("0.40")
    assert costs[("aws_nat_gateway.n", "hours")] == Decimal("32.85")
    assert costs[("aws_nat_gateway.n", "data processed")] == Decimal("4.50")
    assert costs[("aws_eip.n", "public IPv4 address")] == Decimal("3.65")
    assert costs[("aws_vpc_endpoint.sm", "hours in 3 Availability Zones")] == Decimal("21.90")
    assert not [key for key in costs if key[0] == "aws_vpc_endpoint.s3"]  # gateway endpoints are free


def test_load_balancers_application_and_network():
    alb = Resource("aws_lb.a", "aws_lb", {"name": "a", "load_balancer_type": "application"})
    nlb = Resource("aws_lb.n", "aws_lb", {"name": "n", "load_balancer_type": "network"})
    gateway = Resource("aws_lb.g", "aws_lb", {"name": "g", "load_balancer_type": "gateway"})
    costs = priced([alb, nlb], {"load_balancers": {"a": {"lcus": 2}, "n": {"lcus": 1}}})
    assert costs[("aws_lb.a", "hours")] == Decimal("16.43")
    assert costs[("aws_lb.a", "2 capacity units on average")] == Decimal("11.68")  # 2 × 730 × $0.008
    assert costs[("aws_lb.n", "1 capacity units on average")] == Decimal("4.38")
    result = estimate("test", [gateway], Usage.of({}), TABLE)
    assert result.not_priced[0][2] == "gateway load balancers are not in the price table"


def service(strategy, public_ip=False, desired=1, arch="X86_64", storage=None):
    task = {
        "cpu": "1024",
        "memory": "2048",
        "runtime_platform": [{"cpu_architecture": arch}],
        "ephemeral_storage": [{"size_in_gib": storage}] if storage else [],
    }
    return [
        Resource("module.web.aws_ecs_task_definition.this[0]", "aws_ecs_task_definition", task),
        Resource(
            "module.web.aws_ecs_service.this[0]",
            "aws_ecs_service",
            {
                "name": "web",
                "desired_count": desired,
                "capacity_provider_strategy": strategy,
                "network_configuration": [{"assign_public_ip": public_ip}],
            },
        ),
    ]


def test_fargate_tasks_on_demand_and_on_spot_with_the_discount_given():
    strategy = [
        {"capacity_provider": "FARGATE", "base": 1, "weight": 1},
        {"capacity_provider": "FARGATE_SPOT", "base": 0, "weight": 3},
    ]
    costs = by_counted(
        service(strategy, public_ip=True, storage=50),
        {"spot_discount_percent": 70, "services": {"web": {"average_tasks": 5}}},
    )
    # 5 tasks: 1 base on demand, 4 shared 1:3 → 2 on demand, 3 on Spot. 1 vCPU, 2 GB each.
    assert costs["2 tasks on demand: 1 vCPU x86_64"] == Decimal("59.10")  # 2 × 730 × $0.04048
    assert costs["2 tasks on demand: 2 GB"] == Decimal("12.98")  # 2 × 730 × 2 × $0.004445
    assert costs["3 tasks Spot: 1 vCPU x86_64"] == Decimal("26.60")  # 3 × 730 × $0.04048 × 0.3 = 26.595
    assert costs["3 tasks Spot: 2 GB"] == Decimal("5.84")
    assert costs["ephemeral storage above 20 GB"] == Decimal("12.15")  # 5 × 730 × 30 × $0.000111
    assert costs["a public IPv4 address per task"] == Decimal("18.25")
    arm = by_counted(service([], desired=1, arch="ARM64"), {})
    assert arm["1 tasks on demand: 1 vCPU arm64"] == Decimal("23.64")  # 730 × $0.03238


def test_the_fargate_split_places_each_base_first_then_shares_by_weight():
    strategy = [
        {"capacity_provider": "FARGATE_SPOT", "weight": 1},
        {"capacity_provider": "FARGATE", "base": 2, "weight": 1},
    ]
    assert fargate_split(Decimal(1), strategy, None) == (Decimal(1), Decimal(0))
    assert fargate_split(Decimal(6), strategy, None) == (Decimal(4), Decimal(2))
    assert fargate_split(Decimal(3), [], "FARGATE") == (Decimal(3), Decimal(0))


def test_container_insights_is_priced_when_the_cluster_turns_it_on():
    cluster = Resource(
        "aws_ecs_cluster.c",
        "aws_ecs_cluster",
        {"name": "c", "setting": [{"name": "containerInsights", "value": "enabled"}]},
    )
    costs = by_counted([cluster], {"clusters": {"c": {"insights_metrics": 10, "insights_ingested_gb_per_month": 2}}})
    assert costs == {
        "Container Insights metrics": Decimal("3.00"),
        "Container Insights performance logs": Decimal("1.00"),
    }
    off = Resource(
        "aws_ecs_cluster.c",
        "aws_ecs_cluster",
        {"name": "c", "setting": [{"name": "containerInsights", "value": "disabled"}]},
    )
    assert estimate("test", [off], Usage.of({}), TABLE).free["aws_ecs_cluster"] == 1


def test_an_rds_instance_its_proxy_and_its_secret():
    resources = [
        Resource(
            "module.db.aws_db_instance.this[0]",
            "aws_db_instance",
            {
                "engine": "postgres",
                "instance_class": "db.t4g.medium",
                "allocated_storage": 50,
                "storage_type": "gp3",
                "multi_az": True,
                "manage_master_user_password": True,
            },
        ),
        Resource("module.db.aws_db_proxy.this[0]", "aws_db_proxy", {"name": "p"}),
    ]
    costs = by_counted(resources, {})
    assert costs["db.t4g.medium in 2 zone(s)"] == Decimal("94.90")  # 2 × 730 × $0.065
    assert costs["50 GB gp3 in 2 zone(s)"] == Decimal("11.50")
    assert costs["master password secret"] == Decimal("0.40")
    assert costs["2 vCPUs of the database behind it"] == Decimal("21.90")  # 2 × 730 × $0.015


def test_aurora_serverless_and_its_proxys_eight_acu_floor():
    resources = [
        Resource(
            "module.db.aws_rds_cluster.this[0]",
            "aws_rds_cluster",
            {"cluster_identifier": "orders", "manage_master_user_password": True},
        ),
        Resource(
            "module.db.aws_rds_cluster_instance.this[0]",
            "aws_rds_cluster_instance",
            {"instance_class": "db.serverless"},
        ),
        Resource("module.db.aws_db_proxy.this[0]", "aws_db_proxy", {"name": "p"}),
    ]
    usage = {"databases": {"orders": {"stored_gb": 100, "io_requests_per_month": 50_000_000, "average_acus": 2}}}
    costs = by_counted(resources, usage)
    assert costs["storage"] == Decimal("10.00")
    assert costs["I/O requests"] == Decimal("10.00")
    assert costs["2 ACUs on average"] == Decimal("175.20")  # 2 × 730 × $0.12
    assert costs["8 ACUs behind it"] == Decimal("87.60")  # the proxy bills 8 ACUs at least


def test_provisioned_aurora_instances_and_the_proxy_on_their_vcpus():
    resources = [
        Resource(
            f"module.db.aws_rds_cluster_instance.this[{i}]",
            "aws_rds_cluster_instance",
            {"engine": "aurora-postgresql", "instance_class": "db.r7g.large"},
        )
        for i in range(2)
    ]
    resources.append(Resource("module.db.aws_db_proxy.this[0]", "aws_db_proxy", {"name": "p"}))
    costs = priced(resources, {})
    assert costs[("module.db.aws_rds_cluster_instance.this[0]", "db.r7g.large")] == Decimal("201.48")  # 730 × $0.276
    assert costs[("module.db.aws_db_proxy.this[0]", "4 vCPUs of the database behind it")] == Decimal("43.80")
    unknown = Resource("aws_db_instance.x", "aws_db_instance", {"engine": "postgres", "instance_class": "db.x9.huge"})
    assert estimate("test", [unknown], Usage.of({}), TABLE).not_priced[0][2] == (
        "rds.postgres db.x9.huge is not in the us-east-1 price table"
    )


def test_x_ray_traces_are_counted_once_for_the_example():
    usage = {"traces_per_month": 3_000_000, "functions": {"f": {"requests_per_month": 1, "duration_ms": 1}}}
    costs = priced([function(tracing="Active")], usage)
    assert costs[("(example)", "X-Ray traces (1 traced resource)")] == Decimal("15.00")


def test_services_the_code_calls_are_priced_from_usage():
    usage = {"service_usage": {"rekognition.detect_labels": {"quantity_per_month": 1_500_000}}}
    [row] = estimate("test", [], Usage.of(usage), TABLE).rows
    # 1M × $1.00/1k + 0.5M × $0.80/1k
    assert (row.address, row.counted, cents(row.monthly)) == (
        "(example)",
        "rekognition.detect_labels (called by the code)",
        Decimal("1400.00"),
    )
    with pytest.raises(CostInputError, match="has no price 'rekognition.nothing'"):
        estimate("test", [], Usage.of({"service_usage": {"rekognition.nothing": {"quantity_per_month": 1}}}), TABLE)


def test_free_types_are_counted_and_unknown_ones_are_not_priced():
    resources = [
        Resource("aws_iam_role.r", "aws_iam_role", {}),
        Resource("aws_iam_role_policy.p", "aws_iam_role_policy", {}),
        Resource("aws_elasticache_cluster.c", "aws_elasticache_cluster", {}),
    ]
    result = estimate("test", resources, Usage.of({}), TABLE)
    assert result.free == {"aws_iam_role": 1, "aws_iam_role_policy": 1}
    assert result.not_priced == [("aws_elasticache_cluster.c", "aws_elasticache_cluster", "no pricer for this type")]
    assert result.total == 0


def test_every_resource_type_the_library_declares_is_priced_or_free_by_rule():
    declared = {
        match
        for folder in (MODULES, EXAMPLES)
        for path in folder.rglob("*.tf")
        for match in re.findall(r'^resource "([a-z0-9_]+)"', path.read_text(), re.MULTILINE)
    }
    assert len(declared) > 60
    assert sorted(declared - set(PRICERS) - set(FREE_BY_RULE)) == []
    assert not set(PRICERS) & set(FREE_BY_RULE)
