"""The events AWS delivers to Lambda, built the way AWS builds them.

The emulator stores functions but never runs their code, so tests and the demo
call handlers in-process with the event the service would have sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote_plus

from boto3.dynamodb.types import TypeSerializer

from harness.emulators.servers import REGION


def s3_object_created(
    bucket: str,
    key: str,
    size: int,
    etag: str = "",
    version_id: str | None = None,
    event_name: str = "ObjectCreated:Put",
    region: str = REGION,
    sequencer: str = "0055AED6DCD90281E5",
) -> dict:
    """One S3 notification record. Like S3, it URL-encodes the key (spaces as '+')."""
    obj = {"key": quote_plus(key, safe="/"), "size": size, "eTag": etag.strip('"'), "sequencer": sequencer}
    if version_id:
        obj["versionId"] = version_id
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "eventName": event_name,
        "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": uuid.uuid4().hex[:16].upper(), "x-amz-id-2": uuid.uuid4().hex},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "thumbnail-on-upload",
            "bucket": {
                "name": bucket,
                "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                "arn": f"arn:aws:s3:::{bucket}",
            },
            "object": obj,
        },
    }


def s3_event(*records: dict) -> dict:
    return {"Records": list(records)}


def sqs_event(messages: list[dict], queue_arn: str, region: str = REGION) -> dict:
    """The event Lambda's SQS poller delivers for messages from ReceiveMessage
    (called with AttributeNames=["All"], MessageAttributeNames=["All"])."""
    records = []
    for message in messages:
        attributes = {
            key: message.get("Attributes", {}).get(key, "")
            for key in ("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp")
        }
        for key in ("MessageGroupId", "MessageDeduplicationId", "SequenceNumber"):
            if key in message.get("Attributes", {}):
                attributes[key] = message["Attributes"][key]
        message_attributes = {
            name: {
                "stringValue": value.get("StringValue"),
                "binaryValue": value.get("BinaryValue"),
                "stringListValues": [],
                "binaryListValues": [],
                "dataType": value["DataType"],
            }
            for name, value in message.get("MessageAttributes", {}).items()
        }
        records.append(
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": attributes,
                "messageAttributes": message_attributes,
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
        )
    return {"Records": records}


def dynamodb_stream_record(
    event_name: str,
    keys: dict,
    new_image: dict | None = None,
    old_image: dict | None = None,
    stream_arn: str = f"arn:aws:dynamodb:{REGION}:123456789012:table/orders/stream/2026-01-01T00:00:00.000",
    sequence_number: int = 1,
) -> dict:
    """One DynamoDB stream record as Pipes and Lambda deliver it (view NEW_AND_OLD_IMAGES).

    keys and images are plain Python values; they are put in DynamoDB's typed form here.
    """
    serializer = TypeSerializer()

    def typed(values: dict) -> dict:
        return {name: serializer.serialize(value) for name, value in values.items()}

    dynamodb = {
        "ApproximateCreationDateTime": int(datetime.now(UTC).timestamp()),
        "Keys": typed(keys),
        "SequenceNumber": str(sequence_number).rjust(21, "0"),
        "SizeBytes": 100,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    if new_image is not None:
        dynamodb["NewImage"] = typed(new_image)
    if old_image is not None:
        dynamodb["OldImage"] = typed(old_image)
    return {
        "eventID": uuid.uuid4().hex,
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": REGION,
        "dynamodb": dynamodb,
        "eventSourceARN": stream_arn,
    }


def apigw_rest_proxy_event(
    method: str,
    path: str,
    resource: str,
    path_parameters: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    body: str | None = None,
    stage: str = "v1",
    api_id: str = "a1b2c3d4e5",
    user_arn: str | None = None,
) -> dict:
    """The event an API Gateway REST API Lambda proxy (AWS_PROXY) integration sends; with
    `user_arn`, as for a request signed by that IAM identity (authorization AWS_IAM)."""
    request_id = str(uuid.uuid4())
    headers = {"Host": f"{api_id}.execute-api.{REGION}.amazonaws.com", "User-Agent": "pytest", "Accept": "*/*"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/{stage}{path}",
            "stage": stage,
            "requestId": request_id,
            "extendedRequestId": request_id,
            "accountId": "123456789012",
            "apiId": api_id,
            "protocol": "HTTP/1.1",
            "identity": {
                "sourceIp": "127.0.0.1",
                "userAgent": "pytest",
                **({"userArn": user_arn, "caller": user_arn.rsplit("/", 1)[-1]} if user_arn else {}),
            },
            "requestTimeEpoch": int(datetime.now(UTC).timestamp() * 1000),
        },
        "body": body,
        "isBase64Encoded": False,
    }


@dataclass
class LambdaContext:
    """What the Lambda runtime passes as `context` (the fields Powertools reads)."""

    function_name: str = "test-function"
    memory_limit_in_mb: int = 1024
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    timeout_seconds: int = 60

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_seconds * 1000
