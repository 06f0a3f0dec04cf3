"""The order event a publisher sends, parsed strictly: pure Python, no AWS."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

import order_values

STATUSES = frozenset({"NEW", "PAID", "SHIPPED", "CANCELLED", "REFUNDED"})
# Ids become part of a DynamoDB key ("<consumer>#<event id>"), which may hold at most 2048 bytes.
MAX_ID_BYTES = 1024


class MalformedOrderEvent(ValueError):
    """The message is not an order event; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OrderEvent:
    event_id: str
    order_id: str
    status: str
    amount: Decimal
    currency: str

    @classmethod
    def from_body(cls, body: str) -> OrderEvent:
        """Parse an SQS body: the event itself (raw delivery) or SNS's envelope around it."""
        if not isinstance(body, str):
            raise MalformedOrderEvent(f"body is a {type(body).__name__}, not a string")
        try:
            # Decimal for every number: exact amounts, and 1e400 stays visible as out of range.
            data = json.loads(body, parse_float=Decimal, parse_int=Decimal, parse_constant=_no_constants)
        except json.JSONDecodeError as exc:
            raise MalformedOrderEvent(f"body is not JSON: {exc}") from None
        except RecursionError:
            raise MalformedOrderEvent("body is nested too deeply to be an order event") from None
        if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
            return cls.from_body(data["Message"])  # subscription without raw delivery
        if not isinstance(data, dict):
            raise MalformedOrderEvent(f"body is a JSON {type(data).__name__}, not an object")
        missing = [key for key in ("event_id", "order_id", "status", "amount", "currency") if key not in data]
        if missing:
            raise MalformedOrderEvent(f"missing field(s): {', '.join(missing)}")
        for key in ("event_id", "order_id"):
            if not isinstance(data[key], str) or not data[key].strip():
                raise MalformedOrderEvent(f"{key} must be a non-empty string")
            if len(data[key].encode()) > MAX_ID_BYTES:
                raise MalformedOrderEvent(f"{key} is over {MAX_ID_BYTES} bytes")
        if not isinstance(data["status"], str) or data["status"] not in STATUSES:
            raise MalformedOrderEvent(f"status {data['status']!r:.40} is not one of {', '.join(sorted(STATUSES))}")
        try:
            amount = order_values.amount(data["amount"])
            currency = order_values.currency(data["currency"])
        except order_values.InvalidValue as exc:
            raise MalformedOrderEvent(exc.reason) from None
        return cls(data["event_id"], data["order_id"], data["status"], amount, currency)


def _no_constants(name: str) -> None:
    raise MalformedOrderEvent(f"body holds {name}, which is not JSON")
