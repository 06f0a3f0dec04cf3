"""CKV_ASM_16..18: Step Functions state machines.

- CKV_ASM_16: the state machine logs its executions (a logging_configuration with a
  level other than OFF; AWS itself refuses such a level without a destination). checkov's CKV_AWS_285 asks for
  execution data in the logs instead, which we keep out by default (personal data).
- CKV_ASM_17: X-Ray tracing is on.
- CKV_ASM_18: every task that waits for a task token (.waitForTaskToken) has
  TimeoutSeconds or HeartbeatSeconds (or their Path forms): without one it waits up
  to a year. The whole definition is walked, Parallel branches and Map processors
  included; UNKNOWN where the definition is not a literal (HCL module inputs).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from checkov_values import first, unresolved

TIMEOUT_FIELDS = ("TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath")


class StateMachineLogs(BaseResourceCheck):
    """a state machine logs its executions: a `logging_configuration` with a level other than OFF
    (execution data stays out by default; checkov's CKV_AWS_285 asks for it)"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure a Step Functions state machine logs its executions",
            id="CKV_ASM_16",
            categories=(CheckCategories.LOGGING,),
            supported_resources=("aws_sfn_state_machine",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        logging = first(conf.get("logging_configuration"))
        if not isinstance(logging, dict):
            return CheckResult.FAILED
        level = first(logging.get("level"))
        if unresolved(level):
            return CheckResult.UNKNOWN
        return CheckResult.FAILED if level in (None, "OFF") else CheckResult.PASSED


class StateMachineTracing(BaseResourceCheck):
    """X-Ray tracing is on (`tracing_configuration.enabled`)"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure a Step Functions state machine has X-Ray tracing on",
            id="CKV_ASM_17",
            categories=(CheckCategories.LOGGING,),
            supported_resources=("aws_sfn_state_machine",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        enabled = first(first(conf.get("tracing_configuration") or [{}]).get("enabled"))
        if unresolved(enabled):
            return CheckResult.UNKNOWN
        return CheckResult.PASSED if enabled in (True, "true") else CheckResult.FAILED


def states(scope: dict) -> Iterator[dict]:
    """Every state of a definition, nested branches and Map processors included."""
    for state in (scope.get("States") or {}).values():
        if not isinstance(state, dict):
            continue
        yield state
        for branch in state.get("Branches") or []:
            if isinstance(branch, dict):
                yield from states(branch)
        for key in ("ItemProcessor", "Iterator"):
            if isinstance(state.get(key), dict):
                yield from states(state[key])


class CallbackTasksTimeOut(BaseResourceCheck):
    """every task that waits for a task token (`.waitForTaskToken`) has `TimeoutSeconds` or `HeartbeatSeconds`
    (or their Path forms), in Parallel branches and Map processors too; UNKNOWN where the definition is not a literal"""

    def __init__(self) -> None:
        super().__init__(
            name="Ensure every Step Functions task waiting for a task token has a timeout or heartbeat",
            id="CKV_ASM_18",
            categories=(CheckCategories.GENERAL_SECURITY,),
            supported_resources=("aws_sfn_state_machine",),
        )

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        definition = first(conf.get("definition"))
        document = definition  # checkov hands a jsonencode() literal over already decoded
        if isinstance(definition, str):
            if unresolved(definition):
                return CheckResult.UNKNOWN
            try:
                document = json.loads(definition)
            except json.JSONDecodeError:
                return CheckResult.UNKNOWN
        if not isinstance(document, dict):
            return CheckResult.UNKNOWN
        waiting = [s for s in states(document) if str(s.get("Resource", "")).endswith(".waitForTaskToken")]
        unbounded = [s for s in waiting if not any(field in s for field in TIMEOUT_FIELDS)]
        return CheckResult.FAILED if unbounded else CheckResult.PASSED


state_machine_logs = StateMachineLogs()
state_machine_tracing = StateMachineTracing()
callback_tasks_time_out = CallbackTasksTimeOut()
