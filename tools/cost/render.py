"""Estimates and comparisons as a terminal table, Markdown (a pull-request comment) or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tools.cost.estimate import Estimate

FORMATS = ("table", "markdown", "json")
CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal) -> str:
    if 0 < amount < CENT / 2:
        return "<$0.01"
    return f"${cents(amount):,.2f}"


def quantity(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    if abs(value) >= 1:
        return f"{value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP).normalize():,f}"
    return format(Decimal(f"{value:.4g}").normalize(), "f")  # four significant digits


@dataclass
class Line:
    """One part of a comparison option, with its arithmetic written out."""

    part: str
    arithmetic: str
    amount: Decimal


@dataclass
class Option:
    name: str
    lines: list[Line]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass
class Comparison:
    title: str
    inputs: dict[str, str]
    options: list[Option]
    findings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _markdown_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    def escape(cell: str) -> str:
        return cell.replace("|", "\\|")

    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(map(escape, r)) + " |" for r in [header, rule, *rows]]


ESTIMATE_HEADER = ["Resource", "Counted", "Quantity", "Unit price", "Monthly"]


def _estimate_rows(estimate: Estimate) -> list[list[str]]:
    rows = [[r.address, r.counted, quantity(r.quantity), r.unit_price, money(r.monthly)] for r in estimate.rows]
    rows += [
        [address, f"NOT PRICED ({kind}): {why}", "", "", "NOT PRICED"] for address, kind, why in estimate.not_priced
    ]
    return rows


def _free_line(estimate: Estimate) -> str:
    if not estimate.free:
        return ""
    listed = ", ".join(f"{count} {kind}" for kind, count in sorted(estimate.free.items()))
    return f"No charge by themselves ({sum(estimate.free.values())}): {listed}"


def render_estimate(estimate: Estimate, fmt: str = "table") -> str:
    total = f"{money(estimate.total)} a month"
    if estimate.not_priced:
        total += f", plus {len(estimate.not_priced)} resource(s) NOT PRICED"
    if fmt == "json":
        return json.dumps(estimate_json(estimate), indent=2)
    rows = _estimate_rows(estimate)
    if fmt == "markdown":
        lines = [f"#### `{estimate.example}`: {total} ({estimate.region}, {estimate.currency})", ""]
        lines += _markdown_table(
            ESTIMATE_HEADER, rows + [["**Total**", "", "", "", f"**{money(estimate.total)}**"]], {2, 4}
        )
        extra = [_free_line(estimate), *estimate.warnings]
        lines += ["", *(f"- {e}" for e in extra if e)] if any(extra) else []
        return "\n".join(lines)
    if fmt != "table":
        raise ValueError(f"format must be one of {FORMATS}")
    lines = [f"{estimate.example} ({estimate.region}, {estimate.currency}): {total}", ""]
    lines += _table(ESTIMATE_HEADER, rows + [["Total", "", "", "", money(estimate.total)]], {2, 4})
    lines += [line for line in ["", _free_line(estimate), *estimate.warnings] if line is not None]
    return "\n".join(lines).rstrip() + "\n"


def estimate_json(estimate: Estimate) -> dict:
    return {
        "example": estimate.example,
        "region": estimate.region,
        "currency": estimate.currency,
        "total": str(cents(estimate.total)),
        "rows": [
            {
                "resource": r.address,
                "counted": r.counted,
                "quantity": str(r.quantity),
                "unit": r.unit,
                "unit_price": r.unit_price,
                "price": r.price_key,
                "monthly": str(cents(r.monthly)),
                "monthly_exact": str(r.monthly),
            }
            for r in estimate.rows
        ],
        "not_priced": [{"resource": a, "type": t, "why": w} for a, t, w in estimate.not_priced],
        "free": dict(sorted(estimate.free.items())),
        "warnings": estimate.warnings,
    }


COMPARISON_HEADER = ["Option", "Part", "Arithmetic", "Monthly"]


def _comparison_rows(comparison: Comparison, bold: bool) -> list[list[str]]:
    rows = []
    for option in comparison.options:
        for i, line in enumerate(option.lines):
            rows.append([option.name if i == 0 else "", line.part, line.arithmetic, money(line.amount)])
        total = money(option.total)
        rows.append(["", "**total**" if bold else "total", "", f"**{total}**" if bold else total])
    return rows


def render_comparison(comparison: Comparison, fmt: str = "table") -> str:
    inputs = ", ".join(f"{k} {v}" for k, v in comparison.inputs.items())
    if fmt == "json":
        return json.dumps(
            {
                "comparison": comparison.title,
                "inputs": comparison.inputs,
                "options": [
                    {
                        "name": o.name,
                        "total": str(cents(o.total)),
                        "parts": [
                            {"part": x.part, "arithmetic": x.arithmetic, "monthly": str(cents(x.amount))}
                            for x in o.lines
                        ],
                    }
                    for o in comparison.options
                ],
                "findings": comparison.findings,
                "warnings": comparison.warnings,
            },
            indent=2,
        )
    if fmt == "markdown":
        lines = [f"#### {comparison.title}", "", f"Inputs: {inputs}", ""]
        lines += _markdown_table(COMPARISON_HEADER, _comparison_rows(comparison, True), {3})
        notes = comparison.findings + comparison.warnings
        return "\n".join(lines + (["", *(f"- {n}" for n in notes)] if notes else []))
    if fmt != "table":
        raise ValueError(f"format must be one of {FORMATS}")
    lines = [comparison.title, f"Inputs: {inputs}", ""]
    lines += _table(COMPARISON_HEADER, _comparison_rows(comparison, False), {3})
    lines += ["", *comparison.findings, *comparison.warnings]
    return "\n".join(lines).rstrip() + "\n"
