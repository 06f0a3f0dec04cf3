"""modules/sns-sqs-fanout: each case of its plan.tf, sliced from the one plan of the shared root."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

REGION, ACCOUNT = "us-east-1", "123456789012"
SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}"
SNS = f"arn:aws:sns:{REGION}:{ACCOUNT}"


@pytest.fixture(scope="module")
def standard(module_plan):
    return module_plan("fan_standard")


@pytest.fixture(scope="module")
def fifo(module_plan):
    return module_plan("fan_fifo")


@pytest.fixture(scope="module")
def consumer(module_plan):
    return module_plan("fan_consumer")


def test_standard_creates_a_queue_dlq_policy_and_subscription_per_subscriber(standard):
    assert standard.type_counts() == {
        "aws_sns_topic": 1,
        "aws_sns_topic_policy": 1,
        "aws_sqs_queue": 4,
        "aws_sqs_queue_policy": 4,
        "aws_sns_topic_subscription": 2,
        "aws_kms_key": 1,  # a service and another account publish: the AWS-managed key cannot admit them
    }


def test_topic_is_encrypted_by_default(fifo):
    topic = fifo.one("aws_sns_topic")
    assert (topic["name"], topic["fifo_topic"], topic["kms_master_key_id"]) == ("fan-fifo.fifo", True, "alias/aws/sns")
    assert "aws_kms_key" not in fifo.type_counts()  # no publisher from outside the account


def test_a_topic_with_outside_publishers_gets_a_key_that_admits_exactly_them(standard):
    assert standard.unknown("aws_sns_topic.this[0]")["kms_master_key_id"] is True  # the created key's ARN
    key = standard.one("aws_kms_key")
    assert (key["enable_key_rotation"], key["deletion_window_in_days"]) == (True, 30)
    policy = statements(key["policy"])
    assert set(policy) == {"AccountAdministersAndUses", "PublisherEventsUsesKey", "PublisherPrincipalsUseKey"}
    assert policy["AccountAdministersAndUses"]["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    events = policy["PublisherEventsUsesKey"]
    assert (events["Principal"], events["Action"]) == (
        {"Service": "events.amazonaws.com"},
        ["kms:Decrypt", "kms:GenerateDataKey"],
    )
    assert events["Condition"] == {"ArnLike": {"aws:SourceArn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/orders"}}
    assert policy["PublisherPrincipalsUseKey"]["Principal"] == {"AWS": "arn:aws:iam::210987654321:role/order-service"}
    assert wildcard_actions(policy) == []


def assert_denies_insecure_transport(statement: dict, resource: str) -> None:
    assert statement["Effect"] == "Deny" and statement["Principal"] == "*"
    assert statement["Resource"] == [resource]
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_topic_policy_lets_only_the_named_publishers_publish(standard):
    policy = statements(standard.one("aws_sns_topic_policy")["policy"])
    assert set(policy) == {"PublishEvents", "PublishPrincipals", "DenyInsecureTransport"}
    assert_denies_insecure_transport(policy["DenyInsecureTransport"], f"{SNS}:fan-standard")
    events = policy["PublishEvents"]
    assert (events["Action"], events["Resource"]) == (["sns:Publish"], [f"{SNS}:fan-standard"])
    assert events["Principal"] == {"Service": "events.amazonaws.com"}
    assert events["Condition"] == {"ArnLike": {"aws:SourceArn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/orders"}}
    assert policy["PublishPrincipals"]["Principal"] == {"AWS": "arn:aws:iam::210987654321:role/order-service"}


def test_each_queue_redrives_to_its_own_dlq_which_only_it_may_use(standard):
    queues = {q["name"]: q for q in standard.of_type("aws_sqs_queue").values()}
    assert set(queues) == {"fan-standard-audit", "fan-standard-audit-dlq", "fan-standard-paid", "fan-standard-paid-dlq"}
    for name in ("fan-standard-audit", "fan-standard-paid"):
        dlq = queues[f"{name}-dlq"]
        assert json.loads(dlq["redrive_allow_policy"]) == {
            "redrivePermission": "byQueue",
            "sourceQueueArns": [f"{SQS}:{name}"],
        }
        assert dlq["message_retention_seconds"] == 1209600
        assert queues[name]["sqs_managed_sse_enabled"] is True and dlq["sqs_managed_sse_enabled"] is True
        assert queues[name]["receive_wait_time_seconds"] == 20  # long polling
    # The redrive policy names the DLQ's ARN, known after apply; max receive count is the input.
    redrive = {a: standard.unknown(a).get("redrive_policy") for a in standard.of_type("aws_sqs_queue")}
    assert redrive['module.queues.aws_sqs_queue.this["paid"]'] is True


def test_queue_policies_admit_only_this_topic(standard):
    for address, policy in standard.of_type("aws_sqs_queue_policy").items():
        document = statements(policy["policy"])
        assert set(document) == {"TopicSendMessage", "DenyInsecureTransport"}, address
        statement = document["TopicSendMessage"]
        assert_denies_insecure_transport(document["DenyInsecureTransport"], statement["Resource"][0])
        assert statement["Principal"] == {"Service": "sns.amazonaws.com"}
        assert statement["Action"] == ["sqs:SendMessage"]
        assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": f"{SNS}:fan-standard"}}, address
    resources = sorted(
        r
        for p in standard.of_type("aws_sqs_queue_policy").values()
        for r in json.loads(p["policy"])["Statement"][0]["Resource"].split()
    )
    assert resources == sorted(
        f"{SQS}:{q}"
        for q in ("fan-standard-audit", "fan-standard-audit-dlq", "fan-standard-paid", "fan-standard-paid-dlq")
    )


def test_subscriptions_raw_delivery_filters_and_redrive(standard):
    subscriptions = standard.by_key("aws_sns_topic_subscription")
    assert {s["protocol"] for s in subscriptions.values()} == {"sqs"}
    assert {s["raw_message_delivery"] for s in subscriptions.values()} == {True}
    assert subscriptions["audit"]["filter_policy"] is None and subscriptions["audit"].get("filter_policy_scope") is None
    assert json.loads(subscriptions["paid"]["filter_policy"]) == {"status": ["PAID"]}
    assert subscriptions["paid"]["filter_policy_scope"] == "MessageAttributes"
    for address in standard.of_type("aws_sns_topic_subscription"):
        assert standard.unknown(address)["redrive_policy"] is True  # the DLQ's ARN, after apply


def test_fifo_topic_and_queues(fifo):
    topic = fifo.one("aws_sns_topic")
    assert (topic["name"], topic["fifo_topic"], topic["content_based_deduplication"]) == ("fan-fifo.fifo", True, True)
    queues = {q["name"]: q for q in fifo.of_type("aws_sqs_queue").values()}
    assert set(queues) == {"fan-fifo-ledger.fifo", "fan-fifo-ledger-dlq.fifo"}
    assert all(q["fifo_queue"] for q in queues.values())
    [subscription] = fifo.of_type("aws_sns_topic_subscription").values()
    assert subscription["filter_policy_scope"] == "MessageBody"
    assert json.loads(subscription["filter_policy"]) == {"amount": [{"numeric": [">", 100]}]}
    # No publishers named: the topic policy only refuses requests without TLS.
    [(sid, deny)] = statements(fifo.one("aws_sns_topic_policy")["policy"]).items()
    assert sid == "DenyInsecureTransport"
    assert_denies_insecure_transport(deny, f"{SNS}:fan-fifo.fifo")


def test_fifo_consumer_reads_its_fifo_queue(fifo):
    [mapping] = fifo.of_type("aws_lambda_event_source_mapping").values()
    assert mapping["event_source_arn"] == f"{SQS}:fan-fifo-ledger.fifo"
    assert (mapping["batch_size"], mapping["function_response_types"]) == (10, ["ReportBatchItemFailures"])


def test_consumer_is_a_lambda_with_layers_reading_only_its_queue(consumer):
    counts = consumer.type_counts()
    assert counts["aws_lambda_function"] == 1 and counts["aws_lambda_event_source_mapping"] == 1
    assert "aws_lambda_function_event_invoke_config" not in counts
    queues = {q["name"] for q in consumer.of_type("aws_sqs_queue").values()}
    assert queues == {"fan-consumer-billing", "fan-consumer-billing-dlq"}  # no async DLQ: SQS redrives
    fn = consumer.one("aws_lambda_function")
    assert (fn["function_name"], fn["timeout"]) == ("fan-consumer-billing", 30)
    assert fn["dead_letter_config"] == []
    [mapping] = consumer.of_type("aws_lambda_event_source_mapping").values()
    assert mapping["event_source_arn"] == f"{SQS}:fan-consumer-billing"
    assert (mapping["batch_size"], mapping["maximum_batching_window_in_seconds"]) == (50, 2)
    assert mapping["scaling_config"] == [{"maximum_concurrency": 4}]
    policy = statements(consumer.one("aws_iam_role_policy")["policy"])
    assert set(policy) == {"Logs", "XRay", "EventSourceQueue", "EventSourceKeyQueue", "RecordProcessed"}
    assert policy["EventSourceQueue"]["Resource"] == [f"{SQS}:fan-consumer-billing"]
    assert policy["EventSourceKeyQueue"] == {
        "Sid": "EventSourceKeyQueue",
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/3333-queues"],
    }


def test_customer_key_replaces_sse_sqs(consumer):
    for queue in consumer.of_type("aws_sqs_queue").values():
        assert queue["kms_master_key_id"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/3333-queues"
        assert queue.get("sqs_managed_sse_enabled") in (None, False)  # not set: the key encrypts
    [subscription] = consumer.of_type("aws_sns_topic_subscription").values()
    assert subscription["raw_message_delivery"] is False


def test_disabled_creates_nothing(module_plan):
    assert module_plan("fan_disabled").changes == {}
