"""From an SDK call to what IAM authorizes: the actions and resource ARNs one request needs.

Most operations are `<prefix>:<Operation>` on the named resource, but not all, and the
exceptions are where policies fail on AWS (IAM Service Authorization Reference, each
service's "Actions, resources, and condition keys" page):
- S3: GetObject with a VersionId is s3:GetObjectVersion; HeadObject is GetObject;
  ListObjectsV2 is s3:ListBucket on the bucket.
- DynamoDB: each item of a TransactWriteItems is authorized as its own PutItem,
  UpdateItem, DeleteItem or ConditionCheckItem on its table; a batch is authorized on
  every table it names; a Query or Scan on an index is authorized on the index's ARN.
- DynamoDB Streams calls are `dynamodb:` actions on the stream ARN; ListStreams takes `*`.
- Rekognition reading an S3 object reads it as the caller: s3:GetObject (GetObjectVersion
  with a version) on that object, beside rekognition:DetectLabels on `*`.
- Bedrock Converse is bedrock:InvokeModel on the model's ARN (a foundation model id
  becomes `arn:aws:bedrock:<region>::foundation-model/<id>`).
- Step Functions task tokens (SendTask*) are authorized on `*`: a token names no resource.
An operation this table does not know raises Unmapped: the caller lists it as not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from harness.authorization.simulator import ACCOUNT
from harness.emulators.servers import REGION


class Unmapped(Exception):
    """An SDK operation whose IAM authorization this module does not know."""


@dataclass(frozen=True)
class Authorization:
    """One (action, resource) IAM checks for a request, with the request's context keys."""

    action: str
    resource: str
    context: dict[str, Any] = field(default_factory=dict)


def queue_arn(queue_url: str, region: str = REGION, account: str = ACCOUNT) -> str:
    """A queue's ARN from its URL (…/<account>/<name>)."""
    parts = urlparse(queue_url).path.strip("/").split("/")
    return f"arn:aws:sqs:{region}:{parts[-2] if len(parts) > 1 else account}:{parts[-1]}"


def table_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return name if name.startswith("arn:") else f"arn:aws:dynamodb:{region}:{account}:table/{name}"


def object_arn(bucket: str, key: str) -> str:
    return f"arn:aws:s3:::{bucket}/{key}"


def bucket_arn(bucket: str) -> str:
    return f"arn:aws:s3:::{bucket}"


def function_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    if name.startswith("arn:"):
        return name
    return f"arn:aws:lambda:{region}:{account}:function:{name}"


def model_arn(model_id: str, region: str = REGION) -> str:
    return model_id if model_id.startswith("arn:") else f"arn:aws:bedrock:{region}::foundation-model/{model_id}"


def _s3_read(bucket: str, key: str, version: str | None) -> Authorization:
    return Authorization("s3:GetObjectVersion" if version else "s3:GetObject", object_arn(bucket, key))


def _s3(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation in ("GetObject", "HeadObject"):
        return [_s3_read(p["Bucket"], p["Key"], p.get("VersionId"))]
    if operation == "PutObject":
        needs = [Authorization("s3:PutObject", object_arn(p["Bucket"], p["Key"]))]
        if p.get("Tagging"):
            needs.append(Authorization("s3:PutObjectTagging", object_arn(p["Bucket"], p["Key"])))
        return needs
    if operation == "DeleteObject":
        action = "s3:DeleteObjectVersion" if p.get("VersionId") else "s3:DeleteObject"
        return [Authorization(action, object_arn(p["Bucket"], p["Key"]))]
    if operation in ("ListObjectsV2", "ListObjects"):
        return [Authorization("s3:ListBucket", bucket_arn(p["Bucket"]))]
    if operation == "ListObjectVersions":
        return [Authorization("s3:ListBucketVersions", bucket_arn(p["Bucket"]))]
    if operation == "GetObjectTagging":
        action = "s3:GetObjectVersionTagging" if p.get("VersionId") else "s3:GetObjectTagging"
        return [Authorization(action, object_arn(p["Bucket"], p["Key"]))]
    raise Unmapped(f"s3 {operation}")


_TRANSACT_WRITE = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
}
_DYNAMODB_SINGLE = {
    "GetItem",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "DescribeTable",
}


def _dynamodb(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation in _DYNAMODB_SINGLE:
        return [Authorization(f"dynamodb:{operation}", table_arn(p["TableName"]))]
    if operation in ("Query", "Scan"):
        arn = table_arn(p["TableName"])
        return [Authorization(f"dynamodb:{operation}", f"{arn}/index/{p['IndexName']}" if p.get("IndexName") else arn)]
    if operation == "TransactWriteItems":
        needs = []
        for item in p["TransactItems"]:
            [(kind, body)] = item.items()
            needs.append(Authorization(f"dynamodb:{_TRANSACT_WRITE[kind]}", table_arn(body["TableName"])))
        return needs
    if operation == "TransactGetItems":
        return [Authorization("dynamodb:GetItem", table_arn(item["Get"]["TableName"])) for item in p["TransactItems"]]
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [Authorization(f"dynamodb:{operation}", table_arn(name)) for name in p["RequestItems"]]
    raise Unmapped(f"dynamodb {operation}")


def _dynamodbstreams(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation == "ListStreams":
        return [Authorization("dynamodb:ListStreams", "*")]
    if operation in ("DescribeStream", "GetShardIterator"):
        return [Authorization(f"dynamodb:{operation}", p["StreamArn"])]
    if operation == "GetRecords":
        # An iterator starts with its stream's ARN (`<stream arn>|1|<id>`), on AWS and moto alike.
        return [Authorization("dynamodb:GetRecords", p["ShardIterator"].split("|", 1)[0])]
    raise Unmapped(f"dynamodbstreams {operation}")


_SQS = {
    "SendMessage": "sqs:SendMessage",
    "SendMessageBatch": "sqs:SendMessage",
    "ReceiveMessage": "sqs:ReceiveMessage",
    "DeleteMessage": "sqs:DeleteMessage",
    "DeleteMessageBatch": "sqs:DeleteMessage",
    "ChangeMessageVisibility": "sqs:ChangeMessageVisibility",
    "ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
    "GetQueueAttributes": "sqs:GetQueueAttributes",
}


def _sqs(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation not in _SQS:
        raise Unmapped(f"sqs {operation}")
    return [Authorization(_SQS[operation], queue_arn(p["QueueUrl"]))]


def _sns(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation == "Publish":
        return [Authorization("sns:Publish", p.get("TopicArn") or p["TargetArn"])]
    if operation == "PublishBatch":
        return [Authorization("sns:Publish", p["TopicArn"])]
    raise Unmapped(f"sns {operation}")


def _stepfunctions(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation in ("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"):
        return [Authorization(f"states:{operation}", "*")]
    if operation == "StartExecution":
        return [Authorization("states:StartExecution", p["stateMachineArn"])]
    raise Unmapped(f"stepfunctions {operation}")


def _rekognition(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation not in ("DetectLabels", "DetectModerationLabels", "DetectText"):
        raise Unmapped(f"rekognition {operation}")
    needs = [Authorization(f"rekognition:{operation}", "*")]
    s3_object = p.get("Image", {}).get("S3Object")
    if s3_object:
        needs.append(_s3_read(s3_object["Bucket"], s3_object["Name"], s3_object.get("Version")))
    return needs


def _bedrock_runtime(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation in ("Converse", "InvokeModel"):
        return [Authorization("bedrock:InvokeModel", model_arn(p["modelId"]))]
    if operation in ("ConverseStream", "InvokeModelWithResponseStream"):
        return [Authorization("bedrock:InvokeModelWithResponseStream", model_arn(p["modelId"]))]
    raise Unmapped(f"bedrock-runtime {operation}")


def _lambda(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation == "Invoke":
        return [Authorization("lambda:InvokeFunction", function_arn(p["FunctionName"]))]
    raise Unmapped(f"lambda {operation}")


def _events(operation: str, p: dict[str, Any]) -> list[Authorization]:
    if operation == "PutEvents":
        buses = {entry.get("EventBusName") or "default" for entry in p["Entries"]}
        return [
            Authorization(
                "events:PutEvents",
                bus if bus.startswith("arn:") else f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{bus}",
            )
            for bus in sorted(buses)
        ]
    raise Unmapped(f"events {operation}")


def _secretsmanager(operation: str, p: dict[str, Any]) -> list[Authorization]:
    # IAM authorizes the secret's ARN; a request by name is left unjudged rather than guessed.
    if operation in ("GetSecretValue", "DescribeSecret") and p["SecretId"].startswith("arn:"):
        return [Authorization(f"secretsmanager:{operation}", p["SecretId"])]
    raise Unmapped(
        f"secretsmanager {operation} by name" if operation == "GetSecretValue" else f"secretsmanager {operation}"
    )


_SERVICES: dict[str, Callable[[str, dict[str, Any]], list[Authorization]]] = {
    "s3": _s3,
    "dynamodb": _dynamodb,
    "dynamodbstreams": _dynamodbstreams,
    "sqs": _sqs,
    "sns": _sns,
    "stepfunctions": _stepfunctions,
    "rekognition": _rekognition,
    "bedrock-runtime": _bedrock_runtime,
    "lambda": _lambda,
    "events": _events,
    "secretsmanager": _secretsmanager,
}


def authorizations(service: str, operation: str, params: dict[str, Any]) -> list[Authorization]:
    """What IAM checks for this SDK call; Unmapped when this module does not know."""
    mapper = _SERVICES.get(service)
    if mapper is None:
        raise Unmapped(f"{service} {operation}")
    try:
        return mapper(operation, params)
    except KeyError as missing:
        raise Unmapped(f"{service} {operation} without {missing}") from None
