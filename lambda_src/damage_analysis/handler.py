"""Analyse the damage in a validated claim photo with Amazon Bedrock (Converse, structured output).

Step Functions invokes this after claim_validation accepted the photo, with {claim_id,
bucket, key, version_id, format}. The model (MODEL_ID: a Claude or Nova model or inference
profile that reads images) is asked for an answer constrained by ASSESSMENT_SCHEMA, and
the answer is checked here against the same rules before anything acts on it.

Failures raise the bedrock_converse classes: the workflow retries ModelThrottled,
ModelUnavailable and ModelTimeout with backoff and jitter, and sends the claim to a person
(NEEDS_MANUAL_ANALYSIS) on ModelRequestRejected (an image the model refuses, say) and
ModelOutputInvalid (an answer outside the schema). A photo S3 cannot serve now raises
PhotoUnreadable, which the workflow retries; one deleted since, PhotoUnavailable. Nothing
fails silently.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from bedrock_converse import ModelOutputInvalid, converse_json, runtime_client
from function_settings import from_env, variable
from observability import logger, tracer

# Throttling (SlowDown) and 5xx answers retried with backoff and jitter, as every photo reader does.
s3 = boto3.client("s3", config=Config(retries={"mode": "standard", "max_attempts": 5}))
GONE = {"NoSuchKey", "NoSuchVersion", "404"}
bedrock = runtime_client(read_timeout=60)


@dataclass(frozen=True)
class Settings:
    model_id: str = variable("MODEL_ID")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


ASSESSMENT_SCHEMA = {
    "type": "object",
    "properties": {
        "damage_type": {"type": "string", "description": "The main damage, e.g. dent, scratch, broken glass."},
        "estimated_cost": {
            "type": "number",
            "minimum": 0,
            "description": "Repair cost estimate in the policy currency.",
        },
        "severity_score": {"type": "integer", "minimum": 1, "maximum": 5, "description": "1 cosmetic .. 5 total loss."},
        "confidence_score": {"type": "number", "minimum": 0, "maximum": 1, "description": "How sure the estimate is."},
    },
    "required": ["damage_type", "estimated_cost", "severity_score", "confidence_score"],
    "additionalProperties": False,
}
SYSTEM = (
    "You are a motor insurance damage assessor. Look at the photo of the damaged car and answer "
    "with the damage type, a repair cost estimate, a severity from 1 (cosmetic) to 5 (total loss) "
    "and your confidence from 0 to 1. If the photo shows no car damage, say so with confidence 0."
)


def check_assessment(answer: dict) -> dict:
    """The answer, if it keeps ASSESSMENT_SCHEMA's rules; ModelOutputInvalid says which it breaks."""
    problems = []
    if set(answer) != set(ASSESSMENT_SCHEMA["required"]):
        problems.append(f"fields {sorted(answer)}, expected {sorted(ASSESSMENT_SCHEMA['required'])}")
    damage, cost = answer.get("damage_type"), answer.get("estimated_cost")
    severity, confidence = answer.get("severity_score"), answer.get("confidence_score")
    if not (isinstance(damage, str) and damage.strip()):
        problems.append("damage_type is not a non-empty string")
    if isinstance(cost, bool) or not isinstance(cost, int | float) or cost < 0:
        problems.append(f"estimated_cost {cost!r} is not a number >= 0")
    if isinstance(severity, bool) or not isinstance(severity, int) or not 1 <= severity <= 5:
        problems.append(f"severity_score {severity!r} is not an integer 1-5")
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        problems.append(f"confidence_score {confidence!r} is not a number 0-1")
    if problems:
        raise ModelOutputInvalid("; ".join(problems))
    return {
        "damage_type": damage.strip(),
        "estimated_cost": cost,
        "severity_score": severity,
        "confidence_score": confidence,
    }


def read_photo(claim: dict) -> bytes:
    location = {"Bucket": claim["bucket"], "Key": claim["key"]}
    if claim.get("version_id"):
        location["VersionId"] = claim["version_id"]
    where = f"s3://{claim['bucket']}/{claim['key']}"
    try:
        return s3.get_object(**location)["Body"].read()
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in GONE:
            raise PhotoUnavailable(f"{where}: {code}") from error
        raise PhotoUnreadable(f"{where}: S3 {code}: {error}") from error
    except BotoCoreError as error:
        raise PhotoUnreadable(f"{where}: S3 unreachable: {error}") from error


class PhotoUnavailable(RuntimeError):
    """The validated photo is not there to read back (deleted since): a person must look."""


class PhotoUnreadable(RuntimeError):
    """S3 could not answer now (SlowDown, a 5xx, the network) after the client's own retries:
    the workflow retries it, as it retries the validation's read."""


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    logger.append_keys(claim_id=event.get("claim_id"))
    model_id = settings().model_id
    photo = read_photo(event)
    content = [
        {"image": {"format": event.get("format", "jpeg"), "source": {"bytes": photo}}},
        {"text": "Assess the damage in this claim photo."},
    ]
    try:
        answer, response = converse_json(bedrock, model_id, content, ASSESSMENT_SCHEMA, "damage_assessment", SYSTEM)
        assessment = check_assessment(answer)
    except Exception as error:
        logger.warning("damage analysis failed", extra={"error": type(error).__name__, "detail": str(error)})
        raise
    logger.info("damage assessed", extra={"assessment": assessment, "usage": response.get("usage")})
    return {
        "assessment": assessment,
        "model_id": model_id,
        "answer": answer,
        "usage": response.get("usage", {}),
        "stop_reason": response.get("stopReason"),
    }
