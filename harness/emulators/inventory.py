"""What an emulator holds that a destroyed example could have left behind.

After `terraform destroy` the example lifecycle asks for `leftovers(emulator)`: every
resource of a kind the library's modules create, other than what the emulator starts
with (moto's default VPC and its security group, AWS-managed keys, service-linked
roles). An empty list means the destroy removed everything the apply made.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from botocore.exceptions import ClientError, EndpointConnectionError


def _listings(client: Callable) -> Iterator[tuple[str, Callable[[], list[str]]]]:
    yield "sns topics", lambda: [t["TopicArn"] for t in client("sns").list_topics()["Topics"]]
    yield "sqs queues", lambda: client("sqs").list_queues().get("QueueUrls", [])
    yield "lambda functions", lambda: [f["FunctionName"] for f in client("lambda").list_functions()["Functions"]]
    yield "lambda layers", lambda: [layer["LayerName"] for layer in client("lambda").list_layers()["Layers"]]
    yield (
        "event source mappings",
        lambda: [
            _with_state(m["UUID"], m.get("State"))
            for m in client("lambda").list_event_source_mappings()["EventSourceMappings"]
        ],
    )
    yield "dynamodb tables", lambda: client("dynamodb").list_tables()["TableNames"]
    yield "s3 buckets", lambda: [b["Name"] for b in client("s3").list_buckets()["Buckets"]]
    yield "rest apis", lambda: [a["name"] for a in client("apigateway").get_rest_apis()["items"]]
    yield "vpc links", lambda: [v["name"] for v in client("apigateway").get_vpc_links()["items"]]
    yield "pipes", lambda: [p["Name"] for p in client("pipes").list_pipes()["Pipes"]]
    yield (
        "db instances",
        lambda: [
            _with_state(d["DBInstanceIdentifier"], d.get("DBInstanceStatus"))
            for d in client("rds").describe_db_instances()["DBInstances"]
        ],
    )
    yield (
        "db proxies",
        lambda: [
            _with_state(p["DBProxyName"], p.get("Status")) for p in client("rds").describe_db_proxies()["DBProxies"]
        ],
    )
    yield (
        "load balancers",
        lambda: [lb["LoadBalancerName"] for lb in client("elbv2").describe_load_balancers()["LoadBalancers"]],
    )
    yield (
        "target groups",
        lambda: [tg["TargetGroupName"] for tg in client("elbv2").describe_target_groups()["TargetGroups"]],
    )
    yield "active ecs clusters and services", lambda: _active_clusters(client("ecs"))
    yield (
        "scalable targets",
        lambda: [
            t["ResourceId"]
            for t in client("application-autoscaling").describe_scalable_targets(ServiceNamespace="ecs")[
                "ScalableTargets"
            ]
        ],
    )
    yield (
        "iam roles",
        lambda: [r["RoleName"] for r in client("iam").list_roles()["Roles"] if not r["Path"].startswith("/aws-")],
    )
    yield "log groups", lambda: [g["logGroupName"] for g in client("logs").describe_log_groups()["logGroups"]]
    yield (
        "security groups",
        lambda: [
            g["GroupId"]
            for g in client("ec2").describe_security_groups()["SecurityGroups"]
            if g["GroupName"] != "default"
        ],
    )
    yield "vpcs", lambda: [v["VpcId"] for v in client("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
    yield "secrets", lambda: [s["Name"] for s in client("secretsmanager").list_secrets()["SecretList"]]
    yield "customer keys", lambda: _customer_keys(client("kms"))
    yield "state machines", lambda: [m["name"] for m in client("stepfunctions").list_state_machines()["stateMachines"]]
    yield "event rules", lambda: [r["Name"] for r in client("events").list_rules()["Rules"]]
    yield "alarms", lambda: [a["AlarmName"] for a in client("cloudwatch").describe_alarms()["MetricAlarms"]]


def _active_clusters(ecs) -> list[str]:
    # A deleted cluster or service stays visible as INACTIVE for a while, as on AWS.
    arns = ecs.list_clusters()["clusterArns"]
    found = []
    for cluster in ecs.describe_clusters(clusters=arns)["clusters"] if arns else []:
        services = ecs.list_services(cluster=cluster["clusterArn"])["serviceArns"]
        described = (
            ecs.describe_services(cluster=cluster["clusterArn"], services=services)["services"] if services else []
        )
        found += [f"{cluster['clusterName']}/{s['serviceName']}" for s in described if s["status"] != "INACTIVE"]
        if cluster["status"] != "INACTIVE":
            found.append(cluster["clusterName"])
    return found


def _customer_keys(kms) -> list[str]:
    # A destroyed key is scheduled for deletion (7 to 30 days), not gone. A service's own
    # key (alias/aws/dynamodb, made on first use) is AWS managed, though moto says CUSTOMER.
    aliases = [a for page in kms.get_paginator("list_aliases").paginate() for a in page["Aliases"]]
    aws_managed = {a.get("TargetKeyId") for a in aliases if a["AliasName"].startswith("alias/aws/")}
    keys = []
    for key in (k for page in kms.get_paginator("list_keys").paginate() for k in page["Keys"]):
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        pending = metadata["KeyState"] == "PendingDeletion"
        if metadata["KeyManager"] == "CUSTOMER" and not pending and key["KeyId"] not in aws_managed:
            keys.append(f"{key['KeyId']} ({metadata.get('Description') or 'no description'})")
    return keys


# LocalStack (community, host mode) serves the REST APIs, queues, topics and roles the
# examples applied there use; DynamoDB, for one, needs a Java server it does not have here.
LOCALSTACK_KINDS = ("sns topics", "sqs queues", "rest apis", "lambda functions", "iam roles")


# States a resource passes through while AWS deletes it after the delete call answered.
SETTLING = ("deleting", "deleted")
SETTLE_SECONDS = 30.0  # AWS takes seconds to a minute; the emulators, less


def _with_state(name: str, state: str | None) -> str:
    return f"{name} ({state})" if state and state.lower() in SETTLING else name


def _settling(found: list[str]) -> list[str]:
    return [f for f in found if f.lower().endswith(tuple(f"({state})" for state in SETTLING))]


def leftovers(emulator, settle_seconds: float = SETTLE_SECONDS) -> list[str]:
    """'<kind>: <name>' for everything the emulator holds that an apply could have made.

    A resource being deleted (an event source mapping 'Deleting', a DB instance or proxy
    'deleting') is on its way to the state AWS reaches: read again, for up to
    `settle_seconds`, until none is; one still settling then is listed with its state."""
    deadline = time.monotonic() + settle_seconds
    while True:
        found = _read(emulator)
        if not _settling(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def _read(emulator) -> list[str]:
    found = []
    for kind, listing in _listings(emulator.client):
        if emulator.kind == "localstack" and kind not in LOCALSTACK_KINDS:
            continue
        try:
            names = listing()
        except (ClientError, EndpointConnectionError) as error:
            found.append(f"{kind}: could not be listed ({error})")
            continue
        found += [f"{kind}: {name}" for name in names]
    return found
