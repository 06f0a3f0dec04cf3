"""CKV_ASM_11..12: the path from a function to its database.

- CKV_ASM_11: an RDS Proxy requires TLS and IAM authentication for every auth
  entry (a client can then neither sniff nor log in with a leaked password).
- CKV_ASM_12: no security group rule admits a database port (PostgreSQL,
  MySQL/Aurora, SQL Server, Oracle) from a CIDR range; database access is
  granted by reference to the client's security group only.
Where HCL holds no literal value the result is UNKNOWN; the plan scan is exact.
"""

from __future__ import annotations

from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first as _first
from checkov_values import unresolved as _unresolved

DATABASE_PORTS = (5432, 3306, 1433, 1521)


class ProxyRequiresTlsAndIam(BaseResourceCheck):
    """TLS required and IAM authentication REQUIRED on every auth entry"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure an RDS Proxy requires TLS and IAM authentication",
            id="CKV_ASM_11",
            categories=(CheckCategories.ENCRYPTION,),
            supported_resources=("aws_db_proxy",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        require_tls = _first(conf.get("require_tls"))
        if _unresolved(require_tls):
            return CheckResult.UNKNOWN
        if require_tls is not True:
            return CheckResult.FAILED
        auths = conf.get("auth") or []
        auths = [_first(a) for a in auths] if isinstance(auths, list) else [auths]
        if not auths:
            return CheckResult.FAILED
        for auth in auths:
            iam = _first(auth.get("iam_auth")) if isinstance(auth, dict) else None
            if _unresolved(iam):
                return CheckResult.UNKNOWN
            if iam != "REQUIRED":
                return CheckResult.FAILED
        return CheckResult.PASSED

    def get_evaluated_keys(self) -> list[str]:
        return ["require_tls", "auth/[0]/iam_auth"]


def _port_range(rule: dict[str, Any]) -> tuple[int, int] | None:
    low, high = _first(rule.get("from_port")), _first(rule.get("to_port"))
    protocol = str(_first(rule.get("ip_protocol", rule.get("protocol"))) or "")
    if protocol in ("-1", "all"):
        return (0, 65535)
    if isinstance(low, int | float) and isinstance(high, int | float):
        return (int(low), int(high))
    return None


def _opens_database_port(rule: dict[str, Any]) -> bool | None:
    """True/False, or None when the rule's values are not literal."""
    cidrs = [_first(rule.get(k)) for k in ("cidr_ipv4", "cidr_ipv6", "cidr_blocks", "ipv6_cidr_blocks")]
    cidrs = [c for c in cidrs if c not in (None, [], "")]
    if not cidrs:
        return False  # by reference (security group or prefix list): fine
    if any(_unresolved(c) for c in cidrs):
        return None
    ports = _port_range(rule)
    if ports is None:
        return None
    return any(ports[0] <= port <= ports[1] for port in DATABASE_PORTS)


class NoDatabasePortFromCidr(BaseResourceCheck):
    """no ingress rule admits a database port (5432, 3306, 1433, 1521) from a CIDR range"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure no security group rule admits a database port from a CIDR range",
            id="CKV_ASM_12",
            categories=(CheckCategories.NETWORKING,),
            supported_resources=(
                "aws_vpc_security_group_ingress_rule",
                "aws_security_group_rule",
                "aws_security_group",
            ),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        if "ingress" in conf:  # aws_security_group with inline rules
            rules = [_first(r) for r in conf.get("ingress") or []]
        elif _first(conf.get("type")) not in (None, "ingress"):
            return CheckResult.UNKNOWN  # an egress aws_security_group_rule
        else:
            rules = [conf]
        verdicts = [_opens_database_port(r) for r in rules if isinstance(r, dict)]
        if any(v is True for v in verdicts):
            return CheckResult.FAILED
        if any(v is None for v in verdicts):
            return CheckResult.UNKNOWN
        return CheckResult.PASSED


proxy_requires_tls_and_iam = ProxyRequiresTlsAndIam()
no_database_port_from_cidr = NoDatabasePortFromCidr()
