"""CKV_ASM_8..10: API Gateway REST APIs.

- CKV_ASM_8: a stage writes access logs, in JSON, with at least requestId and
  status (checkov's CKV_AWS_76 asks only for a destination).
- CKV_ASM_9: a Lambda permission for API Gateway names one API's execution ARN
  down to a method and path, or one authorizer (not any API, not /*/*).
- CKV_ASM_10: a method open to anyone (authorization NONE, no API key) records
  that decision: its operation_name starts with "Unauthenticated", which the
  module sets only for routes with allow_unauthenticated = true.
Where HCL holds no literal value the result is UNKNOWN; the plan scan is exact.
"""

from __future__ import annotations

import json
import re
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first as _first
from checkov_values import unresolved as _unresolved

ACCESS_LOG_FIELDS = {"requestId", "status"}
# arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path> or .../authorizers/<id>
EXECUTE_API_ARN = re.compile(r"^arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]+/(.+)$")
EXECUTION_ARN_REFERENCE = re.compile(r"^\$\{[^}]*\.execution_arn\}/(.+)$")


def _scope(rest: str) -> CheckResult:
    """Judge what follows the API id: authorizers/<id>, or <stage>/<METHOD>/<path>."""
    if rest.startswith("authorizers/"):
        return CheckResult.PASSED if rest[len("authorizers/") :].strip() not in ("", "*") else CheckResult.FAILED
    parts = rest.split("/", 2)
    if len(parts) < 3 or parts[2] == "*":
        return CheckResult.FAILED  # any method and path (/*/*), or any path
    if "${" in rest:
        return CheckResult.UNKNOWN  # method or path computed per route: the plan decides
    return CheckResult.PASSED


class StageAccessLogsJson(BaseResourceCheck):
    """access logs on, in JSON, with at least `requestId` and `status`"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an API Gateway stage writes JSON access logs with requestId and status",
            id="CKV_ASM_8",
            categories=(CheckCategories.LOGGING,),
            supported_resources=("aws_api_gateway_stage",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        settings = _first(conf.get("access_log_settings"))
        if not isinstance(settings, dict) or not _first(settings.get("destination_arn")):
            return CheckResult.FAILED
        log_format = _first(settings.get("format"))
        if _unresolved(log_format):
            return CheckResult.UNKNOWN
        if isinstance(log_format, str):
            try:
                log_format = json.loads(log_format)
            except json.JSONDecodeError:
                return CheckResult.FAILED  # CLF or XML: not machine-queryable in Logs Insights
        if not isinstance(log_format, dict):
            return CheckResult.FAILED
        return CheckResult.PASSED if set(log_format) >= ACCESS_LOG_FIELDS else CheckResult.FAILED


class ApiGatewayPermissionScoped(BaseResourceCheck):
    """a permission for API Gateway names one API's execution ARN down to a method and path, or one
    authorizer"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure a Lambda permission for API Gateway is scoped to one API's method and path or authorizer",
            id="CKV_ASM_9",
            categories=(CheckCategories.IAM,),
            supported_resources=("aws_lambda_permission",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        if _first(conf.get("principal")) != "apigateway.amazonaws.com":
            return CheckResult.UNKNOWN  # CKV_ASM_2 covers other services
        source_arn = _first(conf.get("source_arn"))
        if not isinstance(source_arn, str) or not source_arn:
            return CheckResult.UNKNOWN  # absent: CKV_ASM_2 fails it; computed: known after apply
        reference = EXECUTION_ARN_REFERENCE.match(source_arn)
        if reference:
            return _scope(reference.group(1))
        arn = EXECUTE_API_ARN.match(source_arn)
        if arn:
            return _scope(arn.group(1))
        if source_arn.startswith("arn:"):
            return CheckResult.FAILED  # not one API's execute-api ARN (another service, or any API)
        return CheckResult.UNKNOWN  # an expression checkov could not render

    def get_evaluated_keys(self) -> list[str]:
        return ["principal", "source_arn"]


class OpenMethodIsDeliberate(BaseResourceCheck):
    """a method open to anyone (no authorization, no API key) carries `operation_name =
    "Unauthenticated..."`, the mark `apigw-integrations` sets only for routes with
    `allow_unauthenticated = true`"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an API Gateway method open to anyone is marked as a deliberate decision",
            id="CKV_ASM_10",
            categories=(CheckCategories.IAM,),
            supported_resources=("aws_api_gateway_method",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        authorization, method = _first(conf.get("authorization")), _first(conf.get("http_method"))
        api_key = _first(conf.get("api_key_required"))
        if any(_unresolved(v) for v in (authorization, method, api_key)) or not isinstance(authorization, str):
            return CheckResult.UNKNOWN
        if authorization != "NONE" or api_key is True or method == "OPTIONS":
            return CheckResult.PASSED
        operation = _first(conf.get("operation_name"))
        if _unresolved(operation):
            return CheckResult.UNKNOWN
        return (
            CheckResult.PASSED
            if isinstance(operation, str) and operation.startswith("Unauthenticated")
            else CheckResult.FAILED
        )

    def get_evaluated_keys(self) -> list[str]:
        return ["authorization", "api_key_required", "http_method", "operation_name"]


stage_access_logs_json = StageAccessLogsJson()
api_gateway_permission_scoped = ApiGatewayPermissionScoped()
open_method_is_deliberate = OpenMethodIsDeliberate()
