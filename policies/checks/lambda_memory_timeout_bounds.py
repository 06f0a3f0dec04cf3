"""CKV_ASM_1: a Lambda function sets memory and timeout explicitly, within Lambda's bounds.

Lambda's defaults (128 MB, 3 s) are rarely what a function needs and hide the
choice; values outside 128-10240 MB or 1-900 s fail at apply time, late.
"""

from __future__ import annotations

from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

BOUNDS = {"memory_size": (128, 10240), "timeout": (1, 900)}


def _number(conf: dict[str, list[Any]], key: str) -> float | None | str:
    """The attribute as a number, None when absent, "unresolved" when not a literal."""
    if key not in conf:
        return None
    value = conf[key][0] if isinstance(conf[key], list) and conf[key] else conf[key]
    try:
        return float(value)
    except (TypeError, ValueError):
        return "unresolved"


class LambdaMemoryTimeoutBounds(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure Lambda functions set memory_size (128-10240 MB) and timeout (1-900 s) explicitly",
            id="CKV_ASM_1",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_lambda_function",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        for key, (low, high) in BOUNDS.items():
            value = _number(conf, key)
            if value is None:
                return CheckResult.FAILED
            if value == "unresolved":
                return CheckResult.UNKNOWN
            if not low <= value <= high:
                return CheckResult.FAILED
        return CheckResult.PASSED

    def get_evaluated_keys(self) -> list[str]:
        return list(BOUNDS)


check = LambdaMemoryTimeoutBounds()
