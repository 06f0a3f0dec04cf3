"""The price tables: one YAML file per region in tools/cost/price_tables/, read offline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

PRICE_TABLES = Path(__file__).parent / "price_tables"
STALE_AFTER = datetime.timedelta(days=365)


class CostInputError(ValueError):
    """Input the cost tool cannot use; the message says which and what it accepts."""


def decimal(value: object) -> Decimal:
    """A YAML or command-line number as an exact Decimal (YAML floats go through str)."""
    return Decimal(str(value))


@dataclass(frozen=True)
class Tier:
    up_to: Decimal | None  # cumulative monthly quantity where the tier ends; None: no end
    value: Decimal


@dataclass(frozen=True)
class Price:
    """One price: `value` (or the first tier's) for every `per` units of `unit`."""

    key: str
    unit: str
    per: Decimal
    tiers: tuple[Tier, ...]
    source: str
    read: datetime.date
    note: str = ""
    attributes: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def value(self) -> Decimal:
        """The unit price: the only tier's, or the first tier that is not free."""
        return next((t.value for t in self.tiers if t.value), Decimal(0))

    def cost(self, quantity: Decimal) -> Decimal:
        """What `quantity` units cost in a month, tier by tier."""
        total, lower = Decimal(0), Decimal(0)
        for tier in self.tiers:
            upper = quantity if tier.up_to is None else min(quantity, tier.up_to)
            if upper > lower:
                total += (upper - lower) * tier.value / self.per
            if tier.up_to is None or quantity <= tier.up_to:
                break
            lower = tier.up_to
        return total

    def describe(self) -> str:
        """`$0.20 per 1M request`, `$0.0000166667 per GB-second (tiered)`."""
        value = self.value
        per = "" if self.per == 1 else f"{_count(self.per)} "
        tiered = ""
        if len(self.tiers) > 1:
            free = self.tiers[0].value == 0
            tiered = f" after {_count(self.tiers[0].up_to)} free" if free else " (first tier)"
        return f"${_plain(value)} per {per}{self.unit}{tiered}"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." not in text:
        return text + ".00" if value < 1000 else text
    return text + "0" if len(text.split(".")[1]) == 1 else text


def _count(value: Decimal) -> str:
    for size, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(1000), "k")):
        if value >= size and value % (size / 10) == 0:
            return f"{format((value / size).normalize(), 'f')}{suffix}"
    return f"{value:,}"


@dataclass(frozen=True)
class PriceTable:
    region: str
    currency: str
    prices: dict[str, Price]
    path: Path

    @classmethod
    def load(cls, region: str = "us-east-1", folder: Path = PRICE_TABLES) -> PriceTable:
        path = folder / f"{region}.yml"
        if not path.is_file():
            have = ", ".join(sorted(p.stem for p in folder.glob("*.yml"))) or "none"
            raise CostInputError(f"no price table for region {region!r}: the tables cover {have}")
        data = yaml.safe_load(path.read_text())
        return cls(data["region"], data["currency"], {k: _price(k, v, path) for k, v in data["prices"].items()}, path)

    def __getitem__(self, key: str) -> Price:
        try:
            return self.prices[key]
        except KeyError:
            raise CostInputError(f"the {self.region} price table has no price {key!r}") from None

    def instance(self, instance_type: str) -> Price:
        """The on-demand hourly price of an EC2 instance type Lambda Managed Instances offers."""
        found = self.prices.get(f"ec2.{instance_type}")
        if found is None:
            have = ", ".join(k.removeprefix("ec2.") for k in self.prices if k.startswith("ec2."))
            raise CostInputError(
                f"unknown instance type {instance_type!r} in the {self.region} price table: it has {have}"
            )
        return found

    def warnings(self, keys: set[str] | None = None, today: datetime.date | None = None) -> list[str]:
        """A line for every price (of `keys`, or all) read more than a year before `today`."""
        today = today or datetime.date.today()
        stale = [
            p for k, p in sorted(self.prices.items()) if (keys is None or k in keys) and today - p.read > STALE_AFTER
        ]
        return [f"WARNING: {p.key} was read on {p.read} (over a year ago): check {p.source}" for p in stale]


def _price(key: str, data: dict, path: Path) -> Price:
    where = f"{path.name}: {key}"
    for required in ("unit", "source", "read"):
        if required not in data:
            raise CostInputError(f"{where} has no {required!r}")
    if not str(data["source"]).startswith("https://"):
        raise CostInputError(f"{where}: source must be the https:// page the price comes from")
    if not isinstance(data["read"], datetime.date):
        raise CostInputError(f"{where}: read must be a date (YYYY-MM-DD), not {data['read']!r}")
    if ("value" in data) == ("tiers" in data):
        raise CostInputError(f"{where} needs exactly one of value or tiers")
    raw_tiers = data.get("tiers") or [{"value": data["value"]}]
    tiers = tuple(Tier(decimal(t["up_to"]) if "up_to" in t else None, decimal(t["value"])) for t in raw_tiers)
    if tiers[-1].up_to is not None or any(t.up_to is None for t in tiers[:-1]):
        raise CostInputError(f"{where}: every tier but the last needs up_to, and the last none")
    known = {"unit", "per", "value", "tiers", "source", "read", "note"}
    attributes = {k: v for k, v in data.items() if k not in known}
    return Price(
        key,
        data["unit"],
        decimal(data.get("per", 1)),
        tiers,
        data["source"],
        data["read"],
        data.get("note", ""),
        attributes,
    )
