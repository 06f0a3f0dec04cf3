"""CKV_ASM_5..7: EventBridge Pipes (checkov has no checks of its own for them).

- CKV_ASM_5: the pipe logs (a log_configuration with a level other than OFF).
- CKV_ASM_6: a DynamoDB stream source has a dead-letter queue for records that
  keep failing (otherwise they are dropped when their age or retries run out).
- CKV_ASM_7: a role Pipes may assume is Pipes' alone: no other service principal
  in its trust policy (exact on plan JSON; UNKNOWN where HCL holds no literal).
"""

from __future__ import annotations

import json
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first as _first


class PipeLogs(BaseResourceCheck):
    """the pipe logs (a level other than OFF)"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an EventBridge pipe has logging on",
            id="CKV_ASM_5",
            categories=(CheckCategories.LOGGING,),
            supported_resources=("aws_pipes_pipe",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        logging = _first(conf.get("log_configuration"))
        if not isinstance(logging, dict):
            return CheckResult.FAILED
        level = _first(logging.get("level"))
        if not isinstance(level, str) or level.startswith("${"):
            return CheckResult.UNKNOWN
        return CheckResult.FAILED if level == "OFF" else CheckResult.PASSED


class PipeStreamHasDeadLetter(BaseResourceCheck):
    """a DynamoDB stream source has a dead-letter queue"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an EventBridge pipe reading a DynamoDB stream has a dead-letter queue",
            id="CKV_ASM_6",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_pipes_pipe",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        parameters = _first(conf.get("source_parameters"))
        stream = _first(parameters.get("dynamodb_stream_parameters")) if isinstance(parameters, dict) else None
        if not isinstance(stream, dict):
            return CheckResult.UNKNOWN  # not a stream source: the rule does not apply
        dead_letter = _first(stream.get("dead_letter_config"))
        arn = _first(dead_letter.get("arn")) if isinstance(dead_letter, dict) else None
        return CheckResult.PASSED if arn else CheckResult.FAILED


class PipeRoleNotShared(BaseResourceCheck):
    """a role Pipes may assume trusts no other service (exact on plan JSON)"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure a role that EventBridge Pipes may assume trusts no other service",
            id="CKV_ASM_7",
            categories=(CheckCategories.IAM,),
            supported_resources=("aws_iam_role",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        raw = _first(conf.get("assume_role_policy"))
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                return CheckResult.UNKNOWN
        if not isinstance(raw, dict):
            return CheckResult.UNKNOWN
        statements = raw.get("Statement", [])
        services: set[str] = set()
        for statement in [statements] if isinstance(statements, dict) else statements:
            if statement.get("Effect", "Allow") != "Allow":
                continue
            principal = statement.get("Principal", {})
            service = principal.get("Service", []) if isinstance(principal, dict) else []
            services |= {service} if isinstance(service, str) else set(service)
        if "pipes.amazonaws.com" not in services:
            return CheckResult.UNKNOWN  # not a Pipes role: the rule does not apply
        return CheckResult.PASSED if services == {"pipes.amazonaws.com"} else CheckResult.FAILED


pipe_logs = PipeLogs()
pipe_stream_has_dead_letter = PipeStreamHasDeadLetter()
pipe_role_not_shared = PipeRoleNotShared()
