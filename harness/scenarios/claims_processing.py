"""examples/claims-processing: a customer's photo of a damaged car goes through the claims
workflow, which approves it automatically or asks an adjuster, and records the outcome.

moto stores the functions and the state machine but runs neither. The walk runs the
workflow's functions in-process, each as its own role, on the photo uploaded to moto
(Bedrock's Converse answered by botocore's Stubber on the function's own client: no emulator
here has it), reads the customer's policy from moto's table, then runs the deployed
definition, read back from moto, on LocalStack's Step Functions interpreter with each task
answered by what those steps returned (SFN_MOCK_CONFIG), so every state it enters is the
deployed definition's decision on real results.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field

import boto3
from botocore.stub import Stubber

from harness.emulators.gaps import relax_bucket_policy_for
from harness.runtime import images
from harness.runtime.events import LambdaContext
from harness.runtime.functions import deployed_handler
from harness.runtime.stepfunctions import Execution, MockConfig, returns, run
from harness.runtime.stores import converse_answer
from harness.scenarios import Narrator, Stage

USE_CASE = "a damage photo is assessed by a model and approved or sent to an adjuster (S3 -> Step Functions -> Bedrock)"
EMULATOR = "moto"
PHOTO_KEY = "incoming/cust-42/rear door.jpg"
POLICY = {"customer_id": "cust-42", "policy_id": "POL-42", "coverage_limit": 5000, "auto_approval_limit": 1000,
          "deductible": 150}  # fmt: skip
MODEL_ANSWER = {"damage_type": "dented door", "estimated_cost": 800.0, "severity_score": 2, "confidence_score": 0.93}
SUMMARY = "A dented rear door, about 800 to repair."
MACHINE = "claims-demo"  # its name on LocalStack, beside the scenario tests' machines
CASE = "Walked"
INTERPRETER_ROLE = "arn:aws:iam::000000000000:role/interpreter"


@dataclass
class Claim:
    verdict: dict
    analysis: dict
    checkpoint: dict
    policy_record: dict
    execution: Execution | None = None
    task_results: dict[str, dict] = field(default_factory=dict)


def _run_function(say: Narrator, name: str, event: dict, bedrock_answer: str | None = None) -> dict:
    with contextlib.ExitStack() as stack:
        handler = stack.enter_context(deployed_handler(name))
        if bedrock_answer is not None:
            stubbed = stack.enter_context(Stubber(handler.module.bedrock))
            stubbed.add_response("converse", converse_answer(bedrock_answer))
        result = handler(event, LambdaContext(name))
    say.detail(f"{name} returned {json.dumps(result, default=str)[:300]}")
    return result


def walk(stage: Stage, say: Narrator) -> Claim:
    out = stage.outputs
    bucket, functions = out["bucket_name"], out["function_names"]
    relax_bucket_policy_for(stage.emulator.kind, bucket)  # moto cannot evaluate the TLS condition
    s3 = boto3.client("s3")
    say.step(f"A customer uploads a photo of the damage to s3://{bucket}/{PHOTO_KEY}")
    version = s3.put_object(Bucket=bucket, Key=PHOTO_KEY, Body=images.jpeg(1280, 960), ContentType="image/jpeg")[
        "VersionId"
    ]
    claim = {"claim_id": "claim-walked-1", "bucket": bucket, "key": PHOTO_KEY, "version_id": version}
    say.detail(f"version {version}; the claim: {json.dumps(claim)}")
    try:
        say.step("Validate input: the validation function reads that photo version (in-process, as its role)")
        verdict = _run_function(say, functions["validate"], claim)
        say.step("Analyse damage: the analysis function asks its model (Converse stubbed: no emulator has it)")
        analysis = _run_function(
            say, functions["analyse"], {**claim, "format": verdict["format"]}, json.dumps(MODEL_ANSWER)
        )
        say.step("Checkpoint context: the history function keeps the analysis and a summary (as its role)")
        checkpoint = _run_function(
            say, functions["history"], {"claim_id": claim["claim_id"], "analysis": analysis}, SUMMARY
        )
    finally:  # the bucket keeps its data on destroy (no force_destroy): leave it as the apply made it
        for prefix in (PHOTO_KEY, f"artifacts/{claim['claim_id']}/"):
            for found in s3.list_object_versions(Bucket=bucket, Prefix=prefix).get("Versions", []):
                s3.delete_object(Bucket=bucket, Key=found["Key"], VersionId=found["VersionId"])

    say.step(f"Fetch policy: the customer's policy from {out['policies_table_name']}")
    dynamodb = boto3.client("dynamodb")
    dynamodb.put_item(
        TableName=out["policies_table_name"],
        Item={k: {"N": str(v)} if isinstance(v, int) else {"S": v} for k, v in POLICY.items()},
    )
    policy_record = dynamodb.get_item(
        TableName=out["policies_table_name"], Key={"customer_id": {"S": verdict["customer_id"]}}
    )
    policy_record.pop("ResponseMetadata", None)
    say.detail(json.dumps(policy_record))
    result = Claim(verdict, analysis, checkpoint, policy_record)

    say.step("The workflow decides: the deployed definition on LocalStack's interpreter, on the results above")
    localstack = stage.service("localstack")
    if localstack.sfn_mock_config is None:
        raise RuntimeError(
            "LocalStack was started elsewhere (LOCALSTACK_ENDPOINT_URL): its SFN_MOCK_CONFIG is not ours"
        )
    definition = boto3.client("stepfunctions").describe_state_machine(stateMachineArn=out["claims_state_machine_arn"])[
        "definition"
    ]
    result.task_results = {
        "Register claim": {}, "Validate input": {"Payload": verdict}, "Analyse damage": {"Payload": analysis},
        "Checkpoint context": {"Payload": checkpoint}, "Fetch policy": policy_record, "Record outcome": {},
    }  # fmt: skip
    mocks = MockConfig()
    mocks.case(MACHINE, CASE, {state: {"0": returns(answer)} for state, answer in result.task_results.items()})
    mocks.add_to(localstack.sfn_mock_config)
    sfn = localstack.client("stepfunctions")
    arn = sfn.create_state_machine(name=MACHINE, definition=definition, roleArn=INTERPRETER_ROLE)["stateMachineArn"]
    try:
        result.execution = run(sfn, arn, CASE, claim)
    finally:
        sfn.delete_state_machine(stateMachineArn=arn)
    for number, state in enumerate(result.execution.states_entered, 1):
        say.detail(f"{number:2}. {state}")
    say.detail(f"{result.execution.status}: {json.dumps(result.execution.output)}")
    return result
