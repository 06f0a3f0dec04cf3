"""A new order as the orders table's stream carries it, parsed strictly: pure Python, no AWS."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any


class MalformedOrder(ValueError):
    """The stream record does not hold an order; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewOrder:
    order_id: str
    customer_id: str
    amount: Decimal
    currency: str

    @classmethod
    def from_image(cls, image: dict[str, Any] | None) -> NewOrder:
        """Parse a deserialized NewImage (numbers arrive as Decimal)."""
        if not image:
            raise MalformedOrder("record has no NewImage (is the stream view NEW_AND_OLD_IMAGES?)")
        for key in ("order_id", "customer_id", "currency"):
            value = image.get(key)
            if not isinstance(value, str) or not value.strip():
                raise MalformedOrder(f"{key} must be a non-empty string, got {value!r}")
        amount = image.get("amount")
        if isinstance(amount, bool) or amount is None:
            raise MalformedOrder(f"amount must be a number >= 0, got {amount!r}")
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            raise MalformedOrder(f"amount {image['amount']!r} is not a number") from None
        if not amount.is_finite() or amount < 0:
            raise MalformedOrder(f"amount must be a number >= 0, got {image['amount']!r}")
        return cls(image["order_id"], image["customer_id"], amount, image["currency"].upper())

    def as_dict(self) -> dict[str, str]:
        # The amount travels as a string: JSON numbers would lose Decimal exactness.
        return {
            "order_id": self.order_id,
            "customer_id": self.customer_id,
            "amount": str(self.amount),
            "currency": self.currency,
        }
