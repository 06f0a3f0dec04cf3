"""CKV_ASM_3: a queue policy that lets SNS send names the topic (aws:SourceArn).

Without the condition any topic, in any account, can write into the queue. The
check reads the policy document; it is UNKNOWN where the document is not a
literal (HCL scans of data sources) and exact on plan JSON.
"""

from __future__ import annotations

import json
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

SOURCE_KEYS = {"aws:sourcearn"}


def _document(conf: dict[str, list[Any]]) -> dict | None:
    raw = conf.get("policy")
    raw = raw[0] if isinstance(raw, list) and raw else raw
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return None
    return None


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _principals(statement: dict) -> list[str]:
    """Service principals, and "*" for everyone (Principal "*" or {"AWS": "*"}, which IAM reads alike)."""
    principal = statement.get("Principal", {})
    if principal == "*":
        return ["*"]
    if not isinstance(principal, dict):
        return []
    everyone = ["*"] if "*" in _listed(principal.get("AWS")) else []
    return everyone + _listed(principal.get("Service"))


def _condition_keys(statement: dict) -> set[str]:
    return {key.lower() for block in (statement.get("Condition") or {}).values() for key in block}


class SqsPolicyScopedToTopic(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure an SQS queue policy that allows SNS to send is scoped by aws:SourceArn",
            id="CKV_ASM_3",
            categories=(CheckCategories.IAM,),
            supported_resources=("aws_sqs_queue_policy",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        document = _document(conf)
        if document is None:
            return CheckResult.UNKNOWN
        statements = document.get("Statement", [])
        for statement in [statements] if isinstance(statements, dict) else statements:
            if statement.get("Effect") != "Allow":
                continue
            admits_sns = any(p in ("*", "sns.amazonaws.com") for p in _principals(statement))
            if admits_sns and not SOURCE_KEYS & _condition_keys(statement):
                return CheckResult.FAILED
        return CheckResult.PASSED

    def get_evaluated_keys(self) -> list[str]:
        return ["policy"]


check = SqsPolicyScopedToTopic()
