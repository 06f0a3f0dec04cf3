"""What EventBridge Pipes does with a DynamoDB stream, for handlers run in-process.

The emulators store pipes but run none, so the harness does the pipe's job the
way the service documents it: read the stream, keep the records one of the
pipe's filter patterns matches, batch them, call the enrichment with the batch
and the target with what the enrichment returned, retry the items the target
reports in batchItemFailures (enrichment included) up to the pipe's
maximum_retry_attempts, then send each still-failing record's metadata to the
pipe's dead-letter queue. The pattern matching itself is EventBridge's own:
the TestEventPattern API of an emulator that implements it.

Everything the pipe does, it does as its role, as Pipes does: reading the stream (with
ListStreams first, which the Pipes documentation lists for a DynamoDB source), writing its
execution log, invoking the enrichment and the target, and sending to the dead-letter queue. Those requests are judged
as IAM would judge them (harness/authorization).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3

from harness.authorization import policies
from harness.authorization.enforcement import acting_as, authorize, scenario
from harness.authorization.policies import Principal
from harness.emulators.servers import REGION
from harness.runtime.events import LambdaContext

# A pipe with maximum_retry_attempts -1 retries until the record expires; here, a
# record failing this often stops the run instead of spinning.
UNBOUNDED_RETRY_GUARD = 100

Handler = Callable[[Any, LambdaContext], Any]

# TestEventPattern wants an EventBridge envelope; a pipe matches the bare record.
# These fields sit beside the record's own and no pipe pattern names them.
_ENVELOPE = {
    "id": "00000000-0000-0000-0000-000000000000",
    "detail-type": "DynamoDB stream record",
    "source": "aws.dynamodb",
    "account": "123456789012",
    "time": "2026-01-01T00:00:00Z",
    "region": REGION,
    "resources": [],
}


@dataclass(frozen=True)
class StreamPipe:
    """The parts of a deployed pipe that decide what happens to a stream record."""

    name: str
    arn: str
    stream_arn: str
    filter_patterns: list[str]
    batch_size: int
    maximum_retry_attempts: int
    dead_letter_queue_arn: str | None
    enrichment_arn: str | None
    target_arn: str
    role_arn: str
    log_group_arn: str | None = None

    @property
    def principal(self) -> Principal:
        """The pipe's role as the emulator holds it (read again each time: policies may change)."""
        return policies.role(self.role_arn, label=f"role of pipe {self.name}")

    def records(self) -> list[dict[str, Any]]:
        """The stream's records, read as the pipe reads them: as its role."""
        principal = self.principal
        with scenario(), acting_as(principal):
            streams = boto3.client("dynamodbstreams")
            table = self.stream_arn.split(":", 5)[5].split("/")[1]
            streams.list_streams(TableName=table)
            return read_stream(self.stream_arn, streams)

    @classmethod
    def describe(cls, name: str, client: Any = None) -> StreamPipe:
        """Read the pipe back from the emulator (DescribePipe), as Pipes would run it."""
        pipe = (client or boto3.client("pipes")).describe_pipe(Name=name)
        parameters = pipe.get("SourceParameters", {})
        stream = parameters.get("DynamoDBStreamParameters", {})
        return cls(
            name=pipe["Name"],
            arn=pipe["Arn"],
            stream_arn=pipe["Source"],
            filter_patterns=[f["Pattern"] for f in parameters.get("FilterCriteria", {}).get("Filters", [])],
            batch_size=stream.get("BatchSize", 1),
            maximum_retry_attempts=stream.get("MaximumRetryAttempts", -1),
            dead_letter_queue_arn=stream.get("DeadLetterConfig", {}).get("Arn"),
            enrichment_arn=pipe.get("Enrichment") or None,
            target_arn=pipe["Target"],
            role_arn=pipe["RoleArn"],
            log_group_arn=pipe.get("LogConfiguration", {}).get("CloudwatchLogsLogDestination", {}).get("LogGroupArn"),
        )


def read_stream(stream_arn: str, client: Any = None) -> list[dict[str, Any]]:
    """Every record in the stream from TRIM_HORIZON, shaped as Pipes delivers it."""
    streams = client or boto3.client("dynamodbstreams")
    records = []
    for shard in streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator)
            for record in page["Records"]:
                created = record["dynamodb"].get("ApproximateCreationDateTime")
                if isinstance(created, datetime):  # boto3 parsed it; the event carries epoch seconds
                    record["dynamodb"]["ApproximateCreationDateTime"] = int(created.timestamp())
                records.append({**record, "eventSourceARN": stream_arn})
            iterator = page.get("NextShardIterator") if page["Records"] else None
    return records


def matches(pattern: str, record: dict[str, Any], events_client: Any) -> bool:
    """Whether EventBridge's TestEventPattern says the pattern matches the record."""
    event = json.dumps({**record, **_ENVELOPE}, default=str)
    return events_client.test_event_pattern(EventPattern=pattern, Event=event)["Result"]


def passes_filter(patterns: list[str], record: dict[str, Any], events_client: Any) -> bool:
    """A pipe with no patterns passes everything; otherwise any matching pattern does."""
    return not patterns or any(matches(pattern, record, events_client) for pattern in patterns)


@dataclass
class PipeRun:
    batches: int = 0
    target_invocations: int = 0
    processed: int = 0
    retries: int = 0
    dead_lettered: list[str] = field(default_factory=list)  # eventIDs


def _dead_letter_message(pipe: StreamPipe, record: dict[str, Any], attempts: int) -> str:
    """The failure metadata Pipes sends for a stream record (the record itself stays in the stream)."""
    sequence = record["dynamodb"]["SequenceNumber"]
    return json.dumps(
        {
            "context": {
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": attempts,
                "pipeArn": pipe.arn,
            },
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(),
            "DDBStreamBatchInfo": {
                "streamArn": pipe.stream_arn,
                "startSequenceNumber": sequence,
                "endSequenceNumber": sequence,
                "batchSize": 1,
                "eventID": record["eventID"],
            },
        }
    )


def run(
    pipe: StreamPipe,
    records: Iterable[dict[str, Any]],
    target: Handler,
    enrichment: Handler | None = None,
    context: LambdaContext | None = None,
    dead_letter_queue_url: str | None = None,
) -> PipeRun:
    """Push already-filtered records through enrichment and target, with the pipe's retries.

    Fails if the pipe's role could not have made one of its requests on AWS."""
    with scenario():
        return _run(pipe, records, target, enrichment, context, dead_letter_queue_url)


def _run(
    pipe: StreamPipe,
    records: Iterable[dict[str, Any]],
    target: Handler,
    enrichment: Handler | None,
    context: LambdaContext | None,
    dead_letter_queue_url: str | None,
) -> PipeRun:
    context = context or LambdaContext(pipe.name)
    stats = PipeRun()
    sqs = boto3.client("sqs")
    principal = pipe.principal
    invoked = [arn for arn in (pipe.enrichment_arn if enrichment else None, pipe.target_arn) if arn]
    if pipe.log_group_arn:  # Pipes writes its execution log as the pipe's role
        stream = f"{pipe.log_group_arn.removesuffix(':*')}:log-stream:pipe-execution"
        for action in ("logs:CreateLogStream", "logs:PutLogEvents"):
            authorize(principal, action, stream, what=f"the pipe's execution log: {action}")
    pending = list(records)
    for start in range(0, len(pending), pipe.batch_size):
        batch = pending[start : start + pipe.batch_size]
        stats.batches += 1
        attempt = 0
        while batch:
            attempt += 1
            for arn in invoked:
                authorize(principal, "lambda:InvokeFunction", arn, what=f"the pipe invoking {arn}")
            payload = enrichment(batch, context) if enrichment else batch
            response = target(payload, context) or {}
            stats.target_invocations += 1
            failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
            stats.processed += sum(record["eventID"] not in failed for record in batch)
            batch = [record for record in batch if record["eventID"] in failed]
            if not batch:
                break
            if pipe.maximum_retry_attempts == -1 and attempt >= UNBOUNDED_RETRY_GUARD:
                raise RuntimeError(f"records {sorted(failed)} keep failing and the pipe retries without limit")
            if pipe.maximum_retry_attempts != -1 and attempt > pipe.maximum_retry_attempts:
                for record in batch:
                    if dead_letter_queue_url:
                        with acting_as(principal):
                            sqs.send_message(
                                QueueUrl=dead_letter_queue_url, MessageBody=_dead_letter_message(pipe, record, attempt)
                            )
                    stats.dead_lettered.append(record["eventID"])
                break
            stats.retries += len(batch)
    return stats
