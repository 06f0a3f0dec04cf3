"""The API examples applied on LocalStack and called over real HTTP on loopback.

LocalStack serves REST API stages (moto does not); its community edition has no
Lambda, DynamoDB or load balancers, so integration-types is applied here with the
route kinds it can serve (mock, HTTP proxy, HTTP with templates, AWS service),
its HTTP routes pointing at a backend this test runs on loopback. The Lambda and
private routes are applied on moto in test_apply_integration_types.py.
"""

from __future__ import annotations

import json
import os

import pytest

from harness.emulators.http_backend import running_backend
from harness.runtime.apigw import call, stage_url
from harness.terraform.apply import applied as applied_root
from harness.terraform.apply import unexpected_changes

pytestmark = pytest.mark.apply

LOCALSTACK_KINDS = ["MOCK", "HTTP_PROXY", "HTTP", "AWS_SERVICE"]


@pytest.fixture(scope="module")
def localstack_env(localstack) -> dict[str, str]:
    return {**os.environ, **localstack.env}


@pytest.fixture(scope="module")
def contact_form(localstack, localstack_env, scratch):
    with applied_root("examples/contact-form", scratch / "apply-contact", localstack, localstack_env) as example:
        example.base_url = stage_url(localstack.endpoint, example.outputs["rest_api_id"], example.outputs["stage_name"])
        yield example


@pytest.fixture(scope="module")
def backend():
    with running_backend() as server:
        yield server


@pytest.fixture(scope="module")
def integration_types(localstack, localstack_env, scratch, backend):
    tf_vars = {"kinds": LOCALSTACK_KINDS, "http_backend_url": backend.url, "name": "kinds-ls"}
    with applied_root(
        "examples/integration-types", scratch / "apply-kinds-ls", localstack, localstack_env, tf_vars
    ) as example:
        example.base_url = stage_url(localstack.endpoint, example.outputs["rest_api_id"], example.outputs["stage_name"])
        yield example


def drain_queue(sqs, url: str) -> list[str]:
    bodies = []
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return bodies
        for message in messages:
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


# --- contact form ------------------------------------------------------------------


def test_contact_form_second_plan_is_clean(contact_form, localstack):
    assert unexpected_changes(contact_form.plan(), localstack.kind) == []


def test_replacing_the_queue_deletes_it_before_creating_it_again(contact_form):
    """The route's queue is no dependency of the API's create_before_destroy deployment, so
    Terraform replaces it delete-first. Create-first, SQS would answer CreateQueue for the
    same name with the live queue, and the deletion of the "old" one would remove it."""
    changes = contact_form.replacement_plan("aws_sqs_queue.messages", "aws_sqs_queue.dead_letter").resource_changes
    assert changes["aws_sqs_queue.messages"]["change"]["actions"] == ["delete", "create"]
    assert changes["aws_sqs_queue.dead_letter"]["change"]["actions"] == ["delete", "create"]


def test_contact_form_puts_exactly_the_posted_message_on_the_queue(contact_form, localstack):
    message = {"name": "Ada Lovelace", "email": "ada@example.com", "message": "Do you ship to Åland? 50% off & more"}
    answer = call(contact_form.base_url, "/contact", "POST", message)
    assert answer.status == 200
    assert answer.body["accepted"] is True and answer.body["requestId"]
    bodies = drain_queue(localstack.client("sqs"), contact_form.outputs["queue_url"])
    assert [json.loads(b) for b in bodies] == [message]


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
    assert drain_queue(localstack.client("sqs"), contact_form.outputs["queue_url"]) == []


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


def test_contact_form_destroy_leaves_nothing(contact_form, localstack):
    contact_form.destroy()
    assert localstack.client("apigateway").get_rest_apis()["items"] == []
    assert localstack.client("sqs").list_queues().get("QueueUrls", []) == []


# --- integration types: mock, HTTP, AWS service -------------------------------------


def test_integration_types_second_plan_is_clean(integration_types, localstack):
    assert unexpected_changes(integration_types.plan(), localstack.kind) == []
    assert sorted(integration_types.outputs["routes"]) == ["backend", "feedback", "quote", "status"]


def test_mock_route_returns_its_configured_bodies_and_status_codes(integration_types):
    ok = call(integration_types.base_url, "/status")
    assert (ok.status, ok.body) == (200, {"status": "ok", "version": "2026.11"})
    down = call(integration_types.base_url, "/status", query={"fail": "true"})
    assert (down.status, down.body) == (500, {"status": "down", "message": "simulated failure"})


def test_http_proxy_route_reaches_the_backend_with_path_and_query(integration_types, backend):
    before = len(backend.requests)
    answer = call(integration_types.base_url, "/backend/catalog/items/42", query={"colour": "blue"})
    assert answer.status == 200
    assert answer.body["path"] == "/catalog/items/42"
    assert answer.body["query"] == {"colour": ["blue"]}
    assert backend.requests[before:] == [answer.body]  # the backend saw exactly one request


def test_http_route_maps_the_request_and_the_answer_with_templates(integration_types, backend):
    answer = call(integration_types.base_url, "/quotes", "POST", {"text": "Simplicity is prerequisite", "x": 1})
    assert answer.status == 200
    # The request template kept only text and added source; the response template wrapped the answer.
    assert backend.requests[-1]["body"] == {"text": "Simplicity is prerequisite", "source": "api"}
    assert answer.body["quote"]["text"] == "Simplicity is prerequisite"
    assert answer.body["quote"]["source"] == "api"


def test_aws_service_route_validates_and_queues(integration_types, localstack):
    sqs = localstack.client("sqs")
    assert call(integration_types.base_url, "/feedback", "POST", {"text": ""}).status == 400
    assert call(integration_types.base_url, "/feedback", "POST", {"text": "Great API"}).status == 200
    assert [json.loads(b) for b in drain_queue(sqs, integration_types.outputs["feedback_queue_url"])] == [
        {"text": "Great API"}
    ]


def test_integration_types_destroy_leaves_nothing(integration_types, localstack):
    integration_types.destroy()
    assert localstack.client("apigateway").get_rest_apis()["items"] == []
