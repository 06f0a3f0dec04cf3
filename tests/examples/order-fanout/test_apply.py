"""examples/order-fanout applied on the emulator: filters, consumers, DLQs, accounting.

The emulator delivers SNS to SQS but does not run Lambda code, so each consumer's
handler runs in-process with its deployed environment, driven by harness/poller.py, which does what Lambda's SQS
event source mapping does (receive, invoke, delete successes, retry failures).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.apply

ADMITTED = {
    "billing": {"e-1", "e-2", "e-3", "e-4", "poison"},
    "analytics": {"e-1", "e-2", "e-3", "e-4", "poison"},
    "shipping": {"e-1", "poison"},
}


def test_each_queue_receives_exactly_what_its_filter_admits(walked):
    """The use case `make demo EXAMPLE=order-fanout` walks (harness/scenarios/order_fanout.py)."""
    assert walked.received == {consumer: len(admitted) for consumer, admitted in ADMITTED.items()}


def test_consumers_process_good_records_and_poison_ends_in_each_dlq(walked):
    for consumer, admitted in ADMITTED.items():
        stats = walked.stats[consumer]
        assert stats.deleted == len(admitted) - 1, consumer  # every good record, once
        assert stats.reported_failures == 3, consumer  # the poison, on each of its max_receive_count receives
        assert walked.dead_lettered[consumer] == ["poison"], consumer
        assert walked.left[consumer] == 0, consumer
    # Every published message is accounted for: in the table or in a dead-letter queue.
    assert {consumer: written | {"poison"} for consumer, written in walked.written.items()} == ADMITTED


def test_the_demo_tells_the_real_values(walked, stage):
    assert stage.outputs["topic_arn"] in walked.narration
    assert "shipping  2 message(s)" in walked.narration
    assert "dead-letter queue: ['poison']" in walked.narration
