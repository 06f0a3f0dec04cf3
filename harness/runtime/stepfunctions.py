"""Run a state machine definition on LocalStack's Step Functions interpreter with mocked task
responses (SFN_MOCK_CONFIG), and read back what the execution did.

LocalStack answers every Task from the mock file instead of calling the service (Lambda,
DynamoDB, SQS .waitForTaskToken, Bedrock alike), so each path of a workflow runs in
seconds with no function deployed. Each test case maps state names to responses; a
response lists per attempt what the task returns or throws ("0-1": throw, "2": return),
so retries show in the execution history as they would on AWS.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.authorization.deliveries import task_call


def returns(value: Any) -> dict:
    return {"Return": value}


def throws(error: str, cause: str = "") -> dict:
    return {"Throw": {"Error": error, "Cause": cause or error}}


@dataclass
class MockConfig:
    """The SFN_MOCK_CONFIG document: test cases per state machine and the responses they name."""

    cases: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # machine -> case -> state -> response
    responses: dict[str, dict[str, dict]] = field(default_factory=dict)  # response -> attempts -> Return/Throw

    def case(self, machine: str, name: str, states: dict[str, dict[str, dict]]) -> None:
        """A test case: for each mocked state, its responses by attempt ("0", "0-1", ...)."""
        mapping = {}
        for state, attempts in states.items():
            response = f"{machine}/{name}/{state}"  # unique across machines sharing a case name
            self.responses[response] = attempts
            mapping[state] = response
        self.cases.setdefault(machine, {})[name] = mapping

    def document(self) -> dict:
        return {
            "StateMachines": {machine: {"TestCases": cases} for machine, cases in self.cases.items()},
            "MockedResponses": self.responses,
        }

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.document(), indent=1))

    def add_to(self, path: Path) -> None:
        """Write these cases beside the ones the file already holds (other machines' are kept)."""
        text = path.read_text() if path.is_file() else ""
        found = json.loads(text) if text.strip() else {}
        machines = found.get("StateMachines", {})
        for machine, cases in self.document()["StateMachines"].items():
            machines.setdefault(machine, {"TestCases": {}})["TestCases"].update(cases["TestCases"])
        document = {
            "StateMachines": machines,
            "MockedResponses": {**found.get("MockedResponses", {}), **self.responses},
        }
        path.write_text(json.dumps(document, indent=1))


@dataclass
class Execution:
    execution_arn: str
    status: str
    output: Any
    error: str | None
    cause: str | None
    events: list[dict]

    @property
    def states_entered(self) -> list[str]:
        return [e["stateEnteredEventDetails"]["name"] for e in self.events if "stateEnteredEventDetails" in e]

    def _scheduled(self) -> Iterator[tuple[str, dict]]:
        """(state, event) for every TaskScheduled event, each with the state that scheduled it."""
        current = None
        for event in self.events:
            if "stateEnteredEventDetails" in event:
                current = event["stateEnteredEventDetails"]["name"]
            elif event["type"] == "TaskScheduled" and current is not None:
                yield current, event

    def task_attempts(self) -> dict[str, int]:
        """How many times each Task state scheduled its call (retries included)."""
        return dict(Counter(state for state, _ in self._scheduled()))

    def scheduled_parameters(self, state: str) -> list[dict]:
        """The parameters each call of a Task state was scheduled with, as Step Functions rendered them."""
        return [
            json.loads(event["taskScheduledEventDetails"]["parameters"])
            for scheduled, event in self._scheduled()
            if scheduled == state
        ]

    def scheduled_calls(self) -> list[tuple[str, str, str, dict]]:
        """(state, service, operation, parameters) of every call the execution scheduled, with
        the parameters Step Functions rendered at run time (the SDK call each task makes)."""
        calls = []
        for state, event in self._scheduled():
            details = event["taskScheduledEventDetails"]
            resource = f"arn:aws:states:::{details['resourceType']}:{details['resource']}"
            calls.append((state, *task_call(resource, json.loads(details["parameters"]))))
        return calls

    def largest_payload(self) -> int:
        """The largest state input or output of the execution, in bytes (Step Functions' limit is 256 KB)."""
        sizes = [
            len(details.get(key, "").encode())
            for event in self.events
            for details in (event.get("stateEnteredEventDetails"), event.get("stateExitedEventDetails"))
            if details
            for key in ("input", "output")
        ]
        return max(sizes, default=0)


def run(sfn: Any, state_machine_arn: str, case: str | None, payload: dict, timeout: float = 120.0) -> Execution:
    """Start an execution (of a mock test case when `case` is given) and wait for it to end."""
    target = f"{state_machine_arn}#{case}" if case else state_machine_arn
    execution_arn = sfn.start_execution(stateMachineArn=target, input=json.dumps(payload))["executionArn"]
    return run_until_done(sfn, execution_arn, timeout)


def wait(sfn: Any, execution_arn: str, timeout: float = 120.0) -> dict:
    """Wait for a started execution to end; its DescribeExecution answer."""
    deadline = time.monotonic() + timeout
    while True:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        if time.monotonic() > deadline:
            raise TimeoutError(f"{execution_arn} still RUNNING after {timeout}s")
        time.sleep(0.1)


def run_until_done(sfn: Any, execution_arn: str, timeout: float = 120.0) -> Execution:
    """Wait for a started execution to end; what it did, its whole history included."""
    described = wait(sfn, execution_arn, timeout)
    pages = sfn.get_paginator("get_execution_history").paginate(executionArn=execution_arn)
    events = [event for page in pages for event in page["events"]]
    output = json.loads(described["output"]) if described.get("output") else None
    return Execution(execution_arn, described["status"], output, described.get("error"), described.get("cause"), events)
