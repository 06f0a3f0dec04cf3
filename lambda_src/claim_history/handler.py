"""Checkpoint a claim's context after the damage analysis: the history manager.

Step Functions invokes this with {claim_id, analysis}. The full analysis goes to S3
(ARTIFACTS_BUCKET, artifacts/<claim_id>/analysis.json), a summary written by a smaller,
cheaper model (SUMMARY_MODEL_ID) goes to the context table (CONTEXT_TABLE) with a TTL of
CONTEXT_RETENTION_DAYS, and only the assessment, the summary and a reference go back into
the workflow's state, which stays small whatever the photo or the model's answer.

The summary is capped (MAX_SUMMARY_CHARS) so an item stays far below DynamoDB's 400 KB.
Model failures raise the bedrock_converse classes for the workflow's Retry and Catch.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from bedrock_converse import converse_text, runtime_client
from function_settings import from_env, variable
from observability import logger, tracer

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
bedrock = runtime_client(read_timeout=30)

MAX_SUMMARY_CHARS = 1500
SYSTEM = "You write two or three plain sentences for an insurance adjuster. No preamble, no lists."


@dataclass(frozen=True)
class Settings:
    artifacts_bucket: str = variable("ARTIFACTS_BUCKET")
    context_table: str = variable("CONTEXT_TABLE")
    summary_model_id: str = variable("SUMMARY_MODEL_ID")
    retention_days: int = variable("CONTEXT_RETENTION_DAYS", 90)


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def summarise(assessment: dict, model_id: str) -> str:
    prompt = "Summarise this damage assessment for the adjuster who may have to decide the claim: " + json.dumps(
        assessment, sort_keys=True
    )
    text, _ = converse_text(bedrock, model_id, prompt, SYSTEM)
    return text[:MAX_SUMMARY_CHARS]


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    config = settings()
    claim_id, analysis = event["claim_id"], event["analysis"]
    logger.append_keys(claim_id=claim_id)
    assessment = analysis["assessment"]

    artifact_key = f"artifacts/{claim_id}/analysis.json"
    s3.put_object(
        Bucket=config.artifacts_bucket,
        Key=artifact_key,
        Body=json.dumps(analysis, sort_keys=True).encode(),
        ContentType="application/json",
    )
    summary = summarise(assessment, config.summary_model_id)
    now = int(time.time())
    dynamodb.put_item(
        TableName=config.context_table,
        Item={
            "claim_id": {"S": claim_id},
            "summary": {"S": summary},
            "assessment": {"S": json.dumps(assessment, sort_keys=True)},
            "model_id": {"S": str(analysis.get("model_id", ""))},
            "artifact": {"S": f"s3://{config.artifacts_bucket}/{artifact_key}"},
            "written_at": {"N": str(now)},
            "expires_at": {"N": str(now + config.retention_days * 86400)},
        },
    )
    logger.info("context checkpointed", extra={"artifact_key": artifact_key, "summary_chars": len(summary)})
    return {
        "assessment": assessment,
        "summary": summary,
        "context_ref": {"table": config.context_table, "claim_id": claim_id, "artifact_key": artifact_key},
    }
