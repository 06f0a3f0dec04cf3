"""CKV_ASM_15: an ECS service stops and rolls back a failing deployment.

Without the deployment circuit breaker, a service whose new tasks keep failing
their health checks keeps replacing them for hours; with it but without rollback,
ECS stops the deployment and leaves the service below its desired count.
terraform-aws-modules and cloudposse both default it off; fargate-service
defaults it on, and this check holds every service to that.

No public IP (CKV_AWS_333) and separate task and execution roles (CKV_AWS_249)
are checkov built-ins; tests/policies/test_checkov.py shows them failing on fixtures here.
"""

from __future__ import annotations

from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first as _first
from checkov_values import unresolved as _unresolved


class ServiceCircuitBreakerWithRollback(BaseResourceCheck):
    """the deployment circuit breaker is on, with rollback"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an ECS service has the deployment circuit breaker on, with rollback",
            id="CKV_ASM_15",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_ecs_service",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        breaker = _first(conf.get("deployment_circuit_breaker"))
        if not isinstance(breaker, dict):
            return CheckResult.FAILED
        values = [_first(breaker.get("enable")), _first(breaker.get("rollback"))]
        if any(_unresolved(v) for v in values):
            return CheckResult.UNKNOWN
        return CheckResult.PASSED if values == [True, True] else CheckResult.FAILED

    def get_evaluated_keys(self) -> list[str]:
        return ["deployment_circuit_breaker/[0]/enable", "deployment_circuit_breaker/[0]/rollback"]


service_circuit_breaker_with_rollback = ServiceCircuitBreakerWithRollback()
