"""harness/runtime/functions.py: each deployed_handler block is a cold start of that function,
as Lambda gives every function its own process: its modules imported anew under its own
environment (Logger and Tracer named by its POWERTOOLS_SERVICE_NAME, clients made at import),
Powertools' cold-start flags set, and the modules imported before the block back afterwards
(unit tests hold them). Two functions sharing one package used to log under the first one's name."""

from __future__ import annotations

import importlib
import io
import json
import sys
import uuid
import zipfile

import pytest

from harness.runtime.events import LambdaContext, sqs_event
from harness.runtime.functions import deployed_handler

pytestmark = pytest.mark.unit

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
LOGS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}],
}


def a_function(emulator, name: str) -> str:
    """An order-events consumer as the emulator holds it: one package, its own name and table."""
    iam = emulator.client("iam")
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="logs", PolicyDocument=json.dumps(LOGS))
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("order_events/__init__.py", "")
    emulator.client("lambda").create_function(
        FunctionName=name, Runtime="python3.12", Role=role, MemorySize=512, Timeout=30,
        Handler="order_events.handler.lambda_handler",
        Code={"ZipFile": package.getvalue()},
        Environment={"Variables": {"POWERTOOLS_SERVICE_NAME": name, "PROCESSED_TABLE": f"{name}-processed",
                                   "CONSUMER_NAME": name}},
    )  # fmt: skip
    return name


def test_two_functions_of_one_package_each_start_cold_under_their_own_name(emulator, capsys):
    first, second = (a_function(emulator, f"consumer-{uuid.uuid4().hex[:6]}") for _ in range(2))
    before = importlib.import_module("order_events.handler")
    seen = {}
    for name in (first, second, first):
        with deployed_handler(name) as handler:
            module = sys.modules["order_events.handler"]
            seen.setdefault(name, []).append(module)
            # A poller's own context, as harness/runtime/poller.py passes one: the runtime's names the function.
            handler(sqs_event([], "arn:aws:sqs:us-east-1:123456789012:orders"), LambdaContext())
            module.logger.info("walked")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    walked = [
        (line["service"], line["function_name"], line["cold_start"]) for line in lines if line["message"] == "walked"
    ]
    # Each block is a new process: its own service name, and a cold start every time.
    assert walked == [(first, first, True), (second, second, True), (first, first, True)]
    assert seen[first][0] is not seen[first][1]  # imported anew, not reused
    assert sys.modules["order_events.handler"] is before  # what was imported before is back
