"""Keeps the test session's plan of the shared root for `make cost` (loaded by pyproject.toml's
addopts): while the examples are unchanged, `make cost` prices them from it instead of
planning again (tools/cost/plans.py)."""

from __future__ import annotations

from tools.cost.plans import remember


def pytest_plan_root_planned(plan: dict) -> None:
    remember(plan, "plan")
