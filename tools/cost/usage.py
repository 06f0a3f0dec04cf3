"""An example's usage.yml: what a month of its traffic looks like.

Sections are keyed by what a resource is called in the plan (a function's name, a queue's,
a log group's...) or, where the plan does not know the name yet, by its address in the
example. A key may be a glob (`"*-dlq"`, `"/aws/lambda/claims-*"`): an exact key wins,
then the first pattern that matches, in file order. Every field a priced resource needs
must be there; an unknown section or field is an error too, so a typo cannot price
something at zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from tools.cost.prices import CostInputError

# Every field each section may hold, and what it means (printed when one is missing).
FIELDS: dict[str, dict[str, str]] = {
    "functions": {
        "requests_per_month": "invocations a month",
        "duration_ms": "average billed duration of one invocation, in ms",
    },
    "queues": {
        "messages_per_month": "messages sent a month",
        "payload_kb": "average message size, in KB",
        "receive_batch_size": "messages per receive (the consumer's batch size; 1 when polled one by one)",
    },
    "topics": {"publishes_per_month": "messages published a month", "payload_kb": "average message size, in KB"},
    "subscriptions": {"deliveries_per_month": "messages delivered a month"},
    "tables": {
        "writes_per_month": "item writes a month",
        "reads_per_month": "item reads a month (eventually consistent)",
        "item_kb": "average item size, in KB",
        "stored_gb": "table size, in GB",
        "stream_reads_per_month": "GetRecords calls by readers other than Lambda event source mappings",
    },
    "state_machines": {
        "executions_per_month": "executions started a month",
        "transitions_per_execution": "state transitions of one execution, retries included (STANDARD)",
        "duration_ms": "average duration of one execution, in ms (EXPRESS)",
        "memory_mb": "memory one execution uses, in MB (EXPRESS; billed in 64 MB steps)",
    },
    "apis": {"requests_per_month": "API calls a month"},
    "distributions": {
        "https_requests_per_month": "HTTPS requests viewers make a month (hits and misses)",
        "data_out_gb_per_month": "data CloudFront sends to viewers a month, in GB",
    },
    "log_groups": {
        "ingested_gb_per_month": "log data written a month, in GB",
        "stored_gb": "log data kept, in GB (needed when the group never expires its logs)",
    },
    "buckets": {
        "stored_gb": "objects kept, all versions, in GB",
        "put_requests_per_month": "PUT, COPY, POST and LIST requests a month",
        "get_requests_per_month": "GET requests a month",
    },
    "load_balancers": {"lcus": "average load balancer capacity units in use"},
    "nat_gateways": {"processed_gb_per_month": "data through the gateway a month, in GB"},
    "vpc_endpoints": {
        "processed_gb_per_month": "data through the endpoint a month, in GB",
        "availability_zones": "Availability Zones the endpoint is in (when the plan does not know its subnets)",
    },
    "kms_keys": {"requests_per_month": "cryptographic requests a month"},
    # What the code calls that no resource in the plan stands for (Rekognition, Bedrock),
    # keyed by the price table's key for it.
    "service_usage": {"quantity_per_month": "units a month, in the price's unit"},
    "schedules": {"invocations_per_month": "invocations a month (a cron schedule's; rate() and at() are counted)"},
    "pipes": {"events_per_month": "events that pass the filter a month", "payload_kb": "average event size, in KB"},
    "services": {"average_tasks": "tasks running on average (the desired count when absent)"},
    "clusters": {
        "insights_metrics": "Container Insights metrics the cluster publishes",
        "insights_ingested_gb_per_month": "Container Insights performance log data a month, in GB",
    },
    "databases": {
        "stored_gb": "data stored, in GB (Aurora; an RDS instance is priced at its allocated storage)",
        "io_requests_per_month": "I/O requests a month (Aurora Standard)",
        "average_acus": "average Aurora capacity units (Serverless v2)",
    },
}
TOP_LEVEL = {
    "description": "what the month looks like, in words",
    "region": "the price table to use",
    "hours_per_month": "hours the always-on resources run (730 when absent)",
    "traces_per_month": "X-Ray traces recorded a month (needed when anything is traced)",
    "spot_discount_percent": "Fargate Spot's discount on the on-demand price, in percent",
}
HOURS_PER_MONTH = Decimal(730)


@dataclass
class Usage:
    data: dict
    origin: str  # how messages name the file: examples/<name>/usage.yml
    used: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path, origin: str | None = None) -> Usage:
        origin = origin or str(path)
        if not path.is_file():
            raise CostInputError(f"{origin} is missing: write what a month of traffic looks like there")
        try:
            data = yaml.safe_load(path.read_text()) or {}
        except yaml.YAMLError as error:
            raise CostInputError(f"{origin} is not valid YAML: {error}") from None
        return cls.of(data, origin)

    @classmethod
    def of(cls, data: dict, origin: str = "usage.yml") -> Usage:
        if not isinstance(data, dict):
            raise CostInputError(f"{origin} must be a mapping of sections, not {type(data).__name__}")
        for key, value in data.items():
            if key in TOP_LEVEL:
                continue
            if key not in FIELDS:
                raise CostInputError(f"{origin}: {key!r} is not a section this tool reads: {_listing(FIELDS)}")
            if not isinstance(value, dict):
                raise CostInputError(f"{origin}: {key} must map names to fields")
            for name, entry in value.items():
                unknown = set(entry or {}) - set(FIELDS[key])
                if not isinstance(entry, dict) or unknown:
                    raise CostInputError(
                        f"{origin}: {key}.{name} has fields this tool does not read ({', '.join(sorted(unknown))}): "
                        f"it reads {_listing(FIELDS[key])}"
                    )
        return cls(data, origin)

    @property
    def region(self) -> str:
        return str(self.data.get("region", "us-east-1"))

    @property
    def hours(self) -> Decimal:
        return self.top("hours_per_month", default=HOURS_PER_MONTH)

    def top(self, name: str, default: Decimal | None = None) -> Decimal:
        return _number(self.origin, name, self.data.get(name), TOP_LEVEL[name], default)

    def entry_key(self, section: str, name: str) -> str | None:
        entries = self.data.get(section) or {}
        if name in entries:
            return name
        return next((key for key in entries if fnmatchcase(name, str(key))), None)

    def has(self, section: str, name: str, field_name: str) -> bool:
        key = self.entry_key(section, name)
        return key is not None and self.data[section][key].get(field_name) is not None

    def number(self, section: str, name: str, field_name: str, default: Decimal | None = None) -> Decimal:
        """A field of the entry for `name`, checked: present (or defaulted), a number, not negative."""
        key = self.entry_key(section, name)
        if key is None:
            if default is not None:
                return default
            raise CostInputError(
                f"{self.origin}: {section} has no entry for {name!r}: "
                f"{section}.{name}.{field_name} is missing ({FIELDS[section][field_name]})"
            )
        self.used.add((section, key))
        where = f"{section}.{name}" if key == name else f"{section}.{key!r} (for {name})"
        value = self.data[section][key].get(field_name)
        return _number(self.origin, f"{where}.{field_name}", value, FIELDS[section][field_name], default)

    def unused(self) -> list[str]:
        """Entries that priced nothing: a renamed resource leaves its usage behind."""
        return [
            f"{self.origin}: {section}.{key} matches nothing in the plan"
            for section in FIELDS
            for key in self.data.get(section) or {}
            if (section, key) not in self.used
        ]


def _listing(names) -> str:
    return ", ".join(sorted(names))


def _number(origin: str, where: str, value: object, meaning: str, default: Decimal | None) -> Decimal:
    if value is None:
        if default is not None:
            return default
        raise CostInputError(f"{origin}: {where} is missing ({meaning})")
    if isinstance(value, bool):
        raise CostInputError(f"{origin}: {where} is {value!r}: it must be a number ({meaning})")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise CostInputError(f"{origin}: {where} is {value!r}: it must be a number ({meaning})") from None
    if not number.is_finite() or number < 0:
        raise CostInputError(f"{origin}: {where} is {value}: it must be zero or more ({meaning})")
    return number
