"""A new order as the orders table's stream carries it, parsed strictly: pure Python, no AWS."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import order_values


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
        if not isinstance(image, dict):
            raise MalformedOrder(f"NewImage is a {type(image).__name__}, not a map")
        for key in ("order_id", "customer_id"):
            value = image.get(key)
            if not isinstance(value, str) or not value.strip():
                raise MalformedOrder(f"{key} must be a non-empty string, got {value!r:.40}")
        if "amount" not in image:
            raise MalformedOrder("amount must be a number, got nothing")
        try:
            amount = order_values.amount(image["amount"])
            currency = order_values.currency(image.get("currency"))
        except order_values.InvalidValue as exc:
            raise MalformedOrder(exc.reason) from None
        return cls(image["order_id"], image["customer_id"], amount, currency)

    def as_dict(self) -> dict[str, str]:
        # The amount travels as a string: JSON numbers would lose Decimal exactness.
        return {
            "order_id": self.order_id,
            "customer_id": self.customer_id,
            "amount": str(self.amount),
            "currency": self.currency,
        }
