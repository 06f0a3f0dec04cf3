"""examples/claims-processing: every path of the claims workflow, run on LocalStack's Step
Functions interpreter with the definition exactly as the plan renders it, its Lambda,
DynamoDB, SQS and SNS tasks mocked (SFN_MOCK_CONFIG). Each test asserts the states entered,
in order, and the final output; the retries show in the execution history."""

from __future__ import annotations

import hashlib
import importlib
import json
import uuid

import boto3
import pytest

from harness.authorization.deliveries import task_calls
from harness.authorization.requests import authorizations
from harness.runtime.events import LambdaContext, apigw_rest_proxy_event, sqs_event
from harness.runtime.poller import take_bodies
from harness.runtime.stepfunctions import Execution, MockConfig, returns, run, run_until_done, throws
from harness.runtime.stores import create_table, subscribed_inbox

pytestmark = pytest.mark.apply

PHOTO = {"bucket": "claims-bucket", "key": "incoming/cust-42/bumper.jpg", "version_id": "3sL4kqtJlcpXroDTDmJ.rmSp"}
CLAIM_ID = "claim-" + hashlib.sha256(f"{PHOTO['bucket']}/{PHOTO['key']}#{PHOTO['version_id']}".encode()).hexdigest()
CLAIM = {"claim_id": CLAIM_ID, **PHOTO}
SHORT_REVIEW_SECONDS = 2
ADJUSTER = "arn:aws:iam::123456789012:user/ana"
ACCOUNT = "000000000000"

OK = {"0": returns({})}
VALID = {"0": returns({"Payload": {"valid": True, "reason": None, "customer_id": "cust-42", "format": "jpeg"}})}
NOT_AN_IMAGE = {
    "0": returns({"Payload": {"valid": False, "reason": "NOT_AN_IMAGE", "customer_id": "cust-42", "format": None}})
}
POLICY = {
    "0": returns(
        {
            "Item": {
                "customer_id": {"S": "cust-42"},
                "policy_id": {"S": "POL-42"},
                "coverage_limit": {"N": "5000"},
                "auto_approval_limit": {"N": "1000"},
                "deductible": {"N": "150"},
            }
        }
    )
}


def assessment(cost: float, confidence: float, severity: int = 2) -> dict:
    return {
        "damage_type": "dented door",
        "estimated_cost": cost,
        "severity_score": severity,
        "confidence_score": confidence,
    }


def analysed(cost: float, confidence: float, severity: int = 2) -> dict:
    found = assessment(cost, confidence, severity)
    return returns({"Payload": {"assessment": found, "model_id": "amazon.nova-pro-v1:0", "answer": found}})


def checkpointed(cost: float, confidence: float, severity: int = 2) -> dict:
    ref = {"table": "claims-context", "claim_id": CLAIM_ID, "artifact_key": f"artifacts/{CLAIM_ID}/analysis.json"}
    summary = "A dented rear door."
    payload = {"assessment": assessment(cost, confidence, severity), "summary": summary, "context_ref": ref}
    return {"0": returns({"Payload": payload})}


APPROVED_BY_ANA = {
    "0": returns({"decision": "APPROVED", "amount": 4000, "adjuster": ADJUSTER, "note": "checked on site"})
}
REJECTED_BY_ANA = {"0": throws("ClaimRejected", json.dumps({"adjuster": ADJUSTER, "reason": "old damage"}))}

HEAD = ["Set defaults", "Register claim", "Validate input", "Input valid?", "Analyse damage"]
TO_POLICY = ["Checkpoint context", "Fetch policy", "Policy found?", "Read policy limits", "Assess risk"]
TAIL = ["Record outcome", "Closed as?", "Claim closed"]

CASES = {
    "AutoApproved": {
        "Register claim": OK, "Validate input": VALID, "Analyse damage": {"0": analysed(800, 0.93)},
        "Checkpoint context": checkpointed(800, 0.93), "Fetch policy": POLICY, "Record outcome": OK,
    },
    "HighCostApproved": {
        "Register claim": OK, "Validate input": VALID, "Analyse damage": {"0": analysed(4200, 0.95)},
        "Checkpoint context": checkpointed(4200, 0.95), "Fetch policy": POLICY, "Request review": APPROVED_BY_ANA,
        "Record outcome": OK,
    },
    "LowConfidenceRejected": {
        "Register claim": OK, "Validate input": VALID, "Analyse damage": {"0": analysed(600, 0.41)},
        "Checkpoint context": checkpointed(600, 0.41), "Fetch policy": POLICY, "Request review": REJECTED_BY_ANA,
        "Record outcome": OK,
    },
    "ThrottledTwice": {
        "Register claim": OK, "Validate input": VALID,
        "Analyse damage": {
            "0-1": throws("ModelThrottled", "ThrottlingException: Too many requests"), "2": analysed(800, 0.93),
        },
        "Checkpoint context": checkpointed(800, 0.93), "Fetch policy": POLICY, "Record outcome": OK,
    },
    "PhotoReadThrottled": {
        "Register claim": OK, "Validate input": VALID,
        "Analyse damage": {"0": throws("PhotoUnreadable", "S3 SlowDown: Please reduce your request rate"),
                           "1": analysed(800, 0.93)},
        "Checkpoint context": checkpointed(800, 0.93), "Fetch policy": POLICY, "Record outcome": OK,
    },
    "ModelFailsForGood": {
        "Register claim": OK, "Validate input": VALID,
        "Analyse damage": {"0-4": throws("ModelUnavailable", "ServiceUnavailableException: try later")},
        "Fetch policy": POLICY, "Request review": APPROVED_BY_ANA, "Record outcome": OK,
    },
    "ModelAnswersOutsideSchema": {
        "Register claim": OK, "Validate input": VALID,
        "Analyse damage": {"0": throws("ModelOutputInvalid", "severity_score 9 is not an integer 1-5")},
        "Fetch policy": POLICY, "Request review": REJECTED_BY_ANA, "Record outcome": OK,
    },
    "InvalidInput": {
        "Register claim": OK,
        "Validate input": NOT_AN_IMAGE,
        "Record outcome": OK,
    },
    # Request review unmocked: the message really goes to the review queue and the task really waits.
    "RealReview": {
        "Register claim": OK, "Validate input": VALID, "Analyse damage": {"0": analysed(4200, 0.95)},
        "Checkpoint context": checkpointed(4200, 0.95), "Fetch policy": POLICY, "Escalate": OK, "Record outcome": OK,
    },
    "NoPolicy": {
        "Register claim": OK, "Validate input": VALID, "Analyse damage": {"0": analysed(800, 0.93)},
        "Checkpoint context": checkpointed(800, 0.93), "Fetch policy": {"0": returns({})}, "Record outcome": OK,
    },
    "PhotoUnreadable": {
        "Register claim": OK,
        "Validate input": {"0-3": throws("PhotoUnreadable", "S3 SlowDown")},
        "Record outcome": OK,
    },
    # LocalStack reports any mocked DynamoDB error as DynamoDB.AmazonDynamoDBException.
    "NotRegistered": {"Register claim": {"0": throws("ProvisionedThroughputExceededException", "Rate exceeded")}},
}  # fmt: skip

INTAKE_CASES = {
    "Started": {
        "Start claim": {"0": returns({"ExecutionArn": f"arn:aws:states:us-east-1:{ACCOUNT}:execution:claims:x"})}
    },
    "AlreadyStarted": {"Start claim": {"0": throws("StepFunctions.ExecutionAlreadyExistsException", "exists")}},
}


def definition_of(example, machine: str) -> str:
    return example.changes[f"module.{machine}.aws_sfn_state_machine.this[0]"]["change"]["after"]["definition"]


def with_review_timeout(definition: str, seconds: int) -> str:
    document = json.loads(definition)
    document["States"]["Request review"]["TimeoutSeconds"] = seconds
    return json.dumps(document)


@pytest.fixture(scope="module")
def review_queue(module_plan, localstack):
    """The review queue the planned definition names, on LocalStack (its account is the plan's)."""
    definition = json.loads(definition_of(module_plan("example_claims_processing"), "claims"))
    url = definition["States"]["Request review"]["Parameters"]["QueueUrl"]
    account, name = url.split("/")[-2:]
    sqs = localstack.client("sqs", account=account)
    return sqs, sqs.create_queue(QueueName=name)["QueueUrl"], f"arn:aws:sqs:us-east-1:{account}:{name}"


@pytest.fixture(scope="module")
def machines(module_plan, localstack, review_queue):
    """The state machines on LocalStack, created from the planned definitions, with the mocks in place."""
    if localstack.sfn_mock_config is None:
        pytest.skip(
            "LocalStack was started elsewhere (LOCALSTACK_ENDPOINT_URL): its SFN_MOCK_CONFIG is not ours to write"
        )
    example = module_plan("example_claims_processing")
    mocks = MockConfig()
    for name, states in CASES.items():
        mocks.case("claims", name, states)
        mocks.case("claims-short-review", name, states)
    for name, states in INTAKE_CASES.items():
        mocks.case("intake", name, states)
    mocks.write(localstack.sfn_mock_config)
    sfn = localstack.client("stepfunctions")
    role = f"arn:aws:iam::{ACCOUNT}:role/interpreter"
    # The intake is EXPRESS when deployed; STANDARD here, for an execution history to read.
    definitions = {name: definition_of(example, name) for name in ("claims", "intake")}
    # The one change to a planned definition: a review that times out after seconds, not days
    # (a mocked task cannot throw States.Timeout: LocalStack refuses States.* names from mocks).
    definitions["claims-short-review"] = with_review_timeout(definitions["claims"], SHORT_REVIEW_SECONDS)
    arns = {}
    for name, definition in definitions.items():
        arns[name] = sfn.create_state_machine(name=name, definition=definition, roleArn=role)["stateMachineArn"]
    return sfn, arns


def judged(sfn, execution: Execution) -> Execution:
    """The execution, once each call it scheduled (with the parameters Step Functions rendered
    at run time) is shown to ask IAM for nothing beyond what its Task state asks statically: the
    lifecycle judges those, for every state of the deployed definition, as the machine's role
    (tests/examples/test_lifecycle.py), so what runs here is judged too, though LocalStack mocks it."""
    machine = sfn.describe_execution(executionArn=execution.execution_arn)["stateMachineArn"]
    definition = json.loads(sfn.describe_state_machine(stateMachineArn=machine)["definition"])
    static: dict[str, set] = {}
    for state, service, operation, parameters in task_calls(definition):
        static[state] = {(n.action, n.resource) for n in authorizations(service, operation, parameters)}
    calls = execution.scheduled_calls()
    assert calls or not any(e["type"] == "TaskScheduled" for e in execution.events)
    for state, service, operation, parameters in calls:
        asked = {(n.action, n.resource) for n in authorizations(service, operation, parameters)}
        assert asked and asked <= static[state], f"{state}: ran {sorted(asked)}, judged {sorted(static[state])}"
    return execution


def claims_run(machines, case: str):
    sfn, arns = machines
    return judged(sfn, run(sfn, arns["claims"], case, CLAIM))


def test_a_confident_estimate_within_the_limits_is_approved_automatically(machines):
    execution = claims_run(machines, "AutoApproved")
    assert execution.status == "SUCCEEDED"
    assert execution.states_entered == [*HEAD, *TO_POLICY, "Auto approve", *TAIL]
    assert execution.output == {
        "status": "APPROVED",
        "decision": "APPROVED",
        "decided_by": "AUTO",
        "amount": 800,
        "reason": "WITHIN_AUTO_APPROVAL",
    }


def test_a_high_estimate_waits_for_an_adjuster_who_approves(machines):
    execution = claims_run(machines, "HighCostApproved")
    assert execution.states_entered == [
        *HEAD, *TO_POLICY, "Review outside auto-approval", "Request review", "Adjuster approved", *TAIL,
    ]  # fmt: skip
    assert execution.output == {
        "status": "APPROVED",
        "decision": "APPROVED",
        "decided_by": ADJUSTER,
        "amount": 4000,
        "reason": "checked on site",
    }
    [request] = execution.scheduled_parameters("Request review")
    body = request["MessageBody"]
    assert (body["claim_id"], body["reason"]) == (CLAIM_ID, "OUTSIDE_AUTO_APPROVAL")
    assert body["task_token"]  # the token goes to the review queue, with the limits the adjuster needs
    limits = {"policy_id": "POL-42", "coverage_limit": 5000, "auto_approval_limit": 1000, "deductible": 150}
    assert body["policy"] == limits
    assert "answer" not in body["analysis"]  # the model's full answer stayed in S3, out of the state


def test_low_confidence_waits_for_an_adjuster_who_rejects(machines):
    execution = claims_run(machines, "LowConfidenceRejected")
    assert execution.states_entered == [
        *HEAD, *TO_POLICY, "Review outside auto-approval", "Request review", "Read rejection", "Adjuster rejected",
        *TAIL,
    ]  # fmt: skip
    assert execution.output == {
        "status": "REJECTED",
        "decision": "REJECTED",
        "decided_by": ADJUSTER,
        "amount": 0,
        "reason": "old damage",
    }


def test_throttling_is_retried_and_the_retries_are_in_the_history(machines):
    execution = claims_run(machines, "ThrottledTwice")
    assert execution.states_entered == [*HEAD, *TO_POLICY, "Auto approve", *TAIL]
    assert execution.task_attempts()["Analyse damage"] == 3
    failed = [e for e in execution.events if e["type"] == "TaskFailed"]
    assert [e["taskFailedEventDetails"]["error"] for e in failed] == ["ModelThrottled", "ModelThrottled"]
    assert execution.output["decided_by"] == "AUTO"


def test_a_photo_read_s3_throttled_is_retried_not_sent_to_a_person(machines):
    """The analysis reads the photo again: S3's SlowDown after the client's retries is
    PhotoUnreadable, which the workflow retries as it does for the validation's read."""
    execution = claims_run(machines, "PhotoReadThrottled")
    assert execution.states_entered == [*HEAD, *TO_POLICY, "Auto approve", *TAIL]
    assert execution.task_attempts()["Analyse damage"] == 2
    assert execution.output["decided_by"] == "AUTO"


def test_a_model_that_keeps_failing_sends_the_claim_to_manual_analysis(machines):
    execution = claims_run(machines, "ModelFailsForGood")
    assert execution.task_attempts()["Analyse damage"] == 5  # the first call and four retries
    assert execution.states_entered == [
        *HEAD, "Mark manual analysis", "Fetch policy", "Policy found?", "Read policy limits", "Assess risk",
        "Review manual analysis", "Request review", "Adjuster approved", *TAIL,
    ]  # fmt: skip
    [request] = execution.scheduled_parameters("Request review")
    assert request["MessageBody"]["reason"] == "NEEDS_MANUAL_ANALYSIS"
    assert request["MessageBody"]["analysis"] == {"status": "NEEDS_MANUAL_ANALYSIS", "error": "ModelUnavailable"}


def test_an_answer_outside_the_schema_goes_to_a_person_without_retries(machines):
    execution = claims_run(machines, "ModelAnswersOutsideSchema")
    assert execution.task_attempts()["Analyse damage"] == 1
    assert "Mark manual analysis" in execution.states_entered
    assert execution.output["status"] == "REJECTED"


def test_invalid_input_is_rejected_without_any_model_call(machines):
    execution = claims_run(machines, "InvalidInput")
    assert execution.states_entered == [
        "Set defaults", "Register claim", "Validate input", "Input valid?", "Reject invalid input", *TAIL,
    ]  # fmt: skip
    assert execution.output == {
        "status": "REJECTED_INVALID_INPUT",
        "decision": "REJECTED",
        "decided_by": "AUTO",
        "amount": 0,
        "reason": "NOT_AN_IMAGE",
    }
    assert "Analyse damage" not in execution.task_attempts()


def test_a_review_that_times_out_is_escalated_to_the_supervisors(machines, review_queue):
    sfn, arns = machines
    execution = judged(sfn, run(sfn, arns["claims-short-review"], "RealReview", CLAIM))
    assert execution.states_entered == [
        *HEAD, *TO_POLICY, "Review outside auto-approval", "Request review", "Escalate", "Mark escalated", *TAIL,
    ]  # fmt: skip
    assert [e["taskTimedOutEventDetails"]["error"] for e in execution.events if e["type"] == "TaskTimedOut"] == [
        "States.Timeout"
    ]
    assert execution.output["status"] == "ESCALATED"
    [published] = execution.scheduled_parameters("Escalate")
    assert published["TopicArn"].endswith(":claims-supervisors")
    assert "72 hours" in published["Message"] and CLAIM_ID in published["Message"]
    sqs, url, _ = review_queue
    [request] = [json.loads(body) for body in take_bodies(sqs, url)]
    assert request["claim_id"] == CLAIM_ID and request["task_token"]


def test_a_customer_without_a_policy_is_rejected(machines):
    execution = claims_run(machines, "NoPolicy")
    assert execution.states_entered[-5:] == ["Policy found?", "Reject without policy", *TAIL]
    assert execution.output["status"] == "REJECTED_NO_POLICY"


def test_a_step_that_fails_for_good_is_recorded_and_fails_the_execution(machines):
    execution = claims_run(machines, "PhotoUnreadable")
    assert execution.task_attempts()["Validate input"] == 4
    assert execution.states_entered[-4:] == [
        "Mark processing failed", "Record outcome", "Closed as?", "Claim not processed",
    ]  # fmt: skip
    assert (execution.status, execution.error) == ("FAILED", "ClaimProcessingFailed")
    [record] = execution.scheduled_parameters("Record outcome")
    values = record["ExpressionAttributeValues"]
    assert (values[":status"], values[":reason"]) == ({"S": "FAILED"}, {"S": "PhotoUnreadable"})


def test_a_claim_the_table_refuses_fails_with_its_cause_before_any_analysis(machines):
    execution = claims_run(machines, "NotRegistered")
    assert execution.states_entered == ["Set defaults", "Register claim", "Claim not registered"]
    assert (execution.status, execution.error) == ("FAILED", "ClaimNotRegistered")
    assert "nothing was analysed" in execution.cause


def test_the_outcome_record_holds_the_decision_the_assessment_the_limits_and_an_audit_entry(machines):
    execution = claims_run(machines, "AutoApproved")
    [record] = execution.scheduled_parameters("Record outcome")
    values = record["ExpressionAttributeValues"]
    assert (values[":status"], values[":by"], values[":amount"]) == ({"S": "APPROVED"}, {"S": "AUTO"}, {"N": "800"})
    assert json.loads(values[":assessment"]["S"])["assessment"]["confidence_score"] == 0.93
    assert json.loads(values[":policy"]["S"])["auto_approval_limit"] == 1000
    [entry] = values[":entry"]["L"]
    assert entry["M"]["event"] == {"S": "APPROVED"} and entry["M"]["at"]["S"]
    assert "list_append(if_not_exists(audit, :none), :entry)" in record["UpdateExpression"]
    [registered] = execution.scheduled_parameters("Register claim")
    assert registered["ConditionExpression"] == "attribute_not_exists(claim_id)"
    assert registered["Item"]["execution_arn"] == {"S": execution.execution_arn}


def test_the_intake_names_the_execution_after_the_photo_version(machines):
    sfn, arns = machines
    execution = judged(sfn, run(sfn, arns["intake"], "Started", PHOTO))
    assert execution.status == "SUCCEEDED"
    [start] = execution.scheduled_parameters("Start claim")
    assert start["Name"] == CLAIM_ID  # claim-<sha256 of bucket/key#version>
    started_with = json.loads(start["Input"]) if isinstance(start["Input"], str) else start["Input"]
    assert started_with == CLAIM
    again = judged(sfn, run(sfn, arns["intake"], "AlreadyStarted", PHOTO))
    assert (again.status, again.states_entered) == ("SUCCEEDED", ["Name the claim", "Start claim", "Already started"])


@pytest.fixture
def claims_store(emulator, monkeypatch):
    """The claims table and adjusters' topic on the default emulator, where the review and decision
    handlers' clients point (LocalStack has no DynamoDB), with a queue subscribed to read the topic."""
    suffix = uuid.uuid4().hex[:8]
    dynamodb, sns, sqs = boto3.client("dynamodb"), boto3.client("sns"), boto3.client("sqs")
    table = create_table(dynamodb, f"claims-{suffix}", "claim_id")
    topic = sns.create_topic(Name=f"adjusters-{suffix}")["TopicArn"]
    inbox = subscribed_inbox(sns, sqs, topic, f"adjusters-inbox-{suffix}")
    monkeypatch.setenv("CLAIMS_TABLE", table)
    monkeypatch.setenv("ADJUSTERS_TOPIC_ARN", topic)
    monkeypatch.setenv("DECISION_URL", "https://api.example.test/v1")
    return {"table": table, "inbox": inbox}


def decision_request(claim_id: str, body: dict) -> dict:
    return apigw_rest_proxy_event(
        "POST",
        f"/claims/{claim_id}/decision",
        "/claims/{claim_id}/decision",
        path_parameters={"claim_id": claim_id},
        body=json.dumps(body),
        user_arn=ADJUSTER,
    )


def test_the_callback_round_trip_resumes_the_waiting_execution_with_the_adjusters_decision(
    machines, review_queue, claims_store, localstack, monkeypatch
):
    """Unmocked: the review step's real message and token, the review handler and the decision
    handler run in-process on what AWS would deliver them, and SendTaskSuccess goes to the
    waiting execution on LocalStack."""
    review = importlib.import_module("claim_review.handler")
    decisions = importlib.import_module("claim_decisions.handler")
    review.settings.cache_clear()
    decisions.settings.cache_clear()
    monkeypatch.setattr(decisions, "sfn", localstack.client("stepfunctions"))
    sfn, arns = machines
    sqs, url, queue_arn = review_queue
    started = sfn.start_execution(stateMachineArn=f"{arns['claims']}#RealReview", input=json.dumps(CLAIM))
    # What Register claim (mocked here) leaves in the claims table.
    boto3.client("dynamodb").put_item(
        TableName=claims_store["table"],
        Item={"claim_id": {"S": CLAIM_ID}, "status": {"S": "RECEIVED"}, "audit": {"L": []}},
    )

    messages = []
    for _ in range(100):
        messages = sqs.receive_message(QueueUrl=url, AttributeNames=["All"], WaitTimeSeconds=1).get("Messages", [])
        if messages:
            break
    [message] = messages
    token = json.loads(message["Body"])["task_token"]
    assert review.lambda_handler(sqs_event(messages, queue_arn), LambdaContext("claims-review")) == {
        "batchItemFailures": []
    }
    item = boto3.client("dynamodb").get_item(TableName=claims_store["table"], Key={"claim_id": {"S": CLAIM_ID}})["Item"]
    assert (item["status"]["S"], item["task_token"]["S"]) == ("AWAITING_REVIEW", token)
    [notice] = take_bodies(boto3.client("sqs"), claims_store["inbox"])
    assert CLAIM_ID in notice and token not in notice  # adjusters read the claim id, never the token
    assert f"POST https://api.example.test/v1/claims/{CLAIM_ID}/decision" in notice

    answer = decisions.lambda_handler(
        decision_request(CLAIM_ID, {"decision": "APPROVE", "amount": 3900.5, "note": "two panels"}),
        LambdaContext("claims-decisions"),
    )
    assert answer["statusCode"] == 200, answer
    again = decisions.lambda_handler(
        decision_request(CLAIM_ID, {"decision": "REJECT", "reason": "changed my mind"}),
        LambdaContext("claims-decisions"),
    )
    assert again["statusCode"] == 409

    execution = judged(sfn, run_until_done(sfn, started["executionArn"]))
    assert execution.status == "SUCCEEDED"
    assert execution.states_entered[-5:] == ["Request review", "Adjuster approved", *TAIL]
    assert execution.output == {
        "status": "APPROVED",
        "decision": "APPROVED",
        "decided_by": ADJUSTER,
        "amount": 3900.5,
        "reason": "two panels",
    }
    [record] = execution.scheduled_parameters("Record outcome")
    assert record["ExpressionAttributeValues"][":by"] == {"S": ADJUSTER}
    item = boto3.client("dynamodb").get_item(TableName=claims_store["table"], Key={"claim_id": {"S": CLAIM_ID}})["Item"]
    [*_, entry] = item["audit"]["L"]
    assert (entry["M"]["event"]["S"], entry["M"]["by"]["S"]) == ("DECISION_APPROVED", ADJUSTER)
