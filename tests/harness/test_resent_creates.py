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
