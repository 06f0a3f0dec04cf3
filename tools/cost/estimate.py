"""One example's monthly estimate from its planned resources and its usage.yml."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from harness.paths import EXAMPLES
from tools.cost.prices import PriceTable
from tools.cost.resources import FREE_BY_RULE, Context, NotPriced, Resource, Row, price_resource
from tools.cost.usage import Usage

USAGE_FILE = "usage.yml"
EXAMPLE_ROW = "(example)"  # the address of rows that belong to the whole example (X-Ray)


@dataclass
class Estimate:
    example: str
    region: str
    currency: str
    rows: list[Row]
    not_priced: list[tuple[str, str, str]]  # (address, type, why)
    free: Counter = field(default_factory=Counter)  # resource type -> how many cost nothing
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.monthly for row in self.rows), Decimal(0))


def resources_of(plan: dict, call: str) -> list[Resource]:
    """The managed resources a plan creates under one module call, addressed relative to it."""
    prefix = f"module.{call}."
    found = []
    for change in plan.get("resource_changes", []):
        address = change["address"]
        if change["mode"] != "managed" or not address.startswith(prefix) or change["change"]["after"] is None:
            continue
        after = change["change"]
        found.append(Resource(address[len(prefix) :], change["type"], after["after"], after.get("after_unknown") or {}))
    return found


def resources_in_state(shown: dict, call: str | None = None) -> list[Resource]:
    """The managed resources of an applied root, from `terraform show -json` of its state
    (what `make demo` deployed), addressed as in the root's plan; with `call`, only those
    under that module call, addressed relative to it (as resources_of does)."""
    prefix = f"module.{call}." if call else ""
    found = []
    pending = [shown.get("values", {}).get("root_module", {})]
    while pending:
        module = pending.pop()
        pending += module.get("child_modules", [])
        for resource in module.get("resources", []):
            address = resource["address"]
            if resource["mode"] == "managed" and address.startswith(prefix):
                found.append(Resource(address[len(prefix) :], resource["type"], resource.get("values") or {}, {}))
    return found


def usage_of(example: str) -> Usage:
    return Usage.load(EXAMPLES / example / USAGE_FILE, f"examples/{example}/{USAGE_FILE}")


def estimate(
    example: str,
    resources: list[Resource],
    usage: Usage,
    table: PriceTable | None = None,
    today: datetime.date | None = None,
) -> Estimate:
    """Price every resource: rows for what costs, FREE_BY_RULE for what cannot, NOT PRICED for the rest.

    Bad usage raises CostInputError naming the field."""
    table = table or PriceTable.load(usage.region)
    ctx = Context(table, usage, resources)
    result = Estimate(example, table.region, table.currency, [], [])
    for resource in sorted(resources, key=lambda r: r.address):
        if resource.type in FREE_BY_RULE:
            result.free[resource.type] += 1
            continue
        try:
            rows = price_resource(resource, ctx)
        except NotPriced as why:
            result.not_priced.append((resource.address, resource.type, str(why)))
            continue
        if not rows:
            result.free[resource.type] += 1  # a priced type in a configuration that costs nothing
        result.rows += rows
    for key in usage.data.get("service_usage") or {}:
        service = Resource(EXAMPLE_ROW, "service_usage", {})
        quantity = usage.number("service_usage", key, "quantity_per_month")
        result.rows.append(ctx.row(service, f"{key} (called by the code)", key, quantity))
    if ctx.traced:
        traces = usage.top("traces_per_month")
        xray = Resource(EXAMPLE_ROW, "xray", {})
        result.rows.append(
            ctx.row(
                xray,
                f"X-Ray traces ({len(ctx.traced)} traced resource{'' if len(ctx.traced) == 1 else 's'})",
                "xray.traces_recorded",
                traces,
            )
        )
    result.warnings = table.warnings(ctx.used_prices, today) + usage.unused()
    return result
