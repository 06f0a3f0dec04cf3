"""CKV_ASM_19: every Lambda@Edge association of a CloudFront distribution names a numbered version.

CloudFront runs a function version, never $LATEST or an alias: an unqualified ARN, an
alias or $LATEST is refused by CloudFront at apply, after the rest of the change went
out. The check reads each cache behavior's lambda_function_association: a literal ARN
must end in `:<version number>`; a reference must be to a qualified ARN
(`.qualified_arn`, modules/lambda-at-edge's `function_qualified_arn` or
`cloudfront_associations`), and one to `.arn` or `function_arn` fails. What it cannot
read (a version known only after apply, in a plan) is UNKNOWN.
"""

from __future__ import annotations

import re
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first

VERSIONED_ARN = re.compile(r"^arn:aws[a-z-]*:lambda:us-east-1:\d{12}:function:[A-Za-z0-9_-]+:\d+$")
QUALIFIED_REFERENCE = re.compile(r"(\.qualified_arn|\.function_qualified_arn|\.cloudfront_associations\b.*)\}?$")
UNQUALIFIED_REFERENCE = re.compile(r"(\.arn|\.function_arn|\.invoke_arn)\}?$")


def _associations(conf: dict[str, list[Any]]) -> list[dict]:
    found = []
    for key in ("default_cache_behavior", "ordered_cache_behavior"):
        for behavior in conf.get(key) or []:
            if isinstance(behavior, dict):
                found += [a for a in behavior.get("lambda_function_association") or [] if isinstance(a, dict)]
    return found


def judge(lambda_arn: Any) -> CheckResult:
    value = first(lambda_arn)
    if not isinstance(value, str) or not value:
        return CheckResult.UNKNOWN
    if not value.startswith("arn:"):  # a reference (checkov writes it bare or as ${...})
        if QUALIFIED_REFERENCE.search(value):
            return CheckResult.PASSED
        if UNQUALIFIED_REFERENCE.search(value) or "$LATEST" in value:
            return CheckResult.FAILED
        return CheckResult.UNKNOWN
    return CheckResult.PASSED if VERSIONED_ARN.match(value) else CheckResult.FAILED


class EdgeAssociationUsesVersion(BaseResourceCheck):
    """every `lambda_function_association` names a published version: a literal ARN ends in
    `:<number>` (not `$LATEST`, not an alias, us-east-1), a reference is to `qualified_arn` (or
    `lambda-at-edge`'s `function_qualified_arn` / `cloudfront_associations`), never `.arn`"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure every Lambda@Edge association names a published version (a qualified ARN)",
            id="CKV_ASM_19",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_cloudfront_distribution",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        results = [judge(a.get("lambda_arn")) for a in _associations(conf)]
        if not results:
            return CheckResult.PASSED  # no edge function
        if CheckResult.FAILED in results:
            return CheckResult.FAILED
        return CheckResult.UNKNOWN if CheckResult.UNKNOWN in results else CheckResult.PASSED

    def get_evaluated_keys(self) -> list[str]:
        return ["default_cache_behavior/[0]/lambda_function_association", "ordered_cache_behavior"]


check = EdgeAssociationUsesVersion()
