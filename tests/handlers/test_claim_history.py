"""claim_history (the history manager) run in-process on the task input Step Functions would pass
it, against the emulator's S3 and DynamoDB, the summary model through botocore's Stubber."""

from __future__ import annotations

import importlib
import json
import time
import uuid

import boto3
import pytest
from botocore.stub import ANY, Stubber

import bedrock_converse
from harness.runtime.events import LambdaContext
from harness.runtime.stores import converse_answer, create_table

pytestmark = pytest.mark.unit

ASSESSMENT = {
    "damage_type": "cracked windscreen",
    "estimated_cost": 420.0,
    "severity_score": 2,
    "confidence_score": 0.88,
}


@pytest.fixture(scope="module")
def history(emulator):
    return importlib.import_module("claim_history.handler")


@pytest.fixture
def stores(emulator, monkeypatch) -> dict:
    suffix = uuid.uuid4().hex[:10]
    bucket, table = f"claims-{suffix}", f"context-{suffix}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    create_table(boto3.client("dynamodb"), table, "claim_id")
    for name, value in {
        "ARTIFACTS_BUCKET": bucket,
        "CONTEXT_TABLE": table,
        "SUMMARY_MODEL_ID": "amazon.nova-micro-v1:0",
        "CONTEXT_RETENTION_DAYS": "30",
    }.items():
        monkeypatch.setenv(name, value)
    importlib.import_module("claim_history.handler").settings.cache_clear()  # read once per environment
    return {"bucket": bucket, "table": table}


@pytest.fixture
def bedrock(history):
    with Stubber(history.bedrock) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def invoke(history, answer: object = ASSESSMENT) -> dict:
    analysis = {"assessment": ASSESSMENT, "model_id": "amazon.nova-pro-v1:0", "answer": answer}
    return history.lambda_handler({"claim_id": "claim-9", "analysis": analysis}, LambdaContext("claims-history"))


def test_the_context_is_checkpointed_and_only_a_reference_and_summary_go_back(history, stores, bedrock):
    expected = {
        "modelId": "amazon.nova-micro-v1:0",
        "system": ANY,
        "messages": [{"role": "user", "content": [{"text": ANY}]}],
        "inferenceConfig": {"maxTokens": 300, "temperature": 0},
    }
    bedrock.add_response("converse", converse_answer("  A cracked windscreen, about 420 to replace.  "), expected)
    before = int(time.time())
    result = invoke(history)
    assert result == {
        "assessment": ASSESSMENT,
        "summary": "A cracked windscreen, about 420 to replace.",
        "context_ref": {
            "table": stores["table"],
            "claim_id": "claim-9",
            "artifact_key": "artifacts/claim-9/analysis.json",
        },
    }
    stored = boto3.client("s3").get_object(Bucket=stores["bucket"], Key="artifacts/claim-9/analysis.json")
    assert json.loads(stored["Body"].read())["answer"] == ASSESSMENT
    item = boto3.client("dynamodb").get_item(TableName=stores["table"], Key={"claim_id": {"S": "claim-9"}})["Item"]
    assert item["summary"]["S"] == result["summary"]
    assert item["artifact"]["S"] == f"s3://{stores['bucket']}/artifacts/claim-9/analysis.json"
    assert before + 30 * 86400 <= int(item["expires_at"]["N"]) <= int(time.time()) + 30 * 86400  # the TTL


def test_the_state_stays_small_whatever_the_model_said(history, stores, bedrock):
    bedrock.add_response("converse", converse_answer("word " * 20_000))  # a summary model that rambles
    huge_answer = {"reasoning": "x" * 300_000}  # a 300 KB answer: above Step Functions' 256 KB limit
    result = invoke(history, huge_answer)
    assert len(json.dumps(result)) < 4_000
    assert len(result["summary"]) == history.MAX_SUMMARY_CHARS
    item = boto3.client("dynamodb").get_item(TableName=stores["table"], Key={"claim_id": {"S": "claim-9"}})["Item"]
    assert len(json.dumps(item)) < 10_000  # far below DynamoDB's 400 KB item limit
    stored = boto3.client("s3").get_object(Bucket=stores["bucket"], Key="artifacts/claim-9/analysis.json")
    assert len(json.loads(stored["Body"].read())["answer"]["reasoning"]) == 300_000  # all of it kept in S3


def test_a_throttled_summary_model_raises_for_the_workflow_to_retry(history, stores, bedrock):
    bedrock.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)
    with pytest.raises(bedrock_converse.ModelThrottled):
        invoke(history)
    items = boto3.client("dynamodb").scan(TableName=stores["table"])["Items"]
    assert items == []  # nothing checkpointed half: the retry writes it whole


def test_an_empty_summary_is_refused(history, stores, bedrock):
    bedrock.add_response("converse", converse_answer("   "))
    with pytest.raises(bedrock_converse.ModelOutputInvalid, match="empty"):
        invoke(history)


def test_a_summary_the_model_did_not_give_is_neither_stored_nor_sent_on(history, stores, bedrock):
    """A content-filtered stop carries Bedrock's canned text, not a summary of the claim."""
    bedrock.add_response("converse", converse_answer("I cannot help with that.", stop_reason="content_filtered"))
    with pytest.raises(bedrock_converse.ModelOutputInvalid, match="content_filtered"):
        invoke(history)
    assert boto3.client("dynamodb").scan(TableName=stores["table"])["Items"] == []
