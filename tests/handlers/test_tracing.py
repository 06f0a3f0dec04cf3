"""Every handler traces through lambda_src/lib/observability: in Lambda, each AWS call its
clients make is a subsegment of the invocation's trace, sent to the X-Ray daemon.

Run in a fresh process with what Lambda sets when tracing is Active (LAMBDA_TASK_ROOT, the
trace header in _X_AMZN_TRACE_ID, the daemon's address), a UDP socket standing in for the
daemon; the order-events consumer handles an SQS event against the emulator's DynamoDB.
Outside Lambda (every other handler test) the Tracer is off and patches nothing.
"""

from __future__ import annotations

import ast
import json
import os
import socket
import subprocess
import sys
import uuid

import boto3
import pytest

from harness.paths import LAMBDA_SRC, REPO
from harness.runtime.stores import create_table

pytestmark = pytest.mark.unit

INVOKE = """
import hashlib, json, sys, uuid
from harness.runtime.events import LambdaContext, sqs_event
from order_events.handler import lambda_handler
body = json.dumps({"event_id": "e-1", "order_id": "o-1", "status": "PAID", "amount": 1, "currency": "EUR"})
message = {"MessageId": str(uuid.uuid4()), "ReceiptHandle": "r", "Body": body, "Attributes": {},
           "MD5OfBody": hashlib.md5(body.encode()).hexdigest()}
print(json.dumps(lambda_handler(sqs_event([message], "arn:aws:sqs:us-east-1:123456789012:q"), LambdaContext("t"))))
"""


def _subsegments(document: dict):
    yield document
    for child in document.get("subsegments", []):
        yield from _subsegments(child)


def test_an_invocation_in_lambda_sends_its_aws_calls_as_subsegments(emulator, tmp_path):
    table = create_table(boto3.client("dynamodb"), f"traced-{uuid.uuid4().hex[:6]}", "pk")
    daemon = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    daemon.bind(("127.0.0.1", 0))
    daemon.settimeout(10)
    trace_id = f"1-{os.urandom(4).hex()}-{os.urandom(12).hex()}"
    environment = {
        **os.environ,
        **emulator.env,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(LAMBDA_SRC), str(LAMBDA_SRC / "lib")]),
        "LAMBDA_TASK_ROOT": str(tmp_path),
        "_X_AMZN_TRACE_ID": f"Root={trace_id};Parent={os.urandom(8).hex()};Sampled=1",
        "AWS_XRAY_DAEMON_ADDRESS": f"127.0.0.1:{daemon.getsockname()[1]}",
        "POWERTOOLS_SERVICE_NAME": "order-events",
        "PROCESSED_TABLE": table,
        "CONSUMER_NAME": "billing",
    }
    environment.pop("POWERTOOLS_TRACE_DISABLED", None)
    done = subprocess.run([sys.executable, "-c", INVOKE], env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.splitlines()[-1]) == {"batchItemFailures": []}
    documents = []
    daemon.settimeout(2)
    try:
        while True:
            header, _, body = daemon.recv(65536).decode().partition("\n")
            assert json.loads(header) == {"format": "json", "version": 1}
            documents.append(json.loads(body))
    except TimeoutError:
        pass
    finally:
        daemon.close()
    assert documents, "nothing reached the daemon"
    assert {d["trace_id"] for d in documents} == {trace_id}
    calls = [s for d in documents for s in _subsegments(d) if s.get("namespace") == "aws"]
    assert [(c["name"], c["aws"]["operation"]) for c in calls] == [("dynamodb", "PutItem")]
    assert any(s["name"] == "## lambda_handler" for d in documents for s in _subsegments(d))


HANDLERS = sorted(
    p for p in LAMBDA_SRC.rglob("*.py") if "layers" not in p.parts and "\ndef lambda_handler(" in p.read_text()
)


@pytest.mark.parametrize("path", HANDLERS, ids=lambda p: str(p.relative_to(LAMBDA_SRC)))
def test_every_handler_logs_and_traces_through_the_one_library(path):
    # Lambda@Edge has no layers, no X-Ray SDK and no environment: edge_variant keeps the
    # standard library's logging, and is the one exception.
    if path.parts[-2] == "edge_variant":
        pytest.skip("Lambda@Edge: no layers and no tracing at the edge; standard logging by design")
    tree = ast.parse(path.read_text())
    imported = {(n.module, a.name) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert {("observability", "logger"), ("observability", "tracer")} <= imported, path
    assert ("aws_lambda_powertools", "Logger") not in imported  # one Logger, made once
    [handler] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "lambda_handler"]
    decorators = [ast.unparse(d) for d in handler.decorator_list]
    assert decorators[0].startswith("tracer.capture_lambda_handler"), decorators
