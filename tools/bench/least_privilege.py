"""Per role, the granted actions no scenario of the last test run exercised."""

from __future__ import annotations

from harness.authorization import least_privilege
from tools.bench import Context, measurement


@measurement("Least privilege: per role, granted actions no scenario of the last test run exercised")
def measure(context: Context) -> None:
    lines = least_privilege.report() if list(least_privilege.LEDGER_DIR.glob("ledger-*.json")) else []
    print("\n".join(f"    {line}" for line in lines) or "    no ledger: run make test first")
