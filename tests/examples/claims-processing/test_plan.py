"""examples/claims-processing in the shared plan root (call example_claims_processing), its defaults."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan

ARN = "us-east-1:123456789012"
BUCKET = "claims-123456789012-us-east-1"


@pytest.fixture(scope="module")
def claims(module_plan):
    return module_plan("example_claims_processing")


def machine(claims, name: str) -> dict:
    return claims.changes[f"module.{name}.aws_sfn_state_machine.this[0]"]["change"]["after"]


def test_two_state_machines_standard_for_claims_express_for_the_intake(claims):
    assert (machine(claims, "claims")["name"], machine(claims, "claims")["type"]) == ("claims", "STANDARD")
    assert (machine(claims, "intake")["name"], machine(claims, "intake")["type"]) == ("claims-intake", "EXPRESS")
    for name in ("claims", "intake"):
        assert machine(claims, name)["tracing_configuration"] == [{"enabled": True}]
        assert machine(claims, name)["logging_configuration"][0]["include_execution_data"] is False  # personal data


def test_the_definition_is_rendered_with_the_inputs(claims):
    states = json.loads(machine(claims, "claims")["definition"])["States"]
    assert states["Request review"]["TimeoutSeconds"] == 72 * 3600
    assert states["Request review"]["Parameters"]["QueueUrl"] == (
        "https://sqs.us-east-1.amazonaws.com/123456789012/claims-review-requests"
    )
    rules = states["Assess risk"]["Choices"][1]["And"]
    assert {"Variable": "$.analysis.assessment.confidence_score", "NumericGreaterThanEquals": 0.8} in rules
    assert {"Variable": "$.analysis.assessment.severity_score", "NumericLessThanEquals": 3} in rules
    assert states["Validate input"]["Parameters"]["FunctionName"] == f"arn:aws:lambda:{ARN}:function:claims-validate"
    failures = {name: (s["Error"], s["Cause"]) for name, s in states.items() if s["Type"] == "Fail"}
    assert set(failures) == {"Claim not processed", "Outcome not recorded", "Claim not registered", "Duplicate claim"}
    assert all(error and cause for error, cause in failures.values())


def test_uploads_under_incoming_start_the_intake_with_the_photo_version(claims):
    rule = claims.changes['module.intake.aws_cloudwatch_event_rule.trigger["upload"]']["change"]["after"]
    assert json.loads(rule["event_pattern"]) == {
        "source": ["aws.s3"],
        "detail-type": ["Object Created"],
        "detail": {"bucket": {"name": [BUCKET]}, "object": {"key": [{"prefix": "incoming/"}]}},
    }
    target = claims.changes['module.intake.aws_cloudwatch_event_target.trigger["upload"]']["change"]["after"]
    assert target["input_transformer"][0]["input_paths"]["version_id"] == "$.detail.object.version-id"
    notification = claims.one("aws_s3_bucket_notification")
    assert notification["eventbridge"] is True
    intake = json.loads(machine(claims, "intake")["definition"])
    assert (
        intake["States"]["Start claim"]["Parameters"]["StateMachineArn"] == f"arn:aws:states:{ARN}:stateMachine:claims"
    )


def test_the_bucket_is_private_versioned_encrypted_and_tls_only(claims):
    assert claims.one("aws_s3_bucket_versioning")["versioning_configuration"][0]["status"] == "Enabled"
    assert claims.one("aws_s3_bucket_public_access_block")["restrict_public_buckets"] is True
    sse = claims.one("aws_s3_bucket_server_side_encryption_configuration")["rule"][0]
    assert sse["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "aws:kms"
    deny = statements(claims.one("aws_s3_bucket_policy")["policy"])["DenyInsecureTransport"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_every_table_is_encrypted_with_point_in_time_recovery_and_the_context_expires(claims):
    tables = claims.by_name("aws_dynamodb_table")
    assert set(tables) == {"claims", "policies", "context"}
    for table in tables.values():
        assert table["point_in_time_recovery"][0]["enabled"] is True
        assert table["server_side_encryption"][0]["enabled"] is True
    assert tables["context"]["ttl"] == [{"attribute_name": "expires_at", "enabled": True}]


def test_every_queue_has_a_dead_letter_queue_or_is_one(claims):
    queues = {q["name"]: q for q in claims.of_type("aws_sqs_queue").values()}
    assert set(queues) == {"claims-review-requests", "claims-review-requests-dlq", "claims-intake-triggers-dlq"}
    assert (
        "claims-review-requests-dlq" in queues["claims-review-requests"].get("redrive_policy", "")
        or (claims.unknown('module.review_requests.aws_sqs_queue.this["review_requests"]')["redrive_policy"])
    )
    for queue in queues.values():
        assert queue["sqs_managed_sse_enabled"] is True


def test_the_decision_function_may_answer_task_tokens_without_heartbeats(claims):
    """SendTask* take no resource in IAM: "*" is the only grant that works (the token is the capability)."""
    policy = statements(claims.by_name("aws_iam_role_policy")["decisions_answer_reviews"]["policy"])
    assert (policy["AnswerTaskTokens"]["Action"], policy["AnswerTaskTokens"]["Resource"]) == (
        ["states:SendTaskFailure", "states:SendTaskSuccess"],
        ["*"],
    )
    route = claims.by_key("aws_api_gateway_method")["decide"]
    assert (route["http_method"], route["authorization"]) == ("POST", "AWS_IAM")


def test_functions_reach_exactly_their_models_and_data(claims):
    def policy_of(function: str) -> dict:
        return statements(claims.changes[f"module.{function}.aws_iam_role_policy.this[0]"]["change"]["after"]["policy"])

    assert policy_of("analyse")["AssessModel"]["Resource"] == [
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"
    ]
    assert policy_of("history")["SummaryModel"]["Resource"] == [
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0"
    ]
    assert policy_of("history")["WriteArtifacts"]["Resource"] == [f"arn:aws:s3:::{BUCKET}/artifacts/*"]
    assert policy_of("validate")["ReadPhotos"]["Resource"] == [f"arn:aws:s3:::{BUCKET}/incoming/*"]
