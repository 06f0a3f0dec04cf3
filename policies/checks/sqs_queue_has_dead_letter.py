"""CKV_ASM_4: every SQS queue has a dead-letter queue, or is one.

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


check = SqsQueueHasDeadLetter()
