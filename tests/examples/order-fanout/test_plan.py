"""examples/order-fanout: planned in the shared plan root as module call example_order_fanout, with no inputs."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan


@pytest.fixture(scope="module")
def order_fanout(module_plan):
    return module_plan("example_order_fanout")


def test_order_fanout_resources(order_fanout):
    counts = order_fanout.type_counts()
    assert counts["aws_sns_topic"] == 1 and counts["aws_dynamodb_table"] == 1
    assert counts["aws_sqs_queue"] == 6  # a queue and a DLQ per consumer, no async DLQs
    assert counts["aws_sns_topic_subscription"] == 3
    assert counts["aws_lambda_function"] == 3 and counts["aws_lambda_event_source_mapping"] == 3


def test_order_fanout_only_shipping_filters(order_fanout):
    subscriptions = order_fanout.by_key("aws_sns_topic_subscription")
    assert json.loads(subscriptions["shipping"]["filter_policy"]) == {"status": ["PAID"]}
    assert subscriptions["billing"]["filter_policy"] is None and subscriptions["analytics"]["filter_policy"] is None


def test_order_fanout_visibility_is_six_times_the_consumer_timeout(order_fanout):
    queues = [q for q in order_fanout.of_type("aws_sqs_queue").values() if not q["name"].endswith("-dlq")]
    assert {q["visibility_timeout_seconds"] for q in queues} == {180}
    assert {f["timeout"] for f in order_fanout.of_type("aws_lambda_function").values()} == {30}


def test_order_fanout_consumers_may_only_put_items_in_the_table(order_fanout):
    table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-processed"
    for policy in order_fanout.of_type("aws_iam_role_policy").values():
        record = statements(policy["policy"])["RecordProcessed"]
        assert (record["Action"], record["Resource"]) == (["dynamodb:PutItem"], [table_arn])


def test_order_fanout_table(order_fanout):
    table = order_fanout.one("aws_dynamodb_table")
    assert (table["name"], table["billing_mode"], table["hash_key"]) == ("orders-processed", "PAY_PER_REQUEST", "pk")
    assert table["point_in_time_recovery"][0]["enabled"] is True
    assert table["server_side_encryption"][0]["enabled"] is True
