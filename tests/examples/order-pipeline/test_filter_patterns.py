"""The order pipeline's filter, as planned, judged by EventBridge's own matcher.

Pipes filter with EventBridge patterns. moto does not implement TestEventPattern,
so the patterns go to LocalStack's EventBridge, with stream records shaped as
DynamoDB Streams delivers them to a pipe.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from harness.runtime.events import dynamodb_stream_record
from harness.runtime.pipes import passes_filter

pytestmark = pytest.mark.plan

ORDER = {"order_id": "o-1", "customer_id": "c-1", "status": "NEW", "amount": Decimal("10"), "currency": "EUR"}


@pytest.fixture(scope="module")
def patterns(module_plan) -> list[str]:
    pipe = module_plan("example_order_pipeline").one("aws_pipes_pipe")
    return [f["pattern"] for f in pipe["source_parameters"][0]["filter_criteria"][0]["filter"]]


@pytest.fixture(scope="module")
def events(localstack):
    return localstack.client("events")


def record(event_name: str, new_status: str | None, old_status: str | None = None) -> dict:
    new = {**ORDER, "status": new_status} if new_status else None
    old = {**ORDER, "status": old_status} if old_status else None
    return dynamodb_stream_record(event_name, {"order_id": "o-1"}, new_image=new, old_image=old)


CASES = {
    "insert-new": (record("INSERT", "NEW"), True),
    "insert-paid": (record("INSERT", "PAID"), False),
    "insert-lowercase-new": (record("INSERT", "new"), False),
    "modify-to-processing": (record("MODIFY", "PROCESSING", "NEW"), False),
    "modify-still-new": (record("MODIFY", "NEW", "NEW"), False),
    "remove": (record("REMOVE", None, "NEW"), False),
}


@pytest.mark.parametrize("case", CASES)
def test_only_inserts_of_new_orders_pass_the_pipe(case, patterns, events):
    stream_record, passes = CASES[case]
    assert passes_filter(patterns, stream_record, events) is passes


def test_a_pattern_that_matches_nothing_is_caught(events):
    # The check itself can fail: a pattern on another attribute name passes nothing.
    wrong = json.dumps({"eventName": ["INSERT"], "dynamodb": {"NewImage": {"state": {"S": ["NEW"]}}}})
    assert passes_filter([wrong], CASES["insert-new"][0], events) is False
    assert passes_filter([], CASES["insert-paid"][0], events) is True  # no pattern: everything passes
