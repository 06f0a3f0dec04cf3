"""examples/claims-processing applied on moto: what the plan cannot show.

The workflow role's policy names the supervisors topic's key, whose ARN exists only after
apply, so the whole policy is unknown at plan; it is read back from the emulator here."""

from __future__ import annotations

import json

import boto3
import pytest

from harness.authorization import policies
from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.apply

ARN = "us-east-1:123456789012"


def test_the_claims_role_has_one_statement_per_integration_and_nothing_else(applied):
    role = boto3.client("stepfunctions").describe_state_machine(
        stateMachineArn=f"arn:aws:states:{ARN}:stateMachine:claims"
    )["roleArn"]
    [document] = [p["policy"] for p in policies.role(role).identity_policies]
    policy = statements(json.dumps(document))
    key = boto3.client("sns").get_topic_attributes(TopicArn=f"arn:aws:sns:{ARN}:claims-supervisors")["Attributes"][
        "KmsMasterKeyId"
    ]
    assert {
        sid: (s["Action"], s["Resource"]) for sid, s in policy.items() if sid not in ("DeliverLogs", "WriteTraces")
    } == {
        "Validate": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-validate"]),
        "Analyse": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-analyse"]),
        "History": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:claims-history"]),
        "ClaimsTable": (["dynamodb:PutItem", "dynamodb:UpdateItem"], [f"arn:aws:dynamodb:{ARN}:table/claims"]),
        "PoliciesTable": (["dynamodb:GetItem"], [f"arn:aws:dynamodb:{ARN}:table/claims-policies"]),
        "ReviewRequests": (["sqs:SendMessage"], [f"arn:aws:sqs:{ARN}:claims-review-requests"]),
        "Supervisors": (["sns:Publish"], [f"arn:aws:sns:{ARN}:claims-supervisors"]),
        # The topic's own key (it admits the alarms too), through SNS only.
        "SupervisorsKey": (["kms:Decrypt", "kms:GenerateDataKey"], [key]),
    }
    assert policy["SupervisorsKey"]["Condition"] == {"StringEquals": {"kms:ViaService": "sns.us-east-1.amazonaws.com"}}
    assert wildcard_actions(policy) == []
