"""IAM's decision on one request, from @cloud-copilot/iam-simulate in a Node process.

One process per test worker, started on first use and fed one request a line (about a
millisecond each). The evaluation is the library's, not ours: identity policies, the
resource policy (a KMS key policy included: a key admits only what its policy allows),
explicit denies, NotAction/NotResource and every condition operator; it also refuses to
judge an action that does not exist or a resource that matches none of the action's
resource types, which is reported as an Error, never as allowed.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.paths import REPO

SCRIPT = Path(__file__).with_name("simulate.cjs")
ACCOUNT = "123456789012"


def account_of(resource: str, principal: str = "") -> str:
    """The account owning a resource: its ARN's, else (S3, "*") the principal's, else the emulator's."""
    for arn in (resource, principal):
        parts = arn.split(":")
        if len(parts) > 4 and parts[4].isdigit():
            return parts[4]
    return ACCOUNT


def node_modules() -> Path:
    """Where `make setup` installed the Node test tools (.node/node_modules, or HARNESS_NODE_MODULES)."""
    return Path(os.environ.get("HARNESS_NODE_MODULES") or REPO / ".node" / "node_modules")


@dataclass(frozen=True)
class Decision:
    """What IAM answers for one (principal, action, resource) with its context."""

    principal: str
    action: str
    resource: str
    result: str  # Allowed, ExplicitlyDenied, ImplicitlyDenied, Error
    denials: list[dict[str, Any]] = field(default_factory=list)
    grants: list[dict[str, Any]] = field(default_factory=list)
    errors: Any = None

    @property
    def allowed(self) -> bool:
        return self.result == "Allowed"

    def explain(self) -> str:
        """One line a reviewer can act on: who, what, on what, and which policy decided."""
        if self.result == "Error":
            return f"{self.principal} {self.action} on {self.resource}: not judged ({json.dumps(self.errors)})"
        deciding = self.grants if self.allowed else self.denials
        reasons = "; ".join(
            " ".join(
                f"{key}={value}"
                for key, value in reason.items()
                if key
                in ("policyType", "policyIdentifier", "identifier", "statementId", "statementIndex", "denialType")
            )
            for reason in deciding
        )
        return f"{self.principal} {self.action} on {self.resource}: {self.result} ({reasons or 'no statement matched'})"


class Simulator:
    """A Node process running harness/authorization/simulate.cjs."""

    def __init__(self) -> None:
        modules = node_modules()
        if not (modules / "@cloud-copilot" / "iam-simulate").is_dir():
            raise RuntimeError(f"the IAM simulator is not installed in {modules}: run `make setup`")
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH: the IAM simulator runs on Node (20 or newer)")
        self._process = subprocess.Popen(
            [node, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_PATH": str(modules)},
        )
        self._ids = itertools.count()
        self._lock = threading.Lock()
        atexit.register(self.close)

    def judge(
        self,
        principal: str,
        action: str,
        resource: str,
        identity_policies: list[dict[str, Any]] | None = None,
        resource_policy: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
        account: str | None = None,
    ) -> Decision:
        request = {
            "accountId": account or account_of(resource, principal),
            "principal": principal,
            "action": action,
            "resource": resource,
            "context": context or {},
            "identityPolicies": identity_policies or [],
            "resourcePolicy": resource_policy,
        }
        answer = self._ask("judge", request)
        return Decision(
            principal=principal,
            action=action,
            resource=resource,
            result=answer["result"],
            denials=answer.get("denials") or [],
            grants=answer.get("grants") or [],
            errors=answer.get("errors"),
        )

    def lint(self, policy: dict[str, Any], kind: str = "identity") -> list[str]:
        """What in a policy cannot work on AWS, by IAM's catalogue (kind: identity or resource)."""
        return self._ask("lint", {"policy": policy, "kind": kind})["findings"]

    def star_only(self, services: list[str]) -> tuple[list[str], str]:
        """The services' actions IAM grants on "*" only, and the catalogue's name and version."""
        answer = self._ask("star_only", {"services": services})
        return answer["actions"], answer["catalogue"]

    def _ask(self, op: str, request: dict[str, Any]) -> dict[str, Any]:
        request = {"op": op, "id": next(self._ids), **request}
        with self._lock:
            assert self._process.stdin and self._process.stdout
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the IAM simulator stopped (exit {self._process.poll()})")
        answer = json.loads(line)
        if answer.get("result") == "Error" and op != "judge":
            raise RuntimeError(f"the IAM simulator could not {op}: {answer.get('errors')}")
        return answer

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()


_simulator: Simulator | None = None


def simulator() -> Simulator:
    """This process's simulator, started on first use."""
    global _simulator
    if _simulator is None:
        _simulator = Simulator()
    return _simulator
