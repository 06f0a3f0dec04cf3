"""modules/pipes-pipeline: each case of its plan.tf, sliced from the one plan of the shared root."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

REGION, ACCOUNT = "us-east-1", "123456789012"
STREAM = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders/stream/2026-01-01T00:00:00.000"
SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}"


def policy_of(case) -> dict[str, dict]:
    return statements(case.one("aws_iam_role_policy")["policy"])


def no_wildcards(policy: dict[str, dict]) -> None:
    assert wildcard_actions(policy) == []
    # "*" only for ListStreams, the one resource IAM takes for it.
    starred = {sid: statement["Action"] for sid, statement in policy.items() if "*" in statement["Resource"]}
    assert starred in ({}, {"ListStreams": ["dynamodb:ListStreams"]})


@pytest.fixture(scope="module")
def stream_to_lambda(module_plan):
    return module_plan("pipe_stream_to_lambda")


def test_stream_to_lambda_resources(stream_to_lambda):
    assert stream_to_lambda.type_counts() == {
        "aws_pipes_pipe": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "aws_sqs_queue": 1,
        "terraform_data": 1,
    }


def test_stream_source_filter_enrichment_and_target(stream_to_lambda):
    pipe = stream_to_lambda.one("aws_pipes_pipe")
    assert (pipe["source"], pipe["desired_state"]) == (STREAM, "RUNNING")
    assert pipe["enrichment"] == f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:order-enrichment"
    assert pipe["target"] == f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:order-processor"
    [params] = pipe["source_parameters"][0]["dynamodb_stream_parameters"]
    assert (params["starting_position"], params["batch_size"], params["maximum_retry_attempts"]) == (
        "TRIM_HORIZON",
        25,
        3,
    )
    assert (params["maximum_record_age_in_seconds"], params["on_partial_batch_item_failure"]) == (
        3600,
        "AUTOMATIC_BISECT",
    )
    assert params["dead_letter_config"] == [{"arn": f"{SQS}:pipe-stream-lambda-pipe-dlq"}]
    [pattern] = pipe["source_parameters"][0]["filter_criteria"][0]["filter"]
    assert json.loads(pattern["pattern"]) == {
        "eventName": ["INSERT"],
        "dynamodb": {"NewImage": {"status": {"S": ["NEW"]}}},
    }
    assert pipe["enrichment_parameters"][0]["input_template"] == '{"order_id": <$.dynamodb.Keys.order_id.S>}'
    assert pipe["target_parameters"][0]["lambda_function_parameters"] == [{"invocation_type": "REQUEST_RESPONSE"}]
    assert pipe["log_configuration"][0]["level"] == "ERROR"


def test_stream_dead_letter_queue_is_encrypted_and_private(stream_to_lambda):
    queue = stream_to_lambda.one("aws_sqs_queue")
    assert (queue["name"], queue["sqs_managed_sse_enabled"]) == ("pipe-stream-lambda-pipe-dlq", True)
    assert json.loads(queue["redrive_allow_policy"]) == {"redrivePermission": "denyAll"}


def test_role_is_for_this_pipe_only(stream_to_lambda):
    trust = json.loads(stream_to_lambda.one("aws_iam_role")["assume_role_policy"])
    [statement] = trust["Statement"]
    assert statement["Principal"] == {"Service": "pipes.amazonaws.com"}
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnEquals": {"aws:SourceArn": f"arn:aws:pipes:{REGION}:{ACCOUNT}:pipe/pipe-stream-lambda"},
    }


def test_stream_to_lambda_policy_statement_by_statement(stream_to_lambda):
    policy = policy_of(stream_to_lambda)
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == {
        "ReadStream": (["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], [STREAM]),
        "ListStreams": (["dynamodb:ListStreams"], ["*"]),  # Pipes calls it; IAM takes "*" only
        "InvokeEnrichment": (
            ["lambda:InvokeFunction"],
            [f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:order-enrichment"],
        ),
        "DeliverToTarget": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:order-processor"]),
        "DeadLetter": (["sqs:SendMessage"], [f"{SQS}:pipe-stream-lambda-pipe-dlq"]),
        "WriteLogs": (
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/vendedlogs/pipes/pipe-stream-lambda:*"],
        ),
    }
    no_wildcards(policy)


def test_queue_to_express_state_machine_with_api_destination(module_plan):
    case = module_plan("pipe_queue_to_state_machine")
    assert "aws_sqs_queue" not in case.type_counts()  # an SQS source fails over through its own redrive
    pipe = case.one("aws_pipes_pipe")
    assert pipe["source_parameters"][0]["sqs_queue_parameters"] == [
        {"batch_size": 50, "maximum_batching_window_in_seconds": 5}
    ]
    assert pipe["target_parameters"][0]["step_function_state_machine_parameters"] == [
        {"invocation_type": "REQUEST_RESPONSE"}
    ]
    policy = policy_of(case)
    assert policy["ReadQueue"]["Resource"] == [f"{SQS}:orders"]
    assert policy["InvokeEnrichment"]["Action"] == ["events:InvokeApiDestination"]
    assert policy["DeliverToTarget"]["Action"] == ["states:StartSyncExecution"]  # express, run synchronously
    no_wildcards(policy)


def test_stream_to_fifo_queue_with_given_dlq_key_and_trace_logs(module_plan):
    case = module_plan("pipe_stream_to_fifo")
    assert "aws_sqs_queue" not in case.type_counts()
    pipe = case.one("aws_pipes_pipe")
    assert (pipe["desired_state"], pipe["kms_key_identifier"]) == (
        "STOPPED",
        f"arn:aws:kms:{REGION}:{ACCOUNT}:key/4444-pipe",
    )
    [params] = pipe["source_parameters"][0]["dynamodb_stream_parameters"]
    assert params["dead_letter_config"] == [{"arn": f"{SQS}:shared-dlq"}]
    assert params.get("on_partial_batch_item_failure") in (None, "")
    assert pipe["target_parameters"][0]["sqs_queue_parameters"][0]["message_group_id"] == "$.dynamodb.Keys.order_id.S"
    assert pipe["log_configuration"][0]["level"] == "TRACE"
    policy = policy_of(case)
    assert set(policy) == {
        "ReadStream",
        "ListStreams",
        "DeliverToTarget",
        "DeadLetter",
        "DeadLetterKey",
        "WriteLogs",
        "PipeKey",
    }
    # Writing to the given DLQ under its customer key needs the key too.
    assert policy["DeadLetterKey"]["Action"] == ["kms:Decrypt", "kms:GenerateDataKey"]
    assert policy["DeadLetterKey"]["Resource"] == [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/7777-dlq"]
    assert policy["DeliverToTarget"] == {
        "Sid": "DeliverToTarget",
        "Effect": "Allow",
        "Action": ["sqs:SendMessage"],
        "Resource": [f"{SQS}:orders.fifo"],
    }
    assert policy["PipeKey"]["Action"] == ["kms:Decrypt", "kms:GenerateDataKey"]


def test_each_queue_and_topic_key_is_granted_for_what_the_pipe_does_with_it(module_plan):
    policy = policy_of(module_plan("pipe_queue_to_topic"))
    assert set(policy) == {"ReadQueue", "SourceQueueKey", "DeliverToTarget", "TargetKey", "WriteLogs"}
    assert (policy["SourceQueueKey"]["Action"], policy["SourceQueueKey"]["Resource"]) == (
        ["kms:Decrypt"],  # reading only
        [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/5555-source"],
    )
    assert (policy["TargetKey"]["Action"], policy["TargetKey"]["Resource"]) == (
        ["kms:Decrypt", "kms:GenerateDataKey"],
        [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/6666-target"],
    )
    no_wildcards(policy)


def test_queue_to_topic_and_to_bus(module_plan):
    topic = policy_of(module_plan("pipe_queue_to_topic"))["DeliverToTarget"]
    assert (topic["Action"], topic["Resource"]) == (["sns:Publish"], [f"arn:aws:sns:{REGION}:{ACCOUNT}:orders"])
    bus_case = module_plan("pipe_queue_to_bus")
    bus = policy_of(bus_case)["DeliverToTarget"]
    assert (bus["Action"], bus["Resource"]) == (
        ["events:PutEvents"],
        [f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders"],
    )
    pipe = bus_case.one("aws_pipes_pipe")
    [params] = pipe["target_parameters"][0]["eventbridge_event_bus_parameters"]
    assert (params["detail_type"], params["source"]) == ("OrderPlaced", "orders.pipe")
    assert pipe["log_configuration"][0]["include_execution_data"] == ["ALL"]
    assert bus_case.one("aws_cloudwatch_log_group")["retention_in_days"] == 731


def test_pipe_waits_for_its_policy(plan_root):
    # depends_on in the configuration: the policy is attached before Pipes checks the role.
    config = plan_root.configuration["root_module"]["module_calls"]["pipe_stream_to_lambda"]["module"]
    [pipe] = [r for r in config["resources"] if r["address"] == "aws_pipes_pipe.this"]
    assert "aws_iam_role_policy.this" in pipe["depends_on"]


def test_a_stream_pipe_waits_for_its_stream_once_and_a_queue_pipe_does_not(plan_root, stream_to_lambda, module_plan):
    """Pipes cannot read a stream made in the same apply for about a minute (provider issue
    40572): the pipe depends on a sleep that runs again only when the stream or the policy changes."""
    wait = stream_to_lambda.one("terraform_data")
    assert wait["triggers_replace"]["stream_arn"] == STREAM
    assert statements(wait["triggers_replace"]["policy"]) == policy_of(stream_to_lambda)
    config = plan_root.configuration["root_module"]["module_calls"]["pipe_stream_to_lambda"]["module"]
    resources = {r["address"]: r for r in config["resources"]}
    assert "terraform_data.stream_source_wait" in resources["aws_pipes_pipe.this"]["depends_on"]
    [provisioner] = resources["terraform_data.stream_source_wait"]["provisioners"]
    assert provisioner["type"] == "local-exec"
    assert provisioner["expressions"]["command"]["references"] == ["var.stream_source_wait_seconds"], (
        "the wait is the caller's number of seconds"
    )
    assert config["variables"]["stream_source_wait_seconds"]["default"] == 90
    assert "terraform_data" not in module_plan("pipe_queue_to_state_machine").type_counts()
    assert "terraform_data" not in module_plan("pipe_stream_to_fifo").type_counts(), "0 seconds: no wait"


def test_disabled_creates_nothing(module_plan):
    assert module_plan("pipe_disabled").changes == {}
