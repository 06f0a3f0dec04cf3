"""modules/queue-with-dead-letter (internal): each queue with its own dead-letter queue and
policies, sliced from the one plan of the shared root. Callers' plan tests (sns-sqs-fanout,
the examples) check what they pass."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan

ACCOUNT = "123456789012"
SQS = f"arn:aws:sqs:us-east-1:{ACCOUNT}"  # the shared root's region (tests/roots/providers.tf)


@pytest.fixture(scope="module")
def queues(module_plan):
    return module_plan("queue_with_dead_letter")


def test_each_queue_has_its_own_dead_letter_queue_that_only_it_may_redrive_into(queues):
    assert queues.type_counts() == {"aws_sqs_queue": 6, "aws_sqs_queue_policy": 6}
    by_name = {q["name"]: q for q in queues.of_type("aws_sqs_queue").values()}
    assert set(by_name) == {
        "qdl-jobs",
        "qdl-jobs-dlq",
        "qdl-ledger.fifo",
        "qdl-ledger-dlq.fifo",
        "qdl-uploads",
        "qdl-uploads-failed",
    }
    for queue, dead in (
        ("qdl-jobs", "qdl-jobs-dlq"),
        ("qdl-ledger.fifo", "qdl-ledger-dlq.fifo"),
        ("qdl-uploads", "qdl-uploads-failed"),
    ):
        assert json.loads(by_name[dead]["redrive_allow_policy"]) == {
            "redrivePermission": "byQueue",
            "sourceQueueArns": [f"{SQS}:{queue}"],
        }
        assert by_name[dead]["message_retention_seconds"] == 1209600
        assert by_name[queue]["tags"] == by_name[dead]["tags"] == {"owner": "platform"}
    # The redrive policy names the DLQ's ARN, known after apply.
    assert queues.unknown('aws_sqs_queue.this["jobs"]')["redrive_policy"] is True
    assert by_name["qdl-ledger.fifo"]["fifo_queue"] and by_name["qdl-ledger-dlq.fifo"]["fifo_queue"]
    assert by_name["qdl-uploads"]["visibility_timeout_seconds"] == 360


def test_sse_sqs_unless_a_key_is_given(queues):
    by_name = {q["name"]: q for q in queues.of_type("aws_sqs_queue").values()}
    assert by_name["qdl-jobs"]["sqs_managed_sse_enabled"] is True
    assert by_name["qdl-jobs"].get("kms_master_key_id") is None
    for name in ("qdl-ledger.fifo", "qdl-ledger-dlq.fifo"):
        assert by_name[name]["kms_master_key_id"].endswith(":key/0b6e9f7a-1d2c-4e5f-8a9b-0c1d2e3f4a5b")
        assert not by_name[name].get("sqs_managed_sse_enabled")  # one encryption or the other


def test_senders_are_admitted_by_source_and_nothing_without_tls(queues):
    policies = {a: statements(p["policy"]) for a, p in queues.of_type("aws_sqs_queue_policy").items()}
    for address, policy in policies.items():
        deny = policy["DenyInsecureTransport"]
        assert (deny["Effect"], deny["Principal"], deny["Action"]) == ("Deny", "*", ["sqs:*"]), address
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert set(policies['aws_sqs_queue_policy.this["jobs"]']) == {"DenyInsecureTransport"}
    uploads = policies['aws_sqs_queue_policy.this["uploads"]']
    assert set(uploads) == {"S3Sends", "TopicSends", "DenyInsecureTransport"}
    assert uploads["S3Sends"]["Principal"] == {"Service": "s3.amazonaws.com"}
    assert uploads["S3Sends"]["Action"] == ["sqs:SendMessage"]
    assert uploads["S3Sends"]["Resource"] == [f"{SQS}:qdl-uploads"]
    assert uploads["S3Sends"]["Condition"] == {
        "ArnEquals": {"aws:SourceArn": "arn:aws:s3:::qdl-bucket"},
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
    }
    # Only to_dead_letter senders reach the dead-letter queue.
    dead = policies['aws_sqs_queue_policy.dead_letter["uploads"]']
    assert set(dead) == {"TopicSends", "DenyInsecureTransport"}
    assert dead["TopicSends"]["Resource"] == [f"{SQS}:qdl-uploads-failed"]
