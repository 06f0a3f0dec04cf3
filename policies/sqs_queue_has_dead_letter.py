"""CKV_ASM_4: every SQS queue has a dead-letter queue, or is one.

A queue with a redrive_policy sends what keeps failing to its DLQ; a queue with a
redrive_allow_policy declares itself a DLQ (and says who may use it). A queue with
neither loses poison messages when their retention runs out.
"""

from __future__ import annotations

from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck


def _set(conf: dict[str, list[Any]], key: str) -> bool:
    value = conf.get(key)
    value = value[0] if isinstance(value, list) and value else value
    return value not in (None, "", {}, [])


class SqsQueueHasDeadLetter(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure every SQS queue has a dead-letter queue (redrive_policy) or is one (redrive_allow_policy)",
            id="CKV_ASM_4",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_sqs_queue",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        if _set(conf, "redrive_policy") or _set(conf, "redrive_allow_policy"):
            return CheckResult.PASSED
        return CheckResult.FAILED

    def get_evaluated_keys(self) -> list[str]:
        return ["redrive_policy", "redrive_allow_policy"]


check = SqsQueueHasDeadLetter()
