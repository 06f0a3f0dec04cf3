"""The order event a publisher sends, parsed strictly: pure Python, no AWS."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

STATUSES = frozenset({"NEW", "PAID", "SHIPPED", "CANCELLED", "REFUNDED"})


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
        try:
            data = json.loads(body, parse_float=Decimal)
        except (json.JSONDecodeError, TypeError) as exc:
            raise MalformedOrderEvent(f"body is not JSON: {exc}") from None
        if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
            return cls.from_body(data["Message"])  # subscription without raw delivery
        if not isinstance(data, dict):
            raise MalformedOrderEvent(f"body is a JSON {type(data).__name__}, not an object")
        missing = [key for key in ("event_id", "order_id", "status", "amount", "currency") if key not in data]
        if missing:
            raise MalformedOrderEvent(f"missing field(s): {', '.join(missing)}")
        for key in ("event_id", "order_id", "currency"):
            if not isinstance(data[key], str) or not data[key].strip():
                raise MalformedOrderEvent(f"{key} must be a non-empty string")
        if data["status"] not in STATUSES:
            raise MalformedOrderEvent(f"status {data['status']!r} is not one of {', '.join(sorted(STATUSES))}")
        if isinstance(data["amount"], bool):
            raise MalformedOrderEvent(f"amount {data['amount']!r} must be a number >= 0")
        try:
            amount = Decimal(str(data["amount"]))
        except InvalidOperation:
            raise MalformedOrderEvent(f"amount {data['amount']!r} is not a number") from None
        if not amount.is_finite() or amount < 0:
            raise MalformedOrderEvent(f"amount {data['amount']!r} must be a number >= 0")
        return cls(data["event_id"], data["order_id"], data["status"], amount, data["currency"].upper())
