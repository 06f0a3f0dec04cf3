"""Every policy document a plan or a deployed account holds, with what kind of policy it is.

The lint (simulate.cjs, op "lint") reads each against IAM's catalogue: identity policies
(roles' inline and managed), resource policies (queues, topics, buckets, keys, secrets,
buses, repositories, APIs) and trust policies (judged as resource policies: they name a
Principal). Lambda permissions are single statements made by the service; their action is
checked on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

from harness.authorization.policies import resource_policy, role_policies

# Resource type -> (attribute holding a policy document, kind of policy).
POLICY_ATTRIBUTES: dict[str, tuple[str, str]] = {
    "aws_iam_role_policy": ("policy", "identity"),
    "aws_iam_policy": ("policy", "identity"),
    "aws_iam_role": ("assume_role_policy", "resource"),
    "aws_sqs_queue_policy": ("policy", "resource"),
    "aws_sqs_queue": ("policy", "resource"),
    "aws_sns_topic_policy": ("policy", "resource"),
    "aws_sns_topic": ("policy", "resource"),
    "aws_s3_bucket_policy": ("policy", "resource"),
    "aws_kms_key": ("policy", "resource"),
    "aws_secretsmanager_secret_policy": ("policy", "resource"),
    "aws_cloudwatch_event_bus_policy": ("policy", "resource"),
    "aws_ecr_repository_policy": ("policy", "resource"),
    "aws_api_gateway_rest_api_policy": ("policy", "resource"),
    "aws_cloudwatch_log_resource_policy": ("policy_document", "resource"),
}


@dataclass(frozen=True)
class Document:
    """A policy document and where it is."""

    where: str
    kind: str  # identity or resource
    policy: dict[str, Any]


def _as_dict(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        return json.loads(value)
    return None


def plan_documents(plan: dict[str, Any]) -> tuple[list[Document], list[str]]:
    """The plan's known policy documents, and the addresses whose document is unknown until apply."""
    documents, unknown = [], []
    for change in plan.get("resource_changes", []):
        if change.get("mode") != "managed" or change["type"] not in POLICY_ATTRIBUTES:
            continue
        after = change["change"].get("after") or {}
        attribute, kind = POLICY_ATTRIBUTES[change["type"]]
        if (change["change"].get("after_unknown") or {}).get(attribute):
            unknown.append(change["address"])
            continue
        policy = _as_dict(after.get(attribute))
        if policy is not None:
            documents.append(Document(change["address"], kind, policy))
    for change in plan.get("resource_changes", []):
        if change["type"] == "aws_lambda_permission" and change["change"].get("after"):
            action = change["change"]["after"]["action"]
            statement = {
                "Effect": "Allow",
                "Principal": {"Service": "x.amazonaws.com"},
                "Action": action,
                "Resource": "*",
            }
            documents.append(
                Document(change["address"], "resource", {"Version": "2012-10-17", "Statement": [statement]})
            )
    return documents, unknown


def _queues() -> Iterator[str]:
    sqs = boto3.client("sqs")
    for url in sqs.list_queues().get("QueueUrls", []):
        yield sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def _topics() -> Iterator[str]:
    for page in boto3.client("sns").get_paginator("list_topics").paginate():
        yield from (t["TopicArn"] for t in page["Topics"])


def _buckets() -> Iterator[str]:
    yield from (f"arn:aws:s3:::{b['Name']}" for b in boto3.client("s3").list_buckets().get("Buckets", []))


def _functions() -> Iterator[str]:
    for page in boto3.client("lambda").get_paginator("list_functions").paginate():
        yield from (f["FunctionArn"] for f in page["Functions"])


def _customer_keys() -> Iterator[str]:
    kms = boto3.client("kms")
    for key in kms.list_keys().get("Keys", []):
        try:
            metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        except ClientError:
            continue
        if metadata.get("KeyManager") == "CUSTOMER" and metadata.get("KeyState") == "Enabled":
            yield metadata["Arn"]


def _secrets() -> Iterator[str]:
    yield from (s["ARN"] for s in boto3.client("secretsmanager").list_secrets().get("SecretList", []))


def account_documents() -> list[Document]:
    """Every policy the emulator's account holds: roles' (identity), and queues', topics',
    buckets', functions', keys' and secrets' (resource), as written by the apply."""
    documents = []
    iam = boto3.client("iam")
    for page in iam.get_paginator("list_roles").paginate():
        for role in page["Roles"]:
            if role["Path"].startswith("/aws-service-role/"):
                continue
            for policy in role_policies(role["RoleName"]):
                if not policy["name"].startswith("arn:aws:iam::aws:policy/"):  # AWS's own managed policies
                    documents.append(
                        Document(f"role {role['RoleName']}: {policy['name']}", "identity", policy["policy"])
                    )
            trust = role["AssumeRolePolicyDocument"]
            documents.append(Document(f"role {role['RoleName']}: trust", "resource", _as_dict(trust) or {}))
    for arns in (_queues(), _topics(), _buckets(), _functions(), _customer_keys(), _secrets()):
        for arn in arns:
            policy = resource_policy(arn)
            if policy:
                documents.append(Document(arn, "resource", policy))
    return documents
