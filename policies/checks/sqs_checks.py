"""CKV_ASM_3..4: SQS queues and their policies.

- CKV_ASM_3: a queue policy that lets SNS send names the topic (aws:SourceArn).

  Without the condition any topic, in any account, can write into the queue. The
  check reads the policy document; it is UNKNOWN where the document is not a
  literal (HCL scans of data sources) and exact on plan JSON.
- CKV_ASM_4: every SQS queue has a dead-letter queue, or is one.

  A queue with a redrive_policy sends what keeps failing to its DLQ; a queue whose
  redrive_allow_policy admits source queues (allowAll, or byQueue with queues)
  declares itself a DLQ. `denyAll` says the opposite (no queue may redrive into it),
  so it does not count. A queue with neither loses poison messages when their
  retention runs out. A service's own terminal DLQ (Lambda's or a pipe's, written
  directly, denyAll) is skipped on its resource, with that reason.
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
    """a statement that lets SNS (or anyone: `"*"` or `{"AWS": "*"}`) send is scoped by
    `aws:SourceArn` (exact on plan JSON; UNKNOWN where HCL holds no literal document)"""

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


def _set(conf: dict[str, list[Any]], key: str) -> bool:
    value = conf.get(key)
    value = value[0] if isinstance(value, list) and value else value
    return value not in (None, "", {}, [])


def _admits_sources(conf: dict[str, list[Any]]) -> bool | None:
    """Whether the redrive_allow_policy lets some queue redrive here; None when it cannot be read."""
    raw = conf.get("redrive_allow_policy")
    raw = raw[0] if isinstance(raw, list) and raw else raw
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            return None
    if not isinstance(raw, dict):
        return None
    permission = raw.get("redrivePermission")
    if permission == "allowAll":
        return True
    if permission == "byQueue":
        return bool(raw.get("sourceQueueArns"))
    return False  # denyAll, or no permission named


class SqsQueueHasDeadLetter(BaseResourceCheck):
    """every queue has a dead-letter queue (`redrive_policy`) or is one (a `redrive_allow_policy`
    that admits source queues; `denyAll` does not, and the two service-written DLQs skip it with
    their reason)"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure every SQS queue has a dead-letter queue (redrive_policy) or is one (redrive_allow_policy)",
            id="CKV_ASM_4",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_sqs_queue",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        if _set(conf, "redrive_policy"):
            return CheckResult.PASSED
        if not _set(conf, "redrive_allow_policy"):
            return CheckResult.FAILED
        admits = _admits_sources(conf)
        if admits is None:
            return CheckResult.UNKNOWN  # an expression HCL scans cannot resolve; the plan scan sees it
        return CheckResult.PASSED if admits else CheckResult.FAILED

    def get_evaluated_keys(self) -> list[str]:
        return ["redrive_policy", "redrive_allow_policy"]


sqs_policy_scoped_to_topic = SqsPolicyScopedToTopic()
sqs_queue_has_dead_letter = SqsQueueHasDeadLetter()
