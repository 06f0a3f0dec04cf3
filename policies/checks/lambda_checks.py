"""CKV_ASM_1..2: Lambda functions and the permissions that let services invoke them.

- CKV_ASM_1: a Lambda function sets memory and timeout explicitly, within Lambda's bounds.

  Lambda's defaults (128 MB, 3 s) are rarely what a function needs and hide the
  choice; values outside 128-10240 MB or 1-900 s fail at apply time, late.
- CKV_ASM_2: a Lambda permission granted to an AWS service names the source ARN.

  Without source_arn, any resource of that service, in any account, may invoke the
  function (the confused-deputy problem). S3 bucket ARNs carry no account, so an
  S3 permission also needs source_account. A source_arn with a wildcard (`*` or
  `?`: `arn:aws:sns:...:*`, `arn:aws:s3:::*`) names no one source and fails too.
  API Gateway's source ARNs carry a stage and method wildcard by design; how far
  they reach is CKV_ASM_9's to judge. Stricter than CKV_AWS_364, which is satisfied
  by source_account alone.
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
    """`memory_size` (128-10240 MB) and `timeout` (1-900 s) are set explicitly and within Lambda's
    bounds"""

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


# Services whose source ARNs do not contain the owning account.
NEEDS_SOURCE_ACCOUNT = {"s3.amazonaws.com"}
# Principals whose source ARNs are judged by another check (CKV_ASM_9 for API Gateway).
WILDCARDS_JUDGED_ELSEWHERE = {"apigateway.amazonaws.com"}


def _value(conf: dict[str, list[Any]], key: str) -> Any:
    raw = conf.get(key)
    if isinstance(raw, list):
        return raw[0] if raw else None
    return raw


class LambdaPermissionSourceArn(BaseResourceCheck):
    """a permission for an AWS service principal names one `source_arn` (no `*` or `?`; API
    Gateway's execute-api ARNs are CKV_ASM_9's); an S3 permission also names `source_account`"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure Lambda permissions for AWS services name source_arn (and source_account for S3)",
            id="CKV_ASM_2",
            categories=(CheckCategories.IAM,),
            supported_resources=("aws_lambda_permission",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        principal = _value(conf, "principal")
        if not isinstance(principal, str):
            return CheckResult.UNKNOWN
        if not principal.endswith(".amazonaws.com"):
            return CheckResult.PASSED  # accounts and roles are scoped by their own policies
        source_arn = _value(conf, "source_arn")
        if not source_arn:
            return CheckResult.FAILED
        if not isinstance(source_arn, str):
            return CheckResult.UNKNOWN
        if principal not in WILDCARDS_JUDGED_ELSEWHERE and ("*" in source_arn or "?" in source_arn):
            return CheckResult.FAILED
        if principal in NEEDS_SOURCE_ACCOUNT and not _value(conf, "source_account"):
            return CheckResult.FAILED
        return CheckResult.PASSED

    def get_evaluated_keys(self) -> list[str]:
        return ["principal", "source_arn", "source_account"]


lambda_memory_timeout_bounds = LambdaMemoryTimeoutBounds()
lambda_permission_source_arn = LambdaPermissionSourceArn()
