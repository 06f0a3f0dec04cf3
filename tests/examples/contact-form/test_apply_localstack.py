"""examples/contact-form applied on LocalStack and called over real HTTP on loopback.

LocalStack serves REST API stages (moto does not); the form is posted to the stage
and the message read back from the queue. Apply, second plan and destroy are the
lifecycle's (tests/examples/test_lifecycle.py).
"""

from __future__ import annotations

import json

import pytest

from harness.runtime.apigw import call
from harness.runtime.poller import take_bodies
from harness.scenarios import contact_form as contact_form_walk

pytestmark = pytest.mark.apply


@pytest.fixture(scope="module")
def contact_form(localstack_api):
    return localstack_api


def test_replacing_the_queue_deletes_it_before_creating_it_again(contact_form):
    """The route's queue is no dependency of the API's create_before_destroy deployment, so
    Terraform replaces it delete-first. Create-first, SQS would answer CreateQueue for the
    same name with the live queue, and the deletion of the "old" one would remove it."""
    queue, dead_letter = (
        'module.messages.aws_sqs_queue.this["messages"]',
        'module.messages.aws_sqs_queue.dead_letter["messages"]',
    )
    changes = contact_form.replacement_plan(queue, dead_letter).resource_changes
    assert changes[queue]["change"]["actions"] == ["delete", "create"]
    assert changes[dead_letter]["change"]["actions"] == ["delete", "create"]


def test_contact_form_puts_exactly_the_posted_message_on_the_queue(stage, narrator):
    """The use case `make demo EXAMPLE=contact-form` walks (harness/scenarios/contact_form.py)."""
    posted = contact_form_walk.walk(stage, narrator)
    assert posted.accepted.status == 200
    assert posted.accepted.body["accepted"] is True and posted.accepted.body["requestId"]
    assert posted.refused.status == 400
    assert posted.other_method.status in (403, 404, 405)
    assert posted.queued == [contact_form_walk.MESSAGE]  # the valid one, exactly; the refused one never
    assert "POST /contact" in narrator.text and "-> 200" in narrator.text and "-> 400" in narrator.text


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Ada", "email": "ada@example.com"},  # no message
        {"name": "Ada", "email": "not-an-email", "message": "hi"},
        {"name": "Ada", "email": "ada@example.com", "message": "hi", "admin": True},  # extra property
        {"name": "", "email": "ada@example.com", "message": "hi"},
    ],
    ids=["missing-field", "bad-email", "extra-property", "empty-name"],
)
def test_contact_form_rejects_an_invalid_body_with_400_and_queues_nothing(contact_form, localstack, body):
    answer = call(contact_form.base_url, "/contact", "POST", body)
    assert answer.status == 400, answer.body
    assert take_bodies(localstack.client("sqs"), contact_form.outputs["queue_url"]) == []


def test_contact_form_role_may_only_send_to_its_queue(contact_form, localstack):
    iam = localstack.client("iam")
    name = "contact-form-apigw-service"
    document = iam.get_role_policy(RoleName=name, PolicyName=name)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    queue_arn = localstack.client("sqs").get_queue_attributes(
        QueueUrl=contact_form.outputs["queue_url"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    assert document["Statement"] == [
        {"Sid": "Contact", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": [queue_arn]}
    ]


def test_contact_form_has_no_other_routes(contact_form):
    assert call(contact_form.base_url, "/contact", "GET").status in (403, 404, 405)
