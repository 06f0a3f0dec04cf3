"""CKV_ASM_2: a Lambda permission granted to an AWS service names the source ARN.

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


check = LambdaPermissionSourceArn()
