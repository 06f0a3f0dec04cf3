"""harness/emulators/localstack_server.py: LocalStack answers a create sent again as the moto
server does (harness/emulators/resent_creates.py), in its own process and handler chain.

Runs in the LocalStack worker (tests/conftest.py xdist_group), on the session's LocalStack."""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

pytestmark = pytest.mark.unit

TRUST = json.dumps({"Version": "2012-10-17", "Statement": []})


def test_a_create_sent_again_gets_its_first_answer_and_another_create_still_conflicts(localstack):
    """CreateRole (query protocol) and CreateModel (REST), each sent twice as the SDK resends
    after failing to read an answer: the first answer, not 409 (both failed full runs); a
    create of the same name with another body still conflicts."""
    iam, apigw = localstack.client("iam"), localstack.client("apigateway")
    name = f"resent-{uuid.uuid4().hex[:8]}"
    first = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)["Role"]
    assert iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)["Role"]["RoleId"] == first["RoleId"]
    with pytest.raises(ClientError, match="EntityAlreadyExists"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST, Description="another body")

    api = apigw.create_rest_api(name=name)["id"]
    model = {"restApiId": api, "name": "contactRequest", "contentType": "application/json", "schema": "{}"}
    assert apigw.create_model(**model)["id"] == apigw.create_model(**model)["id"]
    with pytest.raises(ClientError, match="ConflictException"):
        apigw.create_model(**model, description="another body")
    apigw.delete_rest_api(restApiId=api)
    iam.delete_role(RoleName=name)


def test_a_create_after_a_delete_is_carried_out(localstack):
    iam = localstack.client("iam")
    name = f"recreated-{uuid.uuid4().hex[:8]}"
    first = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)["Role"]["RoleId"]
    iam.delete_role(RoleName=name)
    assert iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)["Role"]["RoleId"] != first
    assert iam.get_role(RoleName=name)["Role"]["RoleName"] == name
    iam.delete_role(RoleName=name)


def test_a_delete_sent_again_gets_its_first_answer_and_one_after_a_create_is_carried_out(localstack):
    """DeleteRole sent twice as the SDK resends after a lost answer: the first answer, not
    NoSuchEntity; after the role is created again, its delete is new work."""
    iam = localstack.client("iam")
    name = f"resent-{uuid.uuid4().hex[:8]}"
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
    for _ in range(2):
        iam.delete_role(RoleName=name)
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
    iam.delete_role(RoleName=name)
    with pytest.raises(ClientError, match="NoSuchEntity"):
        iam.get_role(RoleName=name)
