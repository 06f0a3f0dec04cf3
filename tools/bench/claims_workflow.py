"""The claims workflow (examples/claims-processing, its definition as planned) on LocalStack's
Step Functions interpreter with mocked tasks: executions per second, beside a one-state machine
on the same interpreter (its own ceiling); and the largest state payload of a claim whose photo
is a 10 MB upload, the mocked task answers being what the handlers return for it in-process
(the model through botocore's Stubber), beside what the photo would weigh in the state."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

from harness.emulators.servers import Emulator, patched_environ, running_emulator
from harness.terraform.staging import stage, terraform
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def claims_definitions(emulator: Emulator, scratch: Path) -> dict[str, str]:
    """The claims example's two definitions, as Terraform renders them."""
    tf = terraform(
        stage("examples/claims-processing", scratch, emulator_kind=emulator.kind), {**os.environ, **emulator.env}
    )
    changes = tf.plan(output=True).resource_changes
    return {
        name: changes[f"module.{name}.aws_sfn_state_machine.this[0]"]["change"]["after"]["definition"]
        for name in ("claims", "intake")
    }


def claim_task_answers(photo_bytes: int) -> dict[str, dict]:
    """What validation, analysis and history return for one uploaded photo of about photo_bytes,
    run in-process against the emulator's S3 and DynamoDB, Bedrock through the Stubber."""
    import importlib

    import boto3
    from botocore.stub import Stubber
    from PIL import Image

    from harness.runtime.events import LambdaContext
    from harness.runtime.stores import converse_answer, create_table

    side = int((photo_bytes / 3) ** 0.5)
    photo = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(photo, "PNG", compress_level=1)
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    s3.create_bucket(Bucket="claims-bench")
    s3.put_bucket_versioning(Bucket="claims-bench", VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket="claims-bench", Key="incoming/cust-1/photo.png", Body=photo.getvalue())["VersionId"]
    create_table(dynamodb, "claims-bench-context", "claim_id")
    claim = {
        "claim_id": "claim-bench",
        "bucket": "claims-bench",
        "key": "incoming/cust-1/photo.png",
        "version_id": version,
    }
    env = {
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "MODEL_ID": "amazon.nova-pro-v1:0",
        "SUMMARY_MODEL_ID": "amazon.nova-micro-v1:0",
        "ARTIFACTS_BUCKET": "claims-bench",
        "CONTEXT_TABLE": "claims-bench-context",
    }
    assessment = {
        "damage_type": "crushed front wing",
        "estimated_cost": 850.0,
        "severity_score": 2,
        "confidence_score": 0.9,
    }

    load_deployed("claim_validation", "damage_analysis", "claim_history")
    with patched_environ(env):
        validation = importlib.import_module("claim_validation.handler")
        analysis = importlib.import_module("damage_analysis.handler")
        history = importlib.import_module("claim_history.handler")
        verdict = validation.lambda_handler(claim, LambdaContext("validate"))
        with Stubber(analysis.bedrock) as bedrock:
            bedrock.add_response("converse", converse_answer(json.dumps(assessment)))
            analysed = analysis.lambda_handler({**claim, "format": verdict["format"]}, LambdaContext("analyse"))
        with Stubber(history.bedrock) as bedrock:
            bedrock.add_response(
                "converse", converse_answer("The front wing is crushed; a repair near 850 looks right. " * 3)
            )
            checkpointed = history.lambda_handler({"claim_id": "claim-bench", "analysis": analysed}, LambdaContext("h"))
    return {
        "claim": claim,
        "photo": {"bytes": len(photo.getvalue())},
        "validation": verdict,
        "analysis": analysed,
        "history": checkpointed,
    }


def workflow_figures(emulator: Emulator, scratch: Path, executions: int = 20) -> dict[str, float]:
    from harness.runtime.stepfunctions import MockConfig, returns, run, wait

    definitions = claims_definitions(emulator, scratch / "claims-plan")
    with patched_environ(emulator.env):
        answers = claim_task_answers(10 * 1024 * 1024)
    policy = {"Item": {"customer_id": {"S": "cust-1"}, "policy_id": {"S": "POL-1"}, "coverage_limit": {"N": "5000"},
                       "auto_approval_limit": {"N": "1000"}, "deductible": {"N": "150"}}}  # fmt: skip
    states = {
        "Register claim": {"0": returns({})},
        "Validate input": {"0": returns({"Payload": answers["validation"]})},
        "Analyse damage": {"0": returns({"Payload": answers["analysis"]})},
        "Checkpoint context": {"0": returns({"Payload": answers["history"]})},
        "Fetch policy": {"0": returns(policy)},
        "Request review": {"0": returns({"decision": "APPROVED", "amount": 800, "adjuster": "ana", "note": ""})},
        "Record outcome": {"0": returns({})},
    }
    mocks = MockConfig()
    mocks.case("claims", "Measured", states)
    reviewed = dict(
        states, **{"Fetch policy": {"0": returns({"Item": {**policy["Item"], "auto_approval_limit": {"N": "100"}}})}}
    )
    mocks.case("claims", "MeasuredReview", reviewed)
    claim = answers["claim"]
    with running_emulator(scratch / "localstack-sfn.log", kind="localstack") as localstack:
        mocks.write(localstack.sfn_mock_config)
        sfn = localstack.client("stepfunctions")
        role = "arn:aws:iam::000000000000:role/bench"
        claims = sfn.create_state_machine(name="claims", definition=definitions["claims"], roleArn=role)[
            "stateMachineArn"
        ]
        one_state = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        floor = sfn.create_state_machine(name="one-state", definition=one_state, roleArn=role)["stateMachineArn"]
        largest = max(run(sfn, claims, case, claim).largest_payload() for case in ("Measured", "MeasuredReview"))

        def throughput(arn: str) -> float:
            started = time.monotonic()
            arns = [
                sfn.start_execution(stateMachineArn=arn, input=json.dumps(claim))["executionArn"]
                for _ in range(executions)
            ]
            assert {wait(sfn, a)["status"] for a in arns} == {"SUCCEEDED"}  # no history read: not part of the rate
            return executions / (time.monotonic() - started)

        return {
            "claims_per_s": throughput(f"{claims}#Measured"),
            "one_state_per_s": throughput(floor),
            "largest_payload": largest,
            "photo_bytes": answers["photo"]["bytes"],
        }


@measurement("Claims workflow on LocalStack's Step Functions interpreter, tasks mocked (20 executions at once)",
             needs=("moto", "localstack"))  # fmt: skip
def measure(context: Context) -> None:
    figures = workflow_figures(context.emulator, context.scratch)
    print(
        f"    claims definition: {figures['claims_per_s']:5.1f} executions/s   "
        f"a one-state machine: {figures['one_state_per_s']:5.1f} executions/s (the interpreter's ceiling)"
    )
    print(f"    largest state payload for a {figures['photo_bytes'] / 2**20:.1f} MiB photo: "
          f"{figures['largest_payload'] / 1024:.1f} KiB (limit 256 KiB); the photo itself in the state, "
          f"base64: {figures['photo_bytes'] * 4 / 3 / 2**20:.1f} MiB")  # fmt: skip
