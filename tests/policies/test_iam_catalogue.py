"""Every policy document the plan root holds (every module case and every example), read
against IAM's catalogue: an action that does not exist, an action none of whose resource
types its resources match (it grants nothing there), an action IAM takes on "*" only named
with a resource, a condition key IAM does not know or none of the statement's actions takes.
The applied accounts' policies get the same reading in tests/examples/test_lifecycle.py."""

from __future__ import annotations

import json

import pytest

from harness.authorization import catalogue
from harness.authorization.documents import plan_documents
from harness.authorization.plan_rules import managed_key_deliveries
from harness.authorization.simulator import simulator

pytestmark = pytest.mark.policy


def test_every_policy_in_the_plan_root_works_on_aws(plan_root):
    documents, unknown = plan_documents(plan_root._raw)
    findings = [f"{d.where}: {finding}" for d in documents for finding in simulator().lint(d.policy, d.kind)]
    print(f"{len(documents)} policies read against {simulator().star_only([])[1]}")
    print(f"{len(unknown)} known only after apply (read in the applied accounts): {', '.join(unknown[:5])}, ...")
    assert len(documents) > 100  # the plan root's policies were found, not a parse that reads nothing
    assert findings == []


@pytest.mark.parametrize(
    ("statement", "finding"),
    [
        (
            {
                "Action": ["kinesis:SubscribeToShard"],
                "Resource": "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
            },
            "kinesis:SubscribeToShard matches none of its resource types (consumer)",
        ),
        (
            {"Action": "states:SendTaskSuccess", "Resource": "arn:aws:states:us-east-1:123456789012:stateMachine:x"},
            'states:SendTaskSuccess takes no resource (IAM grants it on "*" only)',
        ),
        ({"Action": "s3:GetObjekt", "Resource": "*"}, "action s3:GetObjekt does not exist"),
        (
            {"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "images/*"}}},
            "condition StringLike on s3:prefix, which none of its actions takes",
        ),
        (
            {"Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArne": "x"}}},
            "aws:SourceArne, a global key IAM does not know",
        ),
        (
            {"Action": "dynamodb:GetItem", "Resource": "arn:aws:s3:::bucket/*"},
            "dynamodb:GetItem matches none of its resource types (table)",
        ),
    ],
)
def test_the_lint_names_a_statement_that_cannot_work(statement, finding):
    findings = simulator().lint(
        {"Version": "2012-10-17", "Statement": [{"Sid": "Bad", "Effect": "Allow", **statement}]}
    )
    assert [f for f in findings if finding in f], findings


@pytest.mark.parametrize(
    "statement",
    [
        {
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "arn:aws:logs:us-east-1:1:log-group:/a:*",
        },
        {"Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]},
        {
            "Action": "kms:Decrypt",
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:ViaService": "sqs.us-east-1.amazonaws.com"}},
        },
        {"Action": "ssm:GetParameter", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/app": "lwl"}}},
    ],
)
def test_the_lint_passes_statements_that_work(statement):
    assert (
        simulator().lint({"Version": "2012-10-17", "Statement": [{"Sid": "Good", "Effect": "Allow", **statement}]})
        == []
    )


def test_the_star_only_list_is_what_the_catalogue_gives():
    """modules/iam-statement-rules reads it: generated, never kept by hand (but also_on_star, with reasons)."""
    current = json.loads(catalogue.STAR_ONLY_FILE.read_text())
    assert catalogue.render(catalogue.generated(current["services"], current["also_on_star"])) == (
        catalogue.STAR_ONLY_FILE.read_text()
    ), "run python -m harness.authorization.catalogue"
    assert {"dynamodb:ListStreams", "states:SendTaskSuccess", "rekognition:DetectLabels"} <= set(current["actions"])
    assert "dynamodb:GetItem" not in current["actions"]
    assert all(reason for reason in current["also_on_star"].values())


def test_no_service_delivers_in_the_plan_to_a_target_under_an_aws_managed_key(plan_root):
    assert managed_key_deliveries(plan_root._raw) == []


def test_an_alarm_notifying_a_topic_under_alias_aws_sns_is_named_at_plan():
    """examples/claims-processing's supervisors topic, as it was before it got its own key."""

    def change(address: str, resource_type: str, after: dict) -> dict:
        return {"address": address, "mode": "managed", "type": resource_type, "change": {"after": after}}

    topic = "arn:aws:sns:us-east-1:123456789012:claims-supervisors"
    own_key = {"name": "own", "kms_master_key_id": "arn:aws:kms:us-east-1:123456789012:key/1"}
    alarm = {"alarm_actions": [topic], "ok_actions": [topic.replace("claims-supervisors", "own")]}
    plan = {
        "resource_changes": [
            change(
                "aws_sns_topic.supervisors",
                "aws_sns_topic",
                {"name": "claims-supervisors", "kms_master_key_id": "alias/aws/sns"},
            ),
            change("aws_sns_topic.own", "aws_sns_topic", own_key),
            change("aws_cloudwatch_metric_alarm.failed", "aws_cloudwatch_metric_alarm", alarm),
        ]
    }
    [finding] = managed_key_deliveries(plan)
    assert finding.startswith("aws_cloudwatch_metric_alarm.failed: cloudwatch.amazonaws.com delivers to " + topic)
    assert "alias/aws/sns" in finding
