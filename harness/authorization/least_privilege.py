"""Least privilege, measured: per role, what it grants that no scenario exercised.

Each test process writes what its judged requests used (harness/authorization/enforcement's
ledger) into build/authorization/ when the session ends; this reads every such file and,
for each role that made a judged request, lists each granted (statement, action) no allowed
request was granted by. A grant kept on purpose is listed beside its example in
`examples/<example>/kept_grants.yml` (`<role name>: {<Sid>: {<action>: reason}}`) and shown as
kept with its reason, not as unused.

    make least-privilege      # after make test (or make test-apply)
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from harness.authorization.enforcement import Ledger
from harness.paths import REPO

LEDGER_DIR = REPO / "build" / "authorization"


def write_ledger(ledger: Ledger, worker: str, directory: Path = LEDGER_DIR) -> Path | None:
    """This process's judged requests, reduced per role to its policies and the grants used."""
    used: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for judged in ledger.requests:
        for decision in judged.decisions:
            for grant in decision.grants:
                if grant.get("policyType") == "identity":
                    sid = grant.get("statementId") or f"#{grant.get('statementIndex')}"
                    used[decision.principal].add((grant.get("policyIdentifier", ""), sid, decision.action))
    roles = {
        arn: {"policies": {p["name"]: p["policy"] for p in principal.identity_policies}, "used": sorted(used[arn])}
        for arn, principal in sorted(ledger.principals.items())
        if arn.startswith("arn:aws:iam::")
    }
    if not roles:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"ledger-{worker}.json"
    path.write_text(json.dumps(roles, indent=1))
    return path


def _granted(policies: dict[str, dict]) -> list[tuple[str, str, str]]:
    """(policy, Sid, action) for every Allow of the role's policies."""
    granted = []
    for name, policy in policies.items():
        statements = policy["Statement"] if isinstance(policy["Statement"], list) else [policy["Statement"]]
        for index, statement in enumerate(statements, start=1):
            if statement.get("Effect") != "Allow" or "Action" not in statement:
                continue
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            granted += [(name, statement.get("Sid") or f"#{index}", action) for action in actions]
    return granted


def kept_grants(examples: Path = REPO / "examples") -> dict[str, dict[str, dict[str, str]]]:
    """Every example's kept_grants.yml, merged: role name -> Sid -> action -> reason."""
    kept: dict[str, dict[str, dict[str, str]]] = {}
    for path in sorted(examples.glob("*/kept_grants.yml")):
        for role, statements in (yaml.safe_load(path.read_text()) or {}).items():
            kept.setdefault(role, {}).update(statements)
    return kept


def report(ledger_dir: Path = LEDGER_DIR, examples: Path = REPO / "examples") -> list[str]:
    """Per role: each granted action, used or not, or kept with its reason."""
    roles: dict[str, dict[str, Any]] = defaultdict(lambda: {"policies": {}, "used": set()})
    for path in sorted(ledger_dir.glob("ledger-*.json")):
        for arn, role in json.loads(path.read_text()).items():
            roles[arn]["policies"].update(role["policies"])
            roles[arn]["used"] |= {tuple(u) for u in role["used"]}
    kept = kept_grants(examples)
    lines = []
    for arn, role in sorted(roles.items()):
        name = arn.rsplit("/", 1)[-1]
        granted = _granted(role["policies"])
        unused = [(p, sid, action) for p, sid, action in granted if (p, sid, action) not in role["used"]]
        lines.append(f"{name}: {len(granted) - len(unused)} of {len(granted)} granted actions exercised")
        for _, sid, action in unused:
            reason = kept.get(name, {}).get(sid, {}).get(action)
            lines.append(f"  {'kept' if reason else 'UNUSED'}  {sid}: {action}" + (f"  ({reason})" if reason else ""))
    return lines


def main() -> int:
    if not list(LEDGER_DIR.glob("ledger-*.json")):
        print(f"no ledger in {LEDGER_DIR}: run make test (or make test-apply) first", file=sys.stderr)
        return 1
    print("\n".join(report()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
