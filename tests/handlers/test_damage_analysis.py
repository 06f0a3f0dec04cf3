"""damage_analysis run in-process on the task input Step Functions would pass it, the photo on the
emulator's S3 and Bedrock through botocore's Stubber on the handler's real bedrock-runtime client
(neither emulator implements Converse; the Stubber checks each request against the service model)."""

from __future__ import annotations

import importlib
import json
import uuid

import boto3
import pytest
from botocore.exceptions import ConnectionClosedError, ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError
from botocore.stub import ANY, Stubber

import bedrock_converse
from harness.runtime import images
from harness.runtime.events import LambdaContext
from harness.runtime.stores import converse_answer

pytestmark = pytest.mark.unit

MODEL = "amazon.nova-pro-v1:0"
GOOD = {"damage_type": "dented rear door", "estimated_cost": 850.0, "severity_score": 2, "confidence_score": 0.91}


@pytest.fixture(scope="module")
def analysis(emulator):
    return importlib.import_module("damage_analysis.handler")


@pytest.fixture
def claim(emulator, monkeypatch) -> dict:
    monkeypatch.setenv("MODEL_ID", MODEL)
    importlib.import_module("damage_analysis.handler").settings.cache_clear()
    bucket = f"claims-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    photo = images.jpeg(640, 480)
    version = s3.put_object(Bucket=bucket, Key="incoming/cust-1/door.jpg", Body=photo)["VersionId"]
    return {
        "claim_id": "claim-1",
        "bucket": bucket,
        "key": "incoming/cust-1/door.jpg",
        "version_id": version,
        "format": "jpeg",
        "photo": photo,
    }


@pytest.fixture
def bedrock(analysis):
    with Stubber(analysis.bedrock) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def invoke(analysis, claim: dict) -> dict:
    event = {key: value for key, value in claim.items() if key != "photo"}
    return analysis.lambda_handler(event, LambdaContext("claims-analyse"))


def test_the_photo_goes_to_the_model_with_the_schema_and_the_assessment_comes_back(analysis, claim, bedrock):
    expected = {
        "modelId": MODEL,
        "system": ANY,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"image": {"format": "jpeg", "source": {"bytes": claim["photo"]}}},
                    {"text": "Assess the damage in this claim photo."},
                ],
            }
        ],
        "inferenceConfig": {"maxTokens": 512, "temperature": 0},
        "outputConfig": {
            "textFormat": {
                "type": "json_schema",
                "structure": {
                    "jsonSchema": {"schema": json.dumps(analysis.ASSESSMENT_SCHEMA), "name": "damage_assessment"}
                },
            }
        },
    }
    bedrock.add_response("converse", converse_answer(json.dumps(GOOD)), expected)
    result = invoke(analysis, claim)
    assert result["assessment"] == GOOD
    assert (result["model_id"], result["stop_reason"]) == (MODEL, "end_turn")
    assert analysis.ASSESSMENT_SCHEMA["required"] == [
        "damage_type",
        "estimated_cost",
        "severity_score",
        "confidence_score",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("The car has a dent worth about 800.", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({**GOOD, "severity_score": 9}), "severity_score 9 is not an integer 1-5"),
        (json.dumps({**GOOD, "severity_score": 2.5}), "severity_score 2.5 is not an integer 1-5"),
        (json.dumps({**GOOD, "confidence_score": 1.2}), "confidence_score 1.2 is not a number 0-1"),
        (json.dumps({**GOOD, "estimated_cost": True}), "estimated_cost True is not a number >= 0"),
        (json.dumps({**GOOD, "estimated_cost": -5}), "estimated_cost -5 is not a number >= 0"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "damage_type"}), "fields"),
        (json.dumps({**GOOD, "fraud_suspected": True}), "fields"),
        (json.dumps({**GOOD, "damage_type": "  "}), "damage_type is not a non-empty string"),
        (json.dumps(GOOD).replace("850.0", "1e999"), "not finite: 1e999"),
        (json.dumps(GOOD).replace("850.0", "NaN"), "holds NaN"),
        (json.dumps(GOOD).replace("0.91", "Infinity"), "holds Infinity"),
        (json.dumps(GOOD).replace("850.0", "-Infinity"), "holds -Infinity"),
    ],
    ids=["prose", "array", "severity-9", "severity-fraction", "confidence-1.2", "cost-bool", "cost-negative",
         "missing-field", "extra-field", "blank-damage", "cost-1e999", "cost-nan", "confidence-infinity",
         "cost--infinity"],
)  # fmt: skip
def test_an_answer_outside_the_schema_is_refused(analysis, claim, bedrock, text, problem):
    bedrock.add_response("converse", converse_answer(text))
    with pytest.raises(analysis.ModelOutputInvalid, match=problem):
        invoke(analysis, claim)


def test_an_answer_cut_short_is_refused(analysis, claim, bedrock):
    bedrock.add_response("converse", converse_answer('{"damage_type": "dent", "estimated_co', stop_reason="max_tokens"))
    with pytest.raises(analysis.ModelOutputInvalid, match="cut short"):
        invoke(analysis, claim)


@pytest.mark.parametrize(
    ("code", "raised"),
    [
        ("ThrottlingException", "ModelThrottled"),
        ("ServiceUnavailableException", "ModelUnavailable"),
        ("InternalServerException", "ModelUnavailable"),
        ("ModelNotReadyException", "ModelUnavailable"),
        ("ModelTimeoutException", "ModelTimeout"),
        ("AccessDeniedException", "ModelRequestRejected"),
        ("ResourceNotFoundException", "ModelRequestRejected"),
    ],
)
def test_bedrock_errors_become_the_errors_the_workflow_retries_or_hands_to_a_person(
    analysis, claim, bedrock, code, raised
):
    bedrock.add_client_error(
        "converse", service_error_code=code, service_message="as Bedrock says", http_status_code=429
    )
    with pytest.raises(getattr(bedrock_converse, raised), match=code):
        invoke(analysis, claim)


def test_an_image_the_model_cannot_read_goes_to_a_person_not_a_retry(analysis, claim, bedrock):
    """Bedrock refuses bytes that are not an image it can decode with a ValidationException."""
    boto3.client("s3").put_object(Bucket=claim["bucket"], Key=claim["key"], Body=b"\xff\xd8\xff\xe0 not really a jpeg")
    claim = {**claim, "version_id": None}
    bedrock.add_client_error(
        "converse",
        service_error_code="ValidationException",
        service_message="Could not process image",
        http_status_code=400,
    )
    with pytest.raises(bedrock_converse.ModelRequestRejected, match="Could not process image"):
        invoke(analysis, claim)
    assert not issubclass(bedrock_converse.ModelRequestRejected, bedrock_converse.ModelThrottled)


def test_the_client_leaves_retries_to_the_workflow(analysis):
    assert analysis.bedrock.meta.config.retries["total_max_attempts"] == 1  # one call, no SDK retry


@pytest.mark.parametrize("stop_reason", ["content_filtered", "guardrail_intervened"])
def test_an_answer_the_model_did_not_give_goes_to_a_person(analysis, claim, bedrock, stop_reason):
    bedrock.add_response("converse", converse_answer(json.dumps(GOOD), stop_reason=stop_reason))
    with pytest.raises(analysis.ModelOutputInvalid, match=f"did not answer: stopped as {stop_reason}"):
        invoke(analysis, claim)


@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (lambda url: ReadTimeoutError(endpoint_url=url), "ModelTimeout"),
        (lambda url: ConnectTimeoutError(endpoint_url=url), "ModelUnavailable"),
        (lambda url: EndpointConnectionError(endpoint_url=url), "ModelUnavailable"),
        (lambda url: ConnectionClosedError(endpoint_url=url), "ModelUnavailable"),
    ],
    ids=["read-timeout", "connect-timeout", "unreachable", "connection-closed"],
)
def test_a_call_that_timed_out_or_lost_its_connection_is_an_error_the_workflow_retries(
    analysis, claim, failure, raised
):
    """The client's read timeout (botocore raises it, the Stubber cannot): the workflow retries
    ModelTimeout and ModelUnavailable; a raw botocore error sent the claim to a person."""

    def fail(request, **_):
        raise failure(request.url)

    events = analysis.bedrock.meta.events
    events.register_first("before-send.bedrock-runtime.Converse", fail)
    try:
        with pytest.raises(getattr(bedrock_converse, raised)):
            invoke(analysis, claim)
    finally:
        events.unregister("before-send.bedrock-runtime.Converse", fail)


@pytest.mark.parametrize(
    ("code", "status", "raised"),
    [
        ("SlowDown", 503, "PhotoUnreadable"),
        ("InternalError", 500, "PhotoUnreadable"),
        ("NoSuchVersion", 404, "PhotoUnavailable"),
    ],
)
def test_a_photo_s3_cannot_serve_now_is_retried_by_the_workflow_and_one_deleted_is_not(
    analysis, claim, code, status, raised
):
    """SlowDown after the client's own retries raises PhotoUnreadable, which the workflow retries
    (it sent the claim to a person, with a good model on the way); a photo deleted since does not."""
    with Stubber(analysis.s3) as s3:
        s3.add_client_error("get_object", service_error_code=code, http_status_code=status)
        with pytest.raises(getattr(analysis, raised), match=code):
            invoke(analysis, claim)


@pytest.mark.parametrize(
    "module", ["damage_analysis.handler", "claim_validation.handler", "thumbnail.handler", "image_labels.handler"]
)
def test_every_photo_reader_retries_s3_throttling_the_same_way(emulator, module):
    client = importlib.import_module(module).s3
    assert (client.meta.config.retries["mode"], client.meta.config.retries["total_max_attempts"]) == ("standard", 6)
