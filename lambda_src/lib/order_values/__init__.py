"""Values every order handler parses the same way: amounts and currencies.

A library, not a function: `harness.build` bundles it into the zip of each
function that imports it. Pure Python, no AWS.

An amount is refused before any write when DynamoDB could not store it or the
domain does not allow it: not finite, negative, more than 38 significant digits
or outside DynamoDB's range (DynamoDB would reject the write, or a caller would
store what it did not mean). Strings are read strictly: ASCII digits with an
optional fraction, nothing else (no exponent, underscores, signs or spaces).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from order_values.currencies import ISO_4217

# DynamoDB numbers: up to 38 significant digits, magnitude from 1E-130 to below 1E+126.
DYNAMODB_MAX_DIGITS = 38
DYNAMODB_SMALLEST = Decimal("1E-130")
DYNAMODB_LIMIT = Decimal("1E+126")
AMOUNT_TEXT = re.compile(r"[0-9]{1,38}(\.[0-9]{1,38})?")


class InvalidValue(ValueError):
    """The value is not one the domain allows; `reason` says why, naming the field."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _significant_digits(number: Decimal) -> int:
    # Read from the digits themselves: normalize() would round to the context's 28 digits first.
    return len("".join(map(str, number.as_tuple().digits)).strip("0"))


def amount(value: object, field: str = "amount") -> Decimal:
    """A non-negative, finite amount DynamoDB can store exactly."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidValue(f"{field} must be a number, got {type(value).__name__}")
    if isinstance(value, str) and not AMOUNT_TEXT.fullmatch(value):
        raise InvalidValue(f"{field} {_shown(value)} is not a number: digits with an optional '.' fraction only")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidValue(f"{field} {_shown(value)} is not a number") from None
    if not number.is_finite():
        raise InvalidValue(f"{field} {_shown(value)} is not a finite number")
    if number < 0:
        raise InvalidValue(f"{field} must be a number >= 0, got {_shown(value)}: an order amount is never negative")
    if number == 0:
        # 0E-1000000 is zero, but no store keeps that exponent: refuse it rather than pass it on.
        if not -130 <= number.as_tuple().exponent <= 125:
            raise InvalidValue(f"{field} {_shown(value)} is outside the range DynamoDB stores (1E-130 to below 1E+126)")
        return Decimal(0)
    if _significant_digits(number) > DYNAMODB_MAX_DIGITS:
        raise InvalidValue(f"{field} has more than {DYNAMODB_MAX_DIGITS} significant digits")
    if not DYNAMODB_SMALLEST <= number < DYNAMODB_LIMIT:
        raise InvalidValue(f"{field} {_shown(value)} is outside the range DynamoDB stores (1E-130 to below 1E+126)")
    return number


def currency(value: object, field: str = "currency") -> str:
    """An ISO 4217 currency code, in capitals (lower case is accepted and raised)."""
    if not isinstance(value, str) or not value.isascii() or value.upper() not in ISO_4217:
        raise InvalidValue(f"{field} {_shown(value)} is not an ISO 4217 currency code such as EUR or USD")
    return value.upper()
