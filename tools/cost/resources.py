"""What each planned resource type costs a month: one pricer per type with a usage cost,
a list of types that cost nothing by themselves, and NOT PRICED for anything else."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from tools.cost.prices import CostInputError, Price, PriceTable, decimal
from tools.cost.usage import Usage

KB_PER_CHUNK = 64  # SQS, SNS and Pipes bill each 64 KB of a payload as one request
GIB = Decimal(1024)
SECONDS_PER_HOUR = Decimal(3600)

# Types that cost nothing by themselves, and why. What they configure is priced on the
# resource it belongs to.
FREE_BY_RULE: dict[str, str] = {
    **dict.fromkeys(
        ("aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy"),
        "IAM has no charge",
    ),
    **dict.fromkeys(
        (
            "aws_vpc",
            "aws_subnet",
            "aws_route_table",
            "aws_route_table_association",
            "aws_route",
            "aws_internet_gateway",
            "aws_security_group",
            "aws_default_security_group",
            "aws_vpc_security_group_ingress_rule",
            "aws_vpc_security_group_egress_rule",
            "aws_db_subnet_group",
        ),
        "VPC plumbing has no charge (NAT gateways, endpoints and public addresses are priced)",
    ),
    **dict.fromkeys(
        (
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_notification",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_sqs_queue_policy",
            "aws_sns_topic_policy",
            "aws_lambda_permission",
            "aws_lambda_alias",
            "aws_lambda_function_event_invoke_config",
            "aws_lambda_function_url",
            "aws_lambda_layer_version",
            "aws_ecs_task_definition",
            "aws_ecs_cluster_capacity_providers",
            "aws_appautoscaling_target",
            "aws_secretsmanager_secret_version",
            "aws_db_proxy_default_target_group",
            "aws_db_proxy_target",
            "aws_lb_listener",
            "aws_lb_listener_rule",
            "aws_lb_target_group",
            "aws_wafv2_web_acl_association",
            "aws_cloudwatch_event_target",
            "aws_lambda_function_recursion_config",
            "aws_cloudfront_cache_policy",
            "aws_cloudfront_response_headers_policy",
            "aws_cloudfront_origin_access_control",
        ),
        "configuration of a resource priced on its own row",
    ),
    "aws_lambda_event_source_mapping": (
        "no charge: its receives are counted on the queue (receive_batch_size), and Lambda's stream reads are free"
    ),
    "aws_cloudwatch_event_rule": "rules on AWS service events and schedules have no charge",
    **dict.fromkeys(
        (
            "aws_api_gateway_account",
            "aws_api_gateway_api_key",
            "aws_api_gateway_authorizer",
            "aws_api_gateway_deployment",
            "aws_api_gateway_integration",
            "aws_api_gateway_integration_response",
            "aws_api_gateway_method",
            "aws_api_gateway_method_response",
            "aws_api_gateway_method_settings",
            "aws_api_gateway_model",
            "aws_api_gateway_request_validator",
            "aws_api_gateway_resource",
            "aws_api_gateway_rest_api_policy",
            "aws_api_gateway_usage_plan",
            "aws_api_gateway_usage_plan_key",
            "aws_api_gateway_vpc_link",
        ),
        "API Gateway charges per request on the API (and for a stage's cache)",
    ),
    "terraform_data": "Terraform bookkeeping, nothing in AWS",
}


@dataclass(frozen=True)
class Resource:
    """One planned resource of an example, addressed relative to the example's module call."""

    address: str
    type: str
    values: dict = field(hash=False)
    unknown: dict = field(hash=False, default_factory=dict)

    @property
    def module(self) -> str:
        """The module path it sits in, relative to the example: `module.web.` or ``."""
        return self.address[: len(self.address) - len(self.local)]

    @property
    def local(self) -> str:
        parts = self.address.split(".")
        start = max(i for i, p in enumerate(parts) if p == self.type)
        return ".".join(parts[start:])

    def known(self, name: str) -> object:
        """A planned value, None when absent or known only after apply."""
        return None if self.unknown.get(name) is True else self.values.get(name)

    def name(self, *attributes: str) -> str:
        """What usage.yml calls it: its name in the plan, or its address when the plan does not know one."""
        for attribute in attributes:
            value = self.known(attribute)
            if isinstance(value, str) and value:
                return value
        return self.address


@dataclass(frozen=True)
class Row:
    address: str
    counted: str
    quantity: Decimal
    unit: str
    unit_price: str
    monthly: Decimal
    price_key: str


@dataclass
class Context:
    table: PriceTable
    usage: Usage
    resources: list[Resource]
    traced: list[str] = field(default_factory=list)
    used_prices: set[str] = field(default_factory=set)

    @property
    def hours(self) -> Decimal:
        return self.usage.hours

    def price(self, key: str) -> Price:
        self.used_prices.add(key)
        return self.table[key]

    def row(self, resource: Resource, counted: str, key: str, quantity: Decimal, discount: Decimal = Decimal(0)) -> Row:
        price = self.price(key)
        unit_price = price.describe() + (f" less {_plain(discount * 100)}%" if discount else "")
        cost = price.cost(quantity) * (1 - discount)
        return Row(resource.address, counted, quantity, price.unit, unit_price, cost, key)

    def siblings(self, resource: Resource, resource_type: str) -> list[Resource]:
        """Resources of a type in the same module instance."""
        return [r for r in self.resources if r.type == resource_type and r.module == resource.module]


class NotPriced(Exception):
    """A resource whose usage cost this tool does not know (the reason says what is missing)."""


Pricer = Callable[[Resource, Context], list[Row]]
PRICERS: dict[str, Pricer] = {}


def pricer(*types: str):
    def register(function: Pricer) -> Pricer:
        for resource_type in types:
            PRICERS[resource_type] = function
        return function

    return register


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def chunks(payload_kb: Decimal) -> int:
    """Requests one payload is billed as: each 64 KB is one."""
    return max(1, math.ceil(payload_kb / KB_PER_CHUNK))


def queue_requests(messages: Decimal, payload_kb: Decimal, batch: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(sends, receives, deletes) a queue bills for `messages` read in batches of `batch`."""
    sends = messages * chunks(payload_kb)
    receive_calls = _ceil(messages / batch)
    receives = receive_calls * chunks(min(batch, messages) * payload_kb)
    return sends, receives, receive_calls  # DeleteMessageBatch: one request per batch received


def _ceil(value: Decimal) -> Decimal:
    return Decimal(math.ceil(value))


def _block(values: dict, name: str) -> dict:
    """The first block of a nested block list (`tracing_config`), or {}."""
    found = values.get(name) or []
    return found[0] if found and isinstance(found[0], dict) else {}


# ------------------------------------------------------------------ Lambda


def _architecture(function: Resource) -> str:
    return (function.known("architectures") or ["x86_64"])[0]


def _memory_gb(function: Resource) -> Decimal:
    return decimal(function.known("memory_size") or 128) / GIB


def runs_at_the_edge(function: Resource, ctx: Context) -> bool:
    """Lambda@Edge: its module's role is one CloudFront's replicas assume (edgelambda.amazonaws.com)."""
    return any(
        "edgelambda.amazonaws.com" in str(role.known("assume_role_policy") or "")
        for role in ctx.siblings(function, "aws_iam_role")
    )


@pricer("aws_lambda_function")
def lambda_function(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("function_name")
    requests = ctx.usage.number("functions", name, "requests_per_month")
    seconds = ctx.usage.number("functions", name, "duration_ms") / 1000
    gb_seconds = requests * seconds * _memory_gb(r)
    if runs_at_the_edge(r, ctx):
        # Lambda@Edge bills its own rates, per request and GB-second, in every edge region alike.
        return [
            ctx.row(r, "Lambda@Edge requests", "lambda_edge.requests", requests),
            ctx.row(r, f"Lambda@Edge duration at {r.known('memory_size')} MB", "lambda_edge.duration", gb_seconds),
        ]
    architecture = _architecture(r)
    provisioned = [
        p
        for p in ctx.resources
        if p.type == "aws_lambda_provisioned_concurrency_config" and p.known("function_name") == name
    ]
    duration_key = f"lambda.{'provisioned_duration' if provisioned else 'duration'}.{architecture}"
    rows = [
        ctx.row(r, "requests", "lambda.requests", requests),
        ctx.row(r, f"duration at {r.known('memory_size')} MB {architecture}", duration_key, gb_seconds),
    ]
    storage_mb = decimal(_block(r.values, "ephemeral_storage").get("size") or 512)
    if storage_mb > 512:
        rows.append(
            ctx.row(
                r,
                "ephemeral storage above 512 MB",
                "lambda.ephemeral_storage",
                requests * seconds * (storage_mb - 512) / GIB,
            )
        )
    if _block(r.values, "tracing_config").get("mode") == "Active":
        ctx.traced.append(r.address)
    return rows


@pricer("aws_cloudfront_distribution")
def cloudfront_distribution(r: Resource, ctx: Context) -> list[Row]:
    """Priced at the United States, Mexico and Canada rates (Europe's data rate is the same)."""
    aliases = r.known("aliases") or []
    name = aliases[0] if aliases else r.address
    return [
        ctx.row(
            r,
            "HTTPS requests",
            "cloudfront.https_requests",
            ctx.usage.number("distributions", name, "https_requests_per_month"),
        ),
        ctx.row(
            r,
            "data out to viewers",
            "cloudfront.data_out",
            ctx.usage.number("distributions", name, "data_out_gb_per_month"),
        ),
    ]


@pricer("aws_lambda_provisioned_concurrency_config")
def provisioned_concurrency(r: Resource, ctx: Context) -> list[Row]:
    name = r.known("function_name")
    function = next(
        (f for f in ctx.resources if f.type == "aws_lambda_function" and f.known("function_name") == name), None
    )
    if function is None:
        raise NotPriced(f"its function {name!r} is not in this plan, so its memory is unknown")
    concurrency = decimal(r.known("provisioned_concurrent_executions") or 0)
    configured = concurrency * _memory_gb(function) * ctx.hours * SECONDS_PER_HOUR
    key = f"lambda.provisioned_concurrency.{_architecture(function)}"
    return [ctx.row(r, f"{concurrency} environments kept warm", key, configured)]


# ------------------------------------------------------------------ messaging


@pricer("aws_sqs_queue")
def sqs_queue(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    messages = ctx.usage.number("queues", name, "messages_per_month")
    payload_kb = ctx.usage.number("queues", name, "payload_kb")
    batch = max(Decimal(1), ctx.usage.number("queues", name, "receive_batch_size"))
    sends, receives, deletes = queue_requests(messages, payload_kb, batch)
    kind = "fifo" if r.known("fifo_queue") else "standard"
    counted = f"requests: {sends:,} sends + {receives:,} receives + {deletes:,} deletes"
    return [ctx.row(r, counted, f"sqs.{kind}", sends + receives + deletes)]


@pricer("aws_sns_topic")
def sns_topic(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    publishes = ctx.usage.number("topics", name, "publishes_per_month")
    payload_kb = ctx.usage.number("topics", name, "payload_kb")
    if not r.known("fifo_topic"):
        return [ctx.row(r, "publishes (64 KB chunks)", "sns.standard.publish", publishes * chunks(payload_kb))]
    payload_gb = publishes * payload_kb / GIB / GIB
    subscriptions = len(ctx.siblings(r, "aws_sns_topic_subscription"))
    return [
        ctx.row(r, "publishes", "sns.fifo.publish", publishes),
        ctx.row(r, "payload published", "sns.fifo.publish_payload", payload_gb),
        ctx.row(r, f"deliveries to {subscriptions} subscriptions", "sns.fifo.delivery", publishes * subscriptions),
        ctx.row(r, "payload delivered", "sns.fifo.delivery_payload", payload_gb * subscriptions),
    ]


@pricer("aws_sns_topic_subscription")
def sns_subscription(r: Resource, ctx: Context) -> list[Row]:
    protocol = r.known("protocol")
    if protocol in ("sqs", "lambda", "firehose"):
        return []  # free for standard topics; a FIFO topic's deliveries are on the topic's rows
    if protocol in ("http", "https"):
        deliveries = ctx.usage.number("subscriptions", r.address, "deliveries_per_month")
        return [ctx.row(r, "HTTP/S deliveries", "sns.standard.delivery.http", deliveries)]
    raise NotPriced(f"deliveries over {protocol!r} are not in the price table")


@pricer("aws_pipes_pipe")
def pipe(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    events = ctx.usage.number("pipes", name, "events_per_month")
    per_event = chunks(ctx.usage.number("pipes", name, "payload_kb"))
    return [ctx.row(r, "events after the filter (64 KB chunks)", "pipes.requests", events * per_event)]


RATE_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


@pricer("aws_scheduler_schedule")
def schedule(r: Resource, ctx: Context) -> list[Row]:
    """rate() and at() schedules count their own invocations; a cron schedule's come from usage."""
    expression = str(r.known("schedule_expression") or "")
    rate = re.fullmatch(r"rate\((\d+) (minute|hour|day)s?\)", expression)
    if rate:
        invocations = _ceil(ctx.hours * SECONDS_PER_HOUR / (int(rate.group(1)) * RATE_SECONDS[rate.group(2)]))
    elif expression.startswith("at("):
        invocations = Decimal(1)
    else:
        invocations = ctx.usage.number("schedules", r.name("name"), "invocations_per_month")
    if r.known("state") == "DISABLED":
        invocations = Decimal(0)
    return [ctx.row(r, f"invocations of {expression}", "scheduler.invocations", invocations)]


# ------------------------------------------------------------------ DynamoDB


@pricer("aws_dynamodb_table")
def dynamodb_table(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    stored_gb = ctx.usage.number("tables", name, "stored_gb")
    rows = []
    if r.known("billing_mode") == "PROVISIONED":
        for attribute, key in (("write_capacity", "write"), ("read_capacity", "read")):
            units = decimal(r.known(attribute) or 0)
            rows.append(ctx.row(r, f"{units} {key} capacity units", f"dynamodb.provisioned.{key}", units * ctx.hours))
    else:
        item_kb = ctx.usage.number("tables", name, "item_kb")
        indexes = len(r.known("global_secondary_index") or [])
        writes = ctx.usage.number("tables", name, "writes_per_month") * _ceil(item_kb) * (1 + indexes)
        reads = ctx.usage.number("tables", name, "reads_per_month") * _ceil(item_kb / 4) / 2
        also = f", and each of {indexes} indexes" if indexes else ""
        rows += [
            ctx.row(r, f"write request units (1 KB each{also})", "dynamodb.on_demand.write", writes),
            ctx.row(r, "read request units (eventually consistent, 4 KB)", "dynamodb.on_demand.read", reads),
        ]
    rows.append(ctx.row(r, "storage", "dynamodb.storage", stored_gb))
    if _block(r.values, "point_in_time_recovery").get("enabled"):
        rows.append(ctx.row(r, "point-in-time recovery", "dynamodb.point_in_time_recovery", stored_gb))
    if r.known("stream_enabled"):
        reads = ctx.usage.number("tables", name, "stream_reads_per_month")
        rows.append(ctx.row(r, "stream reads (GetRecords)", "dynamodb.streams.read", reads))
    return rows


# ------------------------------------------------------------------ Step Functions, API Gateway


@pricer("aws_sfn_state_machine")
def state_machine(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    executions = ctx.usage.number("state_machines", name, "executions_per_month")
    if _block(r.values, "tracing_configuration").get("enabled"):
        ctx.traced.append(r.address)
    if r.known("type") == "EXPRESS":
        milliseconds = ctx.usage.number("state_machines", name, "duration_ms")
        memory_mb = ctx.usage.number("state_machines", name, "memory_mb", default=Decimal(64))
        billed_seconds = _ceil(milliseconds / 100) / 10
        billed_gb = _ceil(memory_mb / 64) * 64 / GIB
        return [
            ctx.row(r, "executions", "stepfunctions.express.request", executions),
            ctx.row(
                r,
                f"duration at {_ceil(memory_mb / 64) * 64} MB",
                "stepfunctions.express.duration",
                executions * billed_seconds * billed_gb,
            ),
        ]
    transitions = ctx.usage.number("state_machines", name, "transitions_per_execution")
    return [
        ctx.row(
            r,
            f"state transitions ({transitions} per execution)",
            "stepfunctions.standard.transition",
            executions * transitions,
        )
    ]


@pricer("aws_api_gateway_rest_api")
def rest_api(r: Resource, ctx: Context) -> list[Row]:
    requests = ctx.usage.number("apis", r.name("name"), "requests_per_month")
    return [ctx.row(r, "requests", "apigateway.rest.requests", requests)]


@pricer("aws_api_gateway_stage")
def rest_api_stage(r: Resource, ctx: Context) -> list[Row]:
    if r.known("xray_tracing_enabled"):
        ctx.traced.append(r.address)
    if not r.known("cache_cluster_enabled"):
        return []
    size = r.known("cache_cluster_size")
    return [ctx.row(r, f"{size} GB cache", f"apigateway.rest.cache.{size}", ctx.hours)]


# ------------------------------------------------------------------ CloudWatch


@pricer("aws_cloudwatch_log_group")
def log_group(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("name")
    ingested = ctx.usage.number("log_groups", name, "ingested_gb_per_month")
    retention_days = decimal(r.known("retention_in_days") or 0)
    if ctx.usage.has("log_groups", name, "stored_gb") or not retention_days:
        stored = ctx.usage.number("log_groups", name, "stored_gb")
        kept = "stored"
    else:
        stored = ingested * retention_days / (ctx.hours / 24)  # what a steady month keeps
        kept = f"stored ({retention_days} days kept)"
    return [ctx.row(r, "ingested", "logs.ingestion", ingested), ctx.row(r, kept, "logs.storage", stored)]


@pricer("aws_cloudwatch_metric_alarm")
def metric_alarm(r: Resource, ctx: Context) -> list[Row]:
    queries = r.known("metric_query") or []
    metrics = sum(1 for q in queries if q.get("metric")) or 1
    periods = [m.get("period") for q in queries for m in q.get("metric") or []] or [r.known("period") or 60]
    key = "cloudwatch.alarm.high_resolution" if min(p or 60 for p in periods) < 60 else "cloudwatch.alarm.standard"
    return [ctx.row(r, "alarm metrics", key, Decimal(metrics))]


@pricer("aws_appautoscaling_policy")
def scaling_policy(r: Resource, ctx: Context) -> list[Row]:
    if r.known("policy_type") != "TargetTrackingScaling":
        return []
    # Target tracking makes two CloudWatch alarms of its own, one to scale out and one in.
    return [ctx.row(r, "alarms target tracking creates", "cloudwatch.alarm.standard", Decimal(2))]


# ------------------------------------------------------------------ storage, keys


@pricer("aws_s3_bucket")
def s3_bucket(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("bucket")
    return [
        ctx.row(r, "storage (S3 Standard)", "s3.standard.storage", ctx.usage.number("buckets", name, "stored_gb")),
        ctx.row(r, "PUT requests", "s3.standard.put", ctx.usage.number("buckets", name, "put_requests_per_month")),
        ctx.row(r, "GET requests", "s3.standard.get", ctx.usage.number("buckets", name, "get_requests_per_month")),
    ]


@pricer("aws_secretsmanager_secret")
def secret(r: Resource, ctx: Context) -> list[Row]:
    # API calls ($0.05 per 10,000) are left out: a proxy or function reads a secret at a login or
    # a cold start, cents a month at any usage this library's examples describe.
    return [ctx.row(r, "secret", "secretsmanager.secret", Decimal(1))]


@pricer("aws_kms_key")
def kms_key(r: Resource, ctx: Context) -> list[Row]:
    requests = ctx.usage.number("kms_keys", r.address, "requests_per_month")
    return [ctx.row(r, "key", "kms.key", Decimal(1)), ctx.row(r, "requests", "kms.requests", requests)]


# ------------------------------------------------------------------ networking


@pricer("aws_nat_gateway")
def nat_gateway(r: Resource, ctx: Context) -> list[Row]:
    processed = ctx.usage.number("nat_gateways", r.address, "processed_gb_per_month")
    return [
        ctx.row(r, "hours", "vpc.nat_gateway.hour", ctx.hours),
        ctx.row(r, "data processed", "vpc.nat_gateway.data", processed),
    ]


@pricer("aws_eip")
def elastic_ip(r: Resource, ctx: Context) -> list[Row]:
    return [ctx.row(r, "public IPv4 address", "vpc.public_ipv4", ctx.hours)]


@pricer("aws_vpc_endpoint")
def vpc_endpoint(r: Resource, ctx: Context) -> list[Row]:
    if r.known("vpc_endpoint_type") == "Gateway":
        return []  # S3 and DynamoDB gateway endpoints have no charge
    name = str(r.known("service_name") or r.address).rsplit(".", 1)[-1]
    subnets = r.known("subnet_ids")
    zones = Decimal(len(subnets)) if subnets else ctx.usage.number("vpc_endpoints", name, "availability_zones")
    processed = ctx.usage.number("vpc_endpoints", name, "processed_gb_per_month")
    return [
        ctx.row(r, f"hours in {zones} Availability Zones", "vpc.interface_endpoint.hour", ctx.hours * zones),
        ctx.row(r, "data processed", "vpc.interface_endpoint.data", processed),
    ]


@pricer("aws_lb")
def load_balancer(r: Resource, ctx: Context) -> list[Row]:
    kind = r.known("load_balancer_type") or "application"
    if kind not in ("application", "network"):
        raise NotPriced(f"{kind} load balancers are not in the price table")
    lcus = ctx.usage.number("load_balancers", r.name("name"), "lcus")
    return [
        ctx.row(r, "hours", f"elb.{kind}.hour", ctx.hours),
        ctx.row(r, f"{lcus} capacity units on average", f"elb.{kind}.lcu", lcus * ctx.hours),
    ]


# ------------------------------------------------------------------ ECS on Fargate


@pricer("aws_ecs_service")
def ecs_service(r: Resource, ctx: Context) -> list[Row]:
    definitions = ctx.siblings(r, "aws_ecs_task_definition")
    if len(definitions) != 1:
        raise NotPriced(f"its task definition is not the one beside it ({len(definitions)} found)")
    task = definitions[0]
    name = r.name("name")
    tasks = ctx.usage.number("services", name, "average_tasks", default=decimal(r.known("desired_count") or 0))
    on_demand, spot = fargate_split(tasks, r.known("capacity_provider_strategy") or [], r.known("launch_type"))
    architecture = "arm64" if _block(task.values, "runtime_platform").get("cpu_architecture") == "ARM64" else "x86_64"
    vcpu = decimal(task.known("cpu")) / 1024
    memory_gb = decimal(task.known("memory")) / 1024
    rows = []
    for share, tasks_of_share, discount in (
        ("on demand", on_demand, Decimal(0)),
        ("Spot", spot, ctx.usage.top("spot_discount_percent") / 100 if spot else Decimal(0)),
    ):
        if not tasks_of_share:
            continue
        hours = tasks_of_share * ctx.hours
        rows += [
            ctx.row(
                r,
                f"{tasks_of_share} tasks {share}: {vcpu} vCPU {architecture}",
                f"fargate.{architecture}.vcpu",
                hours * vcpu,
                discount,
            ),
            ctx.row(
                r,
                f"{tasks_of_share} tasks {share}: {memory_gb} GB",
                f"fargate.{architecture}.memory",
                hours * memory_gb,
                discount,
            ),
        ]
    storage_gb = decimal(_block(task.values, "ephemeral_storage").get("size_in_gib") or 20)
    if storage_gb > 20:
        rows.append(
            ctx.row(
                r, "ephemeral storage above 20 GB", "fargate.ephemeral_storage", tasks * ctx.hours * (storage_gb - 20)
            )
        )
    if _block(r.values, "network_configuration").get("assign_public_ip"):
        rows.append(ctx.row(r, "a public IPv4 address per task", "vpc.public_ipv4", tasks * ctx.hours))
    return rows


def fargate_split(tasks: Decimal, strategy: list[dict], launch_type: str | None) -> tuple[Decimal, Decimal]:
    """(on-demand, Spot) tasks: each provider's base first, the rest shared by weight, as ECS places them."""
    if not strategy:
        if launch_type not in (None, "FARGATE"):
            raise NotPriced(f"launch type {launch_type} is not Fargate")
        return tasks, Decimal(0)
    placed = {"FARGATE": Decimal(0), "FARGATE_SPOT": Decimal(0)}
    remaining = tasks
    for item in strategy:
        provider = item["capacity_provider"]
        if provider not in placed:
            raise NotPriced(f"capacity provider {provider} is not Fargate")
        base = min(remaining, decimal(item.get("base") or 0))
        placed[provider] += base
        remaining -= base
    weights = {p: sum(decimal(i.get("weight") or 0) for i in strategy if i["capacity_provider"] == p) for p in placed}
    total_weight = sum(weights.values())
    if remaining and total_weight:
        spot = remaining * weights["FARGATE_SPOT"] / total_weight
        placed["FARGATE_SPOT"] += spot
        placed["FARGATE"] += remaining - spot
    return placed["FARGATE"], placed["FARGATE_SPOT"]


@pricer("aws_ecs_cluster")
def ecs_cluster(r: Resource, ctx: Context) -> list[Row]:
    insights = {s.get("name"): s.get("value") for s in r.known("setting") or []}.get("containerInsights")
    if insights not in ("enabled", "enhanced"):
        return []
    name = r.name("name")
    metrics = ctx.usage.number("clusters", name, "insights_metrics")
    ingested = ctx.usage.number("clusters", name, "insights_ingested_gb_per_month")
    return [
        ctx.row(r, "Container Insights metrics", "cloudwatch.custom_metric", metrics),
        ctx.row(r, "Container Insights performance logs", "logs.ingestion", ingested),
    ]


# ------------------------------------------------------------------ databases


def _aurora_family(instance: Resource) -> str:
    return "aurora." + str(instance.known("engine") or "aurora-postgresql").removeprefix("aurora-")


def _instance_price(ctx: Context, family: str, instance_class: str) -> Price:
    try:
        return ctx.price(f"{family}.{instance_class}")
    except CostInputError:
        raise NotPriced(f"{family} {instance_class} is not in the {ctx.table.region} price table") from None


@pricer("aws_db_instance")
def db_instance(r: Resource, ctx: Context) -> list[Row]:
    engine, instance_class = r.known("engine"), r.known("instance_class")
    price = _instance_price(ctx, f"rds.{engine}", instance_class)
    zones = Decimal(2) if r.known("multi_az") else Decimal(1)
    storage = decimal(r.known("allocated_storage") or 0)
    if r.known("storage_type") not in (None, "gp3"):
        raise NotPriced(f"{r.known('storage_type')} storage is not in the price table")
    rows = [
        ctx.row(r, f"{instance_class} in {zones} zone(s)", price.key, ctx.hours * zones),
        ctx.row(r, f"{storage} GB gp3 in {zones} zone(s)", "rds.gp3.storage", storage * zones),
    ]
    if r.known("manage_master_user_password"):
        rows.append(ctx.row(r, "master password secret", "secretsmanager.secret", Decimal(1)))
    return rows


@pricer("aws_rds_cluster")
def rds_cluster(r: Resource, ctx: Context) -> list[Row]:
    name = r.name("cluster_identifier")
    rows = [
        ctx.row(r, "storage", "aurora.storage", ctx.usage.number("databases", name, "stored_gb")),
        ctx.row(r, "I/O requests", "aurora.io", ctx.usage.number("databases", name, "io_requests_per_month")),
    ]
    if r.known("manage_master_user_password"):
        rows.append(ctx.row(r, "master password secret", "secretsmanager.secret", Decimal(1)))
    return rows


def _cluster_name(instance: Resource, ctx: Context) -> str:
    clusters = ctx.siblings(instance, "aws_rds_cluster")
    return clusters[0].name("cluster_identifier") if len(clusters) == 1 else instance.name("cluster_identifier")


@pricer("aws_rds_cluster_instance")
def rds_cluster_instance(r: Resource, ctx: Context) -> list[Row]:
    instance_class = r.known("instance_class")
    if instance_class == "db.serverless":
        acus = ctx.usage.number("databases", _cluster_name(r, ctx), "average_acus")
        return [ctx.row(r, f"{acus} ACUs on average", "aurora.serverless_v2.acu", acus * ctx.hours)]
    price = _instance_price(ctx, _aurora_family(r), instance_class)
    return [ctx.row(r, instance_class, price.key, ctx.hours)]


@pricer("aws_db_proxy")
def db_proxy(r: Resource, ctx: Context) -> list[Row]:
    instances = ctx.siblings(r, "aws_db_instance")
    cluster_instances = ctx.siblings(r, "aws_rds_cluster_instance")
    if any(i.known("instance_class") == "db.serverless" for i in cluster_instances):
        acus = max(Decimal(8), ctx.usage.number("databases", _cluster_name(cluster_instances[0], ctx), "average_acus"))
        return [ctx.row(r, f"{acus} ACUs behind it", "rds_proxy.acu", acus * ctx.hours)]
    vcpus = Decimal(0)
    for instance in instances + cluster_instances:
        family = f"rds.{instance.known('engine')}" if instance.type == "aws_db_instance" else _aurora_family(instance)
        vcpus += decimal(_instance_price(ctx, family, instance.known("instance_class")).attributes["vcpus"])
    if not vcpus:
        raise NotPriced("no database beside it, so the vCPUs it is billed for are unknown")
    vcpus = max(Decimal(2), vcpus)
    return [ctx.row(r, f"{vcpus} vCPUs of the database behind it", "rds_proxy.vcpu", vcpus * ctx.hours)]


def price_resource(resource: Resource, ctx: Context) -> list[Row]:
    """The rows of one resource; NotPriced when its type (or this use of it) is not known."""
    function = PRICERS.get(resource.type)
    if function is None:
        raise NotPriced("no pricer for this type")
    return function(resource, ctx)
