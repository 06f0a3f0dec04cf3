"""moto's server, with the gaps filled that stop the library's modules applying on it.

Filled here, in the emulator, so that the modules run unchanged, also when a
consumer calls them from another repository (no override files needed):

- Application Auto Scaling tags: moto 5.2.5 implements scalable targets and
  policies but not ListTagsForResource, TagResource or UntagResource. The AWS
  provider reads a target's tags after every create and refresh and retries the
  500 for minutes. Stored by target ARN, as AWS does.
- SQS RedriveAllowPolicy: moto stores it but never returns it, so the provider
  waits three minutes for every dead-letter queue to settle. Returned as set.
- SQS Policy: moto's SetQueueAttributes clears a queue's policy when the call sets
  any other attribute, so queue policies silently vanish after an in-place update.
  A policy is now changed only by a call that sets Policy.
- Step Functions ValidateStateMachineDefinition: missing, so the provider retries
  its 500 while planning any aws_sfn_state_machine (a plan hung for over 12
  minutes). Answered OK for a JSON definition whose StartAt names one of its
  States, FAIL with a diagnostic otherwise.
- Step Functions ListStateMachineVersions: missing, and the AWS provider calls it on
  every read of an aws_sfn_state_machine, retrying the 500 (an apply hung for over
  20 minutes). Answered from the versions moto keeps, newest first.
- S3 EventBridge notifications: moto stores a bucket's EventBridgeConfiguration but
  leaves it out of GetBucketNotificationConfiguration, so every plan of a bucket
  notification with eventbridge = true shows a change. Returned as set.
- One request at a time: werkzeug serves each request on its own thread, and moto's
  backends keep resources in plain dicts and lists with no lock. A request that iterates
  one while another thread inserts fails with a 500 ("RuntimeError: dictionary changed
  size during iteration"), which the SDK retries: reproduced here with DescribeLogGroups
  beside CreateLogGroup (9 of 400 reads, four threads of each), and once in a
  480-resource Terraform apply at -parallelism=40 (harness/emulators/race.py). A create
  that fails so after storing its resource is sent again and meets "already exists":
  the 409s of CreateFunction and CreateStage and RDS's DBProxyAlreadyExistsFault in full
  runs. So requests are served one at a time (the GIL ran them one at a time anyway),
  except SQS ReceiveMessage, which may wait up to 20 s on its queue's own lock for a
  send; a request that waited SERIAL_WAIT_SECONDS is served anyway and logged. (moto's
  own Step Functions executions run on threads of their own, outside this.)
- Creates and deletes sent again: the AWS SDK for Go sends a request again after failing to
  read an answer it received (harness/emulators/resent_creates.py says why and what is
  measured); the same create again within CREATE_RETRY_SECONDS of a successful one gets that
  one's answer, unless something was deleted or taken away in between, and the same delete
  gets its first answer unless something was created or written in between. Each is logged
  ("sent again"), so a run shows how often it happens.

- S3 event notifications without sequencer or versionId: S3 puts both in every object
  event (a consumer orders the events of one key by the sequencer); moto leaves them
  out. Added as S3 sends them: a sequencer that grows with every event, and the
  object's version on a versioned bucket.
- S3 delete markers: deleting a key whose versions include a delete marker (a versioned
  bucket after DeleteObject) fails with a 500 in moto (FakeDeleteMarker has no dispose),
  so force_destroy of such a bucket retries for ever. A delete marker holds no data:
  disposing of it is nothing to do.
- S3 ObjectRemoved:DeleteMarkerCreated: deleting an object of a versioned bucket makes a
  delete marker, and S3 notifies it; moto notifies nothing. Sent as S3 sends it.
- DynamoDB Query and Scan with Limit under 1: DynamoDB refuses them with a 400
  ValidationException; moto carries them out. A route that lets DynamoDB refuse a bad
  page size (examples/image-labels) answers its 400 only if the service does.
- EC2 RevokeSecurityGroupIngress/Egress by rule id: a rule id the group does not hold is
  InvalidSecurityGroupRuleId.NotFound in EC2, which the provider's delete of an
  aws_vpc_security_group_*_rule takes as done; moto answers InvalidPermission.NotFound,
  so a revoke the SDK sent again after moto lost its answer (the load above) failed a
  destroy. Answered as EC2 does; a revoke by properties that match nothing keeps moto's.
- API Gateway stage logging without the account's CloudWatch role: API Gateway refuses an
  access log destination, an execution log level other than OFF, or data tracing on a stage
  ("CloudWatch Logs role ARN must be set in account settings to enable logging") until the
  account and region name a role (UpdateAccount cloudwatchRoleArn); moto stores the stage.
  Refused as API Gateway refuses it, so an example that would fail in a fresh account fails
  here. (Whether that role trusts API Gateway is not checked.)
- EventBridge Pipes on a new DynamoDB stream: Pipes checks at CreatePipe that the role can
  read the stream, and a stream made moments before cannot be read yet ("Cannot access
  stream ... Please ensure the customer role can perform actions on source stream", for about
  a minute on AWS: hashicorp/terraform-provider-aws#40572); moto creates the pipe. Refused
  while the stream (its label is its creation time) is younger than NEW_STREAM_UNREADABLE_SECONDS,
  shortened so a test waits seconds, not a minute: an apply that creates the pipe right after
  its stream fails here, one that waits (modules/pipes-pipeline/source_wait.tf) passes.
- CloudFront cache and response headers policies, Lambda@Edge associations, origin
  access control on an origin: see harness/emulators/moto_cloudfront.py.
`make`/the harness start moto through this module (`python -m harness.emulators.moto_server`).
"""

from __future__ import annotations

import io
import json
import re
import sys
import threading
import time
from datetime import datetime
from types import SimpleNamespace

from moto.apigateway.exceptions import BadRequestException
from moto.apigateway.models import APIGatewayBackend
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.dynamodb.exceptions import MockValidationException
from moto.dynamodb.responses import DynamoHandler
from moto.ec2.exceptions import InvalidSecurityGroupRuleIdNotFoundError
from moto.ec2.models.security_groups import SecurityGroupBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.pipes.exceptions import ValidationException as PipesValidationException
from moto.pipes.models import EventBridgePipesBackend
from moto.s3 import notifications as s3_notifications
from moto.s3.models import FakeDeleteMarker, S3Backend
from moto.s3.responses import S3Response
from moto.server import main
from moto.sqs.models import Queue
from moto.stepfunctions.responses import StepFunctionResponse

from harness.emulators import moto_cloudfront, resent_creates

_TAGS: dict[str, dict[str, str]] = {}  # target ARN -> tags; ARNs are random, so a reset leaves no clash
_register_scalable_target = ApplicationAutoScalingResponse.register_scalable_target


def _register_with_tags(self: ApplicationAutoScalingResponse) -> str:
    body = _register_scalable_target(self)
    tags = self._get_param("Tags")
    if tags:
        _TAGS.setdefault(json.loads(body)["ScalableTargetARN"], {}).update(tags)
    return body


def _list_tags_for_resource(self: ApplicationAutoScalingResponse) -> str:
    return json.dumps({"Tags": _TAGS.get(self._get_param("ResourceARN"), {})})


def _tag_resource(self: ApplicationAutoScalingResponse) -> str:
    _TAGS.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
    return "{}"


def _untag_resource(self: ApplicationAutoScalingResponse) -> str:
    tags = _TAGS.get(self._get_param("ResourceARN"), {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return "{}"


_queue_attributes = Queue.attributes.fget
_queue_set_attributes = Queue._set_attributes


def _attributes_with_redrive_allow_policy(self: Queue) -> dict:
    result = _queue_attributes(self)
    if result.get("RedriveAllowPolicy") is None:
        result.pop("RedriveAllowPolicy", None)
    return result


def _set_attributes_keeping_policy(self: Queue, attributes: dict, now: float | None = None) -> None:
    kept = None if "Policy" in attributes else getattr(self, "_policy_json", None)
    _queue_set_attributes(self, attributes, now)
    if kept is not None:
        self._policy_json = kept


def _validate_state_machine_definition(self: StepFunctionResponse) -> ActionResult:
    try:
        document = json.loads(self._get_param("definition") or "")
        valid = isinstance(document.get("States"), dict) and document.get("StartAt") in document["States"]
    except (ValueError, AttributeError):
        valid = False
    if valid:
        return ActionResult({"result": "OK", "diagnostics": []})
    problem = {"severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "location": "/StartAt"}
    problem["message"] = "The definition must be a JSON object whose StartAt names one of its States."
    return ActionResult({"result": "FAIL", "diagnostics": [problem]})


def _list_state_machine_versions(self: StepFunctionResponse) -> ActionResult:
    machine = self.stepfunction_backend.describe_state_machine(self._get_param("stateMachineArn"))
    versions = sorted(getattr(machine, "versions", {}).values(), key=lambda v: v.version, reverse=True)
    listed = [{"stateMachineVersionArn": v.arn, "creationDate": v.creation_date} for v in versions]
    return ActionResult({"stateMachineVersions": listed})


_get_bucket_notification = S3Response.get_bucket_notification


def _get_bucket_notification_with_eventbridge(self: S3Response) -> TYPE_RESPONSE:
    configuration = self.backend.get_bucket_notification_configuration(self.bucket_name)
    if configuration is None or configuration.event_bridge is None:
        return _get_bucket_notification(self)

    def listed(items: list, arn_key: str) -> list[dict]:
        return [
            {"Id": item.id, arn_key: item.arn, "Events": item.events}
            | ({"Filter": {"Key": {"FilterRules": item.filters["S3Key"]["FilterRule"]}}} if item.filters else {})
            for item in items
        ]

    result = {
        "TopicConfigurations": listed(configuration.topic, "TopicArn"),
        "QueueConfigurations": listed(configuration.queue, "QueueArn"),
        "LambdaFunctionConfigurations": listed(configuration.cloud_function, "LambdaFunctionArn"),
        "EventBridgeConfiguration": {},
    }
    self.data["Action"] = "GetBucketNotificationConfiguration"
    return self.serialized(ActionResult(result))


_resends = resent_creates.Resends()
_dispatch = DomainDispatcherApplication.__call__


def _read_body(environ: dict) -> bytes:
    """The whole body, put back for moto to read. A chunked request has no CONTENT_LENGTH and
    is read to its end; a request with neither has no body, and reading one would wait for the
    client's next request on a kept-alive connection (a DELETE held every other request so)."""
    length = environ.get("CONTENT_LENGTH")
    if length:
        body = environ["wsgi.input"].read(int(length))
    elif environ.get("wsgi.input_terminated") or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        body = environ["wsgi.input"].read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def _request(environ: dict) -> resent_creates.Request:
    method, path = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
    target, content_type = environ.get("HTTP_X_AMZ_TARGET", ""), environ.get("CONTENT_TYPE", "")
    body = _read_body(environ) if resent_creates.body_matters(method, target, content_type, path) else b""
    return resent_creates.Request(
        method,
        environ.get("HTTP_HOST", ""),
        path,
        environ.get("QUERY_STRING", ""),
        target,
        content_type,
        body,
        resent_creates.Request.service_signed(environ.get("HTTP_AUTHORIZATION", "")),
    )


def _query_action(environ: dict) -> str:
    """The Action of a query-protocol request (a form-encoded POST); "" for any other."""
    return "" if environ.get("HTTP_X_AMZ_TARGET") else _request(environ).operation


def _logged(operation: str, start_response):
    """start_response that also logs the operation with its status: which creates and deletes
    were sent, and answered how, is what a failed apply or destroy is read against."""

    def logging_start_response(status: str, headers: list, exc_info=None):
        print(f"harness: answered {operation} {status.split(' ', 1)[0]}", file=sys.stderr)
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

    return logging_start_response


def _dispatch_answering_resent(self, environ: dict, start_response):
    """harness/emulators/resent_creates.py, for moto's WSGI app: creates and deletes sent again
    get their first answer."""
    request = _request(environ)
    decision = _resends.before(request)
    if decision.operation:
        start_response = _logged(decision.operation, start_response)
    if decision.memory is None:
        return _dispatch(self, environ, start_response)
    if seen := decision.first:
        print(f"harness: {decision.operation} sent again: its first answer", file=sys.stderr)
        start_response(f"{seen.status} {seen.reason}", seen.headers)
        return [seen.body]
    captured: dict = {}

    def capture(status: str, headers: list, exc_info=None):
        captured.update(status=status, headers=headers)
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

    answer = b"".join(_dispatch(self, environ, capture))
    code, _, reason = captured.get("status", "500 ").partition(" ")
    decision.memory.remember(
        request, resent_creates.Answer(int(code), reason, list(captured.get("headers", [])), answer)
    )
    return [answer]


def _enables_logging(operation: dict) -> bool:
    """A stage patch operation that turns access or execution logging on."""
    path, value = operation.get("path", ""), str(operation.get("value") or "")
    if path.startswith("/accessLogSettings"):
        return operation.get("op") != "remove" and bool(value)
    if path.endswith("/logging/loglevel"):
        return value.upper() not in ("", "OFF")
    if path.endswith("/logging/dataTrace"):
        return value.lower() == "true"
    return False


def _refusing_logging_without_account_role(update_stage):
    def updated(self: APIGatewayBackend, function_id: str, stage_name: str, patch_operations: list[dict]):
        if not self.account.cloudwatch_role_arn and any(map(_enables_logging, patch_operations or [])):
            raise BadRequestException("CloudWatch Logs role ARN must be set in account settings to enable logging")
        return update_stage(self, function_id, stage_name, patch_operations)

    return updated


NEW_STREAM_UNREADABLE_SECONDS = 2.0  # AWS: about a minute; here short enough for a test to wait out
_STREAM_LABEL = re.compile(r"^arn:[^:]+:dynamodb:[^:]*:[^:]*:table/[^/]+/stream/(.+)$")


def _refusing_streams_pipes_cannot_read_yet(create_pipe):
    def created(self: EventBridgePipesBackend, **kwargs):  # moto's responses pass every argument by name
        source = kwargs.get("source") or ""
        label = _STREAM_LABEL.match(source)
        if label:
            try:
                age = (utcnow() - datetime.fromisoformat(label[1])).total_seconds()
            except ValueError:  # not a label moto made: nothing to judge its age by
                age = NEW_STREAM_UNREADABLE_SECONDS
            if age < NEW_STREAM_UNREADABLE_SECONDS:
                raise PipesValidationException(
                    f"Input parameter is invalid from the request due to : Cannot access stream {source}. "
                    "Please ensure the customer role can perform actions on source stream"
                )
        return create_pipe(self, **kwargs)

    return created


SERIAL_WAIT_SECONDS = 30.0  # far beyond any request moto serves here; a guard against a deadlock
SLOW_SECONDS = 5.0  # a request that holds the others this long is named in the log
_serving = threading.Lock()
_holder = ""  # the request being served, named in the log by a request that waited on it


def _waits_for_a_message(environ: dict) -> bool:
    """An SQS ReceiveMessage, which may wait for a send (JSON or query protocol)."""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    return target == "AmazonSQS.ReceiveMessage" or (not target and _query_action(environ) == "ReceiveMessage")


def _described(environ: dict) -> str:
    """Method, host, path and operation of a request, for the log."""
    operation = environ.get("HTTP_X_AMZ_TARGET", "") or _query_action(environ)
    where = f"{environ.get('REQUEST_METHOD', '')} {environ.get('HTTP_HOST', '')}{environ.get('PATH_INFO', '')}"
    return f"{where} {operation}".strip()


def one_at_a_time(serve):
    """`serve` (a WSGI callable taking self) run for one request at a time, its answer read
    whole inside (werkzeug iterates an answer after the call returns)."""

    def served(self, environ: dict, start_response):
        global _holder
        if _waits_for_a_message(environ):
            return serve(self, environ, start_response)
        request = _described(environ)
        acquired = _serving.acquire(timeout=SERIAL_WAIT_SECONDS)
        if not acquired:
            print(
                f"harness: served beside a request still running after {SERIAL_WAIT_SECONDS}s: {request}"
                f" waited on {_holder}",
                file=sys.stderr,
            )
        started = time.monotonic()
        try:
            if acquired:
                _holder = request
            answer = serve(self, environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        finally:
            took = time.monotonic() - started
            if took > SLOW_SECONDS:
                print(f"harness: slow request, {took:.1f}s: {request}", file=sys.stderr)
            if acquired:
                _serving.release()

    return served


_s3_event = s3_notifications._get_s3_event
_sequencer = iter(range(1, 2**63))
_sequencer_lock = threading.Lock()


def _s3_event_with_sequencer(event_name: str, bucket, key, notification_id: str) -> dict:
    marker = isinstance(key, FakeDeleteMarker)
    # A delete marker has no size or ETag, and S3's event for one carries neither.
    described = SimpleNamespace(name=key.name, etag="", size=0) if marker else key
    event = _s3_event(event_name, bucket, described, notification_id)
    with _sequencer_lock:
        sequencer = f"{next(_sequencer):016X}"
    for record in event["Records"]:
        obj = record["s3"]["object"]
        if marker:
            del obj["size"], obj["eTag"]
        obj["sequencer"] = sequencer
        version = getattr(key, "version_id", None)
        if version and version != "null":
            obj["versionId"] = version
    return event


_delete_object = S3Backend.delete_object


def _delete_object_notifying_markers(self: S3Backend, bucket_name: str, key_name: str, version_id=None, bypass=False):
    deleted = _delete_object(self, bucket_name, key_name, version_id=version_id, bypass=bypass)
    meta = deleted[1] if isinstance(deleted, tuple) else {}
    if version_id is None and meta.get("delete-marker") == "true":
        bucket = self.get_bucket(bucket_name)
        s3_notifications.send_event(
            self.account_id,
            s3_notifications.S3NotificationEvent.OBJECT_REMOVED_DELETE_MARKER_CREATED_EVENT,
            bucket,
            bucket.keys[key_name],  # the marker: its version is the event's
        )
    return deleted


def _refusing_limits_under_one(read):
    def checked(self: DynamoHandler):
        limit = self.body.get("Limit")
        if limit is not None and limit < 1:
            raise MockValidationException(
                f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: "
                "Member must have value greater than or equal to 1"
            )
        return read(self)

    return checked


def _revoking_rule_ids_as_ec2(revoke, rules: str):
    def revoked(self: SecurityGroupBackend, group_name_or_id: str, *args, **kwargs) -> None:
        rule_ids = kwargs.get("security_rule_ids") or []
        group = self.get_security_group_by_name_or_id(group_name_or_id, kwargs.get("vpc_id")) if rule_ids else None
        if group is not None:  # a missing group stays moto's InvalidGroup.NotFound
            held = {rule.id for rule in getattr(group, rules)}
            for rule_id in rule_ids:
                if rule_id not in held:
                    raise InvalidSecurityGroupRuleIdNotFoundError(rule_id)
        return revoke(self, group_name_or_id, *args, **kwargs)

    return revoked


def fill_gaps() -> None:
    ApplicationAutoScalingResponse.register_scalable_target = _register_with_tags
    ApplicationAutoScalingResponse.list_tags_for_resource = _list_tags_for_resource
    ApplicationAutoScalingResponse.tag_resource = _tag_resource
    ApplicationAutoScalingResponse.untag_resource = _untag_resource
    Queue.BASE_ATTRIBUTES = [*Queue.BASE_ATTRIBUTES, "RedriveAllowPolicy"]
    Queue.redrive_allow_policy = None  # until a queue sets it
    Queue.attributes = property(_attributes_with_redrive_allow_policy)
    Queue._set_attributes = _set_attributes_keeping_policy
    StepFunctionResponse.validate_state_machine_definition = _validate_state_machine_definition
    StepFunctionResponse.list_state_machine_versions = _list_state_machine_versions
    S3Response.get_bucket_notification = _get_bucket_notification_with_eventbridge
    DomainDispatcherApplication.__call__ = one_at_a_time(_dispatch_answering_resent)
    s3_notifications._get_s3_event = _s3_event_with_sequencer
    FakeDeleteMarker.dispose = lambda self, garbage=False: None  # nothing buffered to close
    S3Backend.delete_object = _delete_object_notifying_markers
    DynamoHandler.query = _refusing_limits_under_one(DynamoHandler.query)
    DynamoHandler.scan = _refusing_limits_under_one(DynamoHandler.scan)
    APIGatewayBackend.update_stage = _refusing_logging_without_account_role(APIGatewayBackend.update_stage)
    EventBridgePipesBackend.create_pipe = _refusing_streams_pipes_cannot_read_yet(EventBridgePipesBackend.create_pipe)
    SecurityGroupBackend.revoke_security_group_ingress = _revoking_rule_ids_as_ec2(
        SecurityGroupBackend.revoke_security_group_ingress, "ingress_rules"
    )
    SecurityGroupBackend.revoke_security_group_egress = _revoking_rule_ids_as_ec2(
        SecurityGroupBackend.revoke_security_group_egress, "egress_rules"
    )
    moto_cloudfront.fill_gaps()


if __name__ == "__main__":
    fill_gaps()
    sys.exit(main(sys.argv[1:]))
