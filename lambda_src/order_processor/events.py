"""The records the pipe delivers: stream records carrying what the enrichment added."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

import order_values


class UnprocessableOrder(ValueError):
    """The record cannot be processed; `reason` says why. The pipe retries it, then dead-letters it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class EnrichedOrder:
    order_id: str
    customer_id: str
    amount: Decimal
    currency: str
    customer_name: str
    customer_email: str

    @classmethod
    def from_enrichment(cls, enrichment: Any) -> EnrichedOrder:
        if not isinstance(enrichment, dict):
            raise UnprocessableOrder("record has no enrichment (is the pipe's enrichment step configured?)")
        if "error" in enrichment:
            raise UnprocessableOrder(f"enrichment failed: {enrichment['error']}")
        order, customer = enrichment.get("order"), enrichment.get("customer")
        if not isinstance(order, dict) or not isinstance(customer, dict):
            raise UnprocessableOrder("enrichment must hold an order and a customer object")
        try:
            fields = (order["order_id"], order["customer_id"], customer["name"], customer["email"])
            amount, currency = order["amount"], order["currency"]
        except KeyError as exc:
            raise UnprocessableOrder(f"enrichment is missing or mangles {exc}") from None
        if not all(isinstance(value, str) and value for value in fields):
            raise UnprocessableOrder("order and customer fields must be non-empty strings")
        try:
            amount, currency = order_values.amount(amount), order_values.currency(currency)
        except order_values.InvalidValue as exc:
            raise UnprocessableOrder(exc.reason) from None
        order_id, customer_id, name, email = fields
        return cls(order_id, customer_id, amount, currency, name, email)


class EnrichedOrderRecord(DynamoDBRecord):
    """A DynamoDB stream record as the pipe delivers it after enrichment."""

    @property
    def enriched_order(self) -> EnrichedOrder:
        return EnrichedOrder.from_enrichment(self.get("enrichment"))
