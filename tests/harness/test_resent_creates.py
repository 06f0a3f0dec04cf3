"""harness/emulators/resent_creates.py: which requests are creates an identical request may repeat."""

from __future__ import annotations

import pytest

from harness.emulators.resent_creates import Answer, Request, Resends

pytestmark = pytest.mark.unit

FORM = "application/x-www-form-urlencoded; charset=utf-8"


def query(action: str) -> Request:
    return Request("POST", "127.0.0.1", "/", "", "", FORM, f"Action={action}&Version=2014-10-31".encode())


@pytest.mark.parametrize(
    ("request_", "create"),
    [
        (query("RegisterDBProxyTargets"), "RegisterDBProxyTargets"),  # sent again in a full run: two targets
        (query("CreateRole"), "CreateRole"),
        (query("AssociateRouteTable"), "AssociateRouteTable"),
        (
            Request("POST", "h", "/", "", "AWSEvents.CreateEventBus", "application/x-amz-json-1.1", b"{}"),
            "CreateEventBus",
        ),
        (
            Request("POST", "h", "/2015-03-31/functions/f/policy", "", "", "application/json", b"{}"),
            "POST /2015-03-31/functions/f/policy",
        ),
        # AWS carries these out twice: a test sending the same message twice means it.
        (query("AllocateAddress"), None),
        (query("SendMessage"), None),
        (query("Publish"), None),
        (Request("PUT", "h", "/bucket/key", "", "", "application/octet-stream", b""), None),
    ],
    ids=lambda v: v.operation or v.path if isinstance(v, Request) else None,
)
def test_a_create_is_an_operation_aws_refuses_to_carry_out_twice(request_, create):
    assert request_.create() == create


def test_deletes_and_resets_undo_and_a_create_does_not():
    assert query("DeregisterDBProxyTargets").undoes() and query("DisassociateRouteTable").undoes()
    assert Request("DELETE", "h", "/2015-03-31/functions/f", "", "", "", b"").undoes()
    assert Request("POST", "h", "/moto-api/reset", "", "", "", b"").undoes()
    assert not query("RegisterDBProxyTargets").undoes()


OK = Answer(200, "OK", [], b"<DeleteTargetGroupResponse/>")
NOT_FOUND = Answer(400, "Bad Request", [], b"TargetGroupNotFound")


def test_a_delete_sent_again_gets_its_first_answer_and_reads_between_do_not_matter():
    resends, delete = Resends(), query("DeleteTargetGroup")
    first = resends.before(delete)
    assert (first.operation, first.first) == ("DeleteTargetGroup", None)
    first.memory.remember(delete, OK)
    assert resends.before(query("DescribeTargetGroups")).memory is None
    assert resends.before(query("DeleteRole")).first is None  # another delete, carried out
    assert resends.before(delete).first == OK


@pytest.mark.parametrize("between", [query("CreateTargetGroup"), query("PutRolePolicy"), query("ModifyTargetGroup")])
def test_a_delete_after_a_create_or_a_write_is_new_work(between):
    resends, delete = Resends(), query("DeleteTargetGroup")
    resends.before(delete).memory.remember(delete, OK)
    resends.before(between)
    assert resends.before(delete).first is None


def test_a_refused_delete_is_not_kept_and_s3_deletes_are_never_answered_again():
    resends, delete = Resends(), query("DeleteTargetGroup")
    resends.before(delete).memory.remember(delete, NOT_FOUND)
    assert resends.before(delete).first is None
    s3_delete = Request("DELETE", "bucket.s3.amazonaws.com", "/key", "", "", "", b"")
    assert resends.before(s3_delete).memory is None  # a versioned bucket: each delete is a new marker
    rest_delete = Request("DELETE", "h", "/2015-03-31/functions/f/policy/Nightly", "", "", "", b"")
    assert resends.before(rest_delete).operation == "DELETE /2015-03-31/functions/f/policy/Nightly"


def signed(service: str, action: str, method: str = "POST", path: str = "/") -> Request:
    """A request as the SDK signs it: its service is in the credential scope."""
    body = f"Action={action}".encode() if method == "POST" else b""
    return Request(method, "127.0.0.1", path, "", "", FORM, body, service=service)


def test_the_service_is_read_from_the_signature():
    header = (
        "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x"
    )
    assert Request.service_signed(header) == "dynamodb"
    assert Request.service_signed("") == ""


@pytest.mark.parametrize(
    "between",
    [signed("s3", "", "PUT", "/claims-bucket"), signed("kms", "ScheduleKeyDeletion"), signed("sns", "CreateTopic")],
    ids=["s3-put-versioning", "kms-schedule-deletion", "sns-create"],
)
def test_a_delete_sent_again_after_another_services_write_gets_its_first_answer(between):
    # A full run at f8f3027: DeleteTable answered 200, then the destroy's S3 and KMS writes,
    # then the same DeleteTable sent again answered "not found". Only its own service can
    # bring a deleted table back.
    resends, delete = Resends(), signed("dynamodb", "DeleteTable")
    resends.before(delete).memory.remember(delete, OK)
    resends.before(between)
    assert resends.before(delete).first == OK


def test_a_create_or_write_of_the_same_service_or_of_none_named_still_forgets_the_delete():
    for between in (signed("dynamodb", "CreateTable"), signed("dynamodb", "UpdateTable"), query("CreateTable")):
        resends, delete = Resends(), signed("dynamodb", "DeleteTable")
        resends.before(delete).memory.remember(delete, OK)
        resends.before(between)
        assert resends.before(delete).first is None, between.operation


def test_a_create_sent_again_after_another_services_delete_gets_its_first_answer():
    resends, create = Resends(), signed("iam", "CreateRole")
    resends.before(create).memory.remember(create, OK)
    resends.before(signed("logs", "DeleteLogGroup"))
    assert resends.before(create).first == OK
    resends.before(signed("iam", "DeleteRole"))
    assert resends.before(create).first is None  # a create after its own service's delete is new work
