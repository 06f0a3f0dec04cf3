"""modules/lambda-with-layers: each case of its plan.tf, sliced from the one plan of the shared root."""

from __future__ import annotations

import json
import re

import pytest

from harness.build import code_sha256
from harness.paths import BUILD, MODULES, REPO
from harness.terraform.plan import LAMBDA_NETWORK_INTERFACE_ACTIONS, statements, wildcard_actions

pytestmark = pytest.mark.plan

REGION, ACCOUNT = "us-east-1", "123456789012"


@pytest.fixture(scope="module")
def minimal(module_plan):
    return module_plan("lwl_minimal")


@pytest.fixture(scope="module")
def full(module_plan):
    return module_plan("lwl_full")


def test_minimal_creates_function_role_logs_and_dead_letter_queue(minimal):
    assert minimal.type_counts() == {
        "aws_lambda_function": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "aws_sqs_queue": 1,
        "terraform_data": 1,  # modules/iam-statement-rules: the rules for caller statements, at plan
    }
    assert minimal.actions() == {"create"}


def test_minimal_function_defaults(minimal):
    fn = minimal.one("aws_lambda_function")
    assert fn["function_name"] == "lwl-minimal"
    assert (fn["runtime"], fn["architectures"], fn["handler"]) == (
        "python3.12",
        ["x86_64"],
        "thumbnail.handler.lambda_handler",
    )
    assert (fn["memory_size"], fn["timeout"], fn["ephemeral_storage"]) == (256, 30, [{"size": 512}])
    assert fn["tracing_config"] == [{"mode": "Active"}]
    assert fn["reserved_concurrent_executions"] == -1
    assert fn["publish"] is False
    assert fn["source_code_hash"] == code_sha256(BUILD / "functions" / "thumbnail.zip")
    assert fn["logging_config"] == [
        {
            "log_format": "JSON",
            "log_group": "/aws/lambda/lwl-minimal",
            "application_log_level": "INFO",
            "system_log_level": "INFO",
        }
    ]
    assert fn["vpc_config"] == [] and fn["layers"] == []
    # Dead-letter target on by default: the queue the module creates.
    assert fn["dead_letter_config"] == [{"target_arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:lwl-minimal-dlq"}]


def test_minimal_dead_letter_queue_is_encrypted_and_keeps_two_weeks(minimal):
    queue = minimal.one("aws_sqs_queue")
    assert queue["name"] == "lwl-minimal-dlq"
    assert queue["sqs_managed_sse_enabled"] is True
    assert queue["message_retention_seconds"] == 1209600


def test_minimal_log_group_keeps_a_year(minimal):
    group = minimal.one("aws_cloudwatch_log_group")
    assert (group["name"], group["retention_in_days"]) == ("/aws/lambda/lwl-minimal", 365)


def test_minimal_role_trusts_only_lambda(minimal):
    role = minimal.one("aws_iam_role")
    trust = json.loads(role["assume_role_policy"])["Statement"]
    assert trust == [
        {
            "Sid": "LambdaAssumeRole",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": {"Service": "lambda.amazonaws.com"},
        }
    ]


def test_minimal_policy_grants_logs_tracing_and_dead_letter_only(minimal):
    policy = statements(minimal.one("aws_iam_role_policy")["policy"])
    assert set(policy) == {"Logs", "XRay", "DeadLetter"}
    assert policy["Logs"]["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert policy["Logs"]["Resource"] == [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/lwl-minimal:*"]
    assert policy["DeadLetter"] == {
        "Sid": "DeadLetter",
        "Effect": "Allow",
        "Action": ["sqs:SendMessage"],
        "Resource": [f"arn:aws:sqs:{REGION}:{ACCOUNT}:lwl-minimal-dlq"],
    }
    # X-Ray's write APIs take no resource ARNs: the only "*" resource, on two named actions.
    assert policy["XRay"]["Action"] == ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    assert [sid for sid, st in policy.items() if "*" in st["Resource"]] == ["XRay"]
    assert wildcard_actions(policy) == []


def test_full_creates_every_feature(full):
    assert full.type_counts() == {
        "aws_lambda_function": 1,
        "aws_lambda_layer_version": 2,
        "aws_lambda_alias": 1,
        "aws_lambda_provisioned_concurrency_config": 1,
        "aws_lambda_function_event_invoke_config": 1,
        "aws_lambda_function_url": 1,
        "aws_lambda_event_source_mapping": 3,
        "aws_lambda_permission": 2,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "terraform_data": 1,
    }


def test_full_function_settings(full):
    fn = full.one("aws_lambda_function")
    assert fn["architectures"] == ["arm64"]
    assert (fn["memory_size"], fn["timeout"], fn["ephemeral_storage"]) == (2048, 900, [{"size": 1024}])
    assert fn["reserved_concurrent_executions"] == 20
    assert fn["publish"] is True  # implied by the alias
    assert fn["kms_key_arn"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1111-env"
    # Powertools names its logger after the function unless the caller names it.
    assert fn["environment"] == [{"variables": {"POWERTOOLS_SERVICE_NAME": "lwl-full", "STAGE": "test"}}]
    assert fn["tracing_config"] == [{"mode": "PassThrough"}]
    assert full.one("aws_cloudwatch_log_group")["retention_in_days"] == 731
    assert fn["logging_config"][0]["log_format"] == "Text"
    assert fn["logging_config"][0]["application_log_level"] is None
    assert fn["vpc_config"][0]["subnet_ids"] == ["subnet-0a", "subnet-0b"]
    assert fn["vpc_config"][0]["security_group_ids"] == ["sg-0fn"]
    assert fn["replace_security_groups_on_destroy"] is True
    assert fn["dead_letter_config"] == [{"target_arn": f"arn:aws:sns:{REGION}:{ACCOUNT}:lwl-full-dead-letters"}]


def test_full_layers_are_built_for_the_function(full):
    layers = full.of_type("aws_lambda_layer_version")
    pillow = layers['aws_lambda_layer_version.this["pillow"]']
    powertools = layers['aws_lambda_layer_version.this["powertools"]']
    assert pillow["layer_name"] == "lwl-full-pillow"
    assert pillow["compatible_runtimes"] == ["python3.12"]
    assert powertools["compatible_runtimes"] == ["python3.12", "python3.13"]
    assert pillow["compatible_architectures"] == ["arm64"]
    assert pillow["source_code_hash"] == code_sha256(BUILD / "layers" / "pillow.zip")
    # The attached order (created layers by key, then layer_arns) is only known after
    # apply: tests/examples/thumbnails/test_apply.py checks it on the emulator.


def test_full_provisioned_concurrency_sits_on_the_alias(full):
    assert full.one("aws_lambda_alias")["name"] == "live"
    provisioned = full.one("aws_lambda_provisioned_concurrency_config")
    assert (provisioned["qualifier"], provisioned["provisioned_concurrent_executions"]) == ("live", 2)


def test_full_everything_that_invokes_targets_the_alias(full):
    assert full.one("aws_lambda_function_url")["qualifier"] == "live"
    assert full.one("aws_lambda_function_event_invoke_config")["qualifier"] == "live"
    for permission in full.of_type("aws_lambda_permission").values():
        assert permission["qualifier"] == "live"
    for address in full.of_type("aws_lambda_event_source_mapping"):
        assert full.unknown(address)["function_name"] is True  # the alias ARN, known after apply


def test_full_async_invocation_and_url(full):
    config = full.one("aws_lambda_function_event_invoke_config")
    assert (config["maximum_retry_attempts"], config["maximum_event_age_in_seconds"]) == (1, 600)
    destinations = config["destination_config"][0]
    assert destinations["on_success"] == [{"destination": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders"}]
    assert destinations["on_failure"] == [{"destination": f"arn:aws:sqs:{REGION}:{ACCOUNT}:lwl-full-failures"}]
    url = full.one("aws_lambda_function_url")
    assert url["authorization_type"] == "AWS_IAM"
    assert url["cors"][0]["allow_origins"] == ["https://example.com"]
    assert url["cors"][0]["max_age"] == 300


def test_full_event_source_mappings(full):
    mappings = full.by_key("aws_lambda_event_source_mapping")
    queue, stream, kinesis = mappings["orders_queue"], mappings["table_stream"], mappings["clicks"]
    assert (queue["batch_size"], queue["maximum_batching_window_in_seconds"]) == (100, 5)
    assert queue["function_response_types"] == ["ReportBatchItemFailures"]
    assert queue["scaling_config"] == [{"maximum_concurrency": 5}]
    assert queue["filter_criteria"] == [{"filter": [{"pattern": '{"body":{"status":["PAID"]}}'}]}]
    assert queue["starting_position"] is None and queue["bisect_batch_on_function_error"] is None
    assert stream["starting_position"] == "TRIM_HORIZON"
    assert (stream["bisect_batch_on_function_error"], stream["maximum_retry_attempts"]) == (True, 3)
    assert stream["maximum_record_age_in_seconds"] == 3600
    assert stream["destination_config"] == [
        {"on_failure": [{"destination_arn": "arn:aws:s3:::lwl-full-stream-failures"}]}
    ]
    assert (kinesis["starting_position"], kinesis["parallelization_factor"]) == ("LATEST", 2)
    assert kinesis["scaling_config"] == []


def test_full_trigger_permissions_carry_source_arn_and_s3_source_account(full):
    permissions = full.by_key("aws_lambda_permission")
    uploads, nightly = permissions["Uploads"], permissions["Nightly"]
    assert (uploads["principal"], uploads["source_arn"], uploads["source_account"]) == (
        "s3.amazonaws.com",
        "arn:aws:s3:::lwl-full-uploads",
        ACCOUNT,
    )
    assert (nightly["principal"], nightly["source_arn"]) == (
        "events.amazonaws.com",
        f"arn:aws:events:{REGION}:{ACCOUNT}:rule/nightly",
    )
    assert nightly["source_account"] is None
    assert {p["action"] for p in permissions.values()} == {"lambda:InvokeFunction"}


def test_full_vpc_access_grants_the_network_interface_actions_only(full):
    """Not AWSLambdaVPCAccessExecutionRole: it also grants logs actions on every log group."""
    assert full.of_type("aws_iam_role_policy_attachment") == {}
    policy = statements(full.one("aws_iam_role_policy")["policy"])
    assert policy["NetworkInterfaces"]["Action"] == LAMBDA_NETWORK_INTERFACE_ACTIONS
    assert [sid for sid, st in policy.items() if any(a.startswith("logs:") for a in st["Action"])] == ["Logs"]


def test_full_policy_statement_by_statement(full):
    policy = statements(full.one("aws_iam_role_policy")["policy"])
    sqs, kms = f"arn:aws:sqs:{REGION}:{ACCOUNT}", f"arn:aws:kms:{REGION}:{ACCOUNT}:key"
    expected = {
        "Logs": (
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/lwl-full:*"],
        ),
        "DeadLetter": (["sns:Publish"], [f"arn:aws:sns:{REGION}:{ACCOUNT}:lwl-full-dead-letters"]),
        "EnvironmentKey": (["kms:Decrypt"], [f"{kms}/1111-env"]),
        "AsyncOnSuccess": (["events:PutEvents"], [f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders"]),
        "AsyncOnFailure": (["sqs:SendMessage"], [f"{sqs}:lwl-full-failures"]),
        "EventSourceOrdersQueue": (
            ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            [f"{sqs}:orders"],
        ),
        "EventSourceKeyOrdersQueue": (["kms:Decrypt"], [f"{kms}/2222-queue"]),
        "EventSourceTableStream": (
            ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            [f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders/stream/2026-01-01T00:00:00.000"],
        ),
        # An S3 failure destination: PutObject on its objects and ListBucket on the bucket, both needed.
        "EventSourceFailureTableStream": (["s3:PutObject"], ["arn:aws:s3:::lwl-full-stream-failures/*"]),
        "FailureBucketList": (["s3:ListBucket"], ["arn:aws:s3:::lwl-full-stream-failures"]),
        "EventSourceClicks": (
            [
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
            ],  # no SubscribeToShard: it takes a consumer ARN only, and this is the stream
            [f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/clicks"],
        ),
        "EventSourceListStreams": (["dynamodb:ListStreams"], ["*"]),  # Lambda lists the table's streams
        "ReadConfig": (["ssm:GetParameter"], [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/lwl-full/*"]),
        "NetworkInterfaces": (
            LAMBDA_NETWORK_INTERFACE_ACTIONS,
            ["*"],  # Lambda chooses the interfaces; the describe actions take no resource
        ),
    }
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == expected
    assert policy["ReadConfig"]["Condition"] == {"StringEquals": {"aws:ResourceTag/app": "lwl"}}
    assert all(st["Effect"] == "Allow" for st in policy.values())
    assert wildcard_actions(policy) == []  # and no XRay statement: tracing is PassThrough


def test_a_dead_letter_queue_key_an_iam_url_and_one_topic_trigger(module_plan):
    case = module_plan("lwl_keyed_public")
    policy = statements(case.one("aws_iam_role_policy")["policy"])
    assert (policy["DeadLetterKey"]["Action"], policy["DeadLetterKey"]["Resource"]) == (
        ["kms:Decrypt", "kms:GenerateDataKey"],  # SQS needs both to take a message under a customer key
        [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/8888-dlq"],
    )
    assert case.one("aws_sqs_queue")["kms_master_key_id"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/8888-dlq"
    assert case.one("aws_lambda_function_url")["authorization_type"] == "AWS_IAM"
    permission = case.one("aws_lambda_permission")  # the topic's, and no public one
    assert (permission["principal"], permission["source_arn"]) == (
        "sns.amazonaws.com",
        f"arn:aws:sns:{REGION}:{ACCOUNT}:orders",
    )
    assert wildcard_actions(policy) == []


def test_disabled_creates_nothing(module_plan):
    assert module_plan("lwl_disabled").changes == {}


def test_bring_your_own_role_dead_letter_target_and_s3_code(module_plan):
    byo = module_plan("lwl_bring_your_own")
    assert byo.type_counts() == {"aws_lambda_function": 1, "aws_cloudwatch_log_group": 1}
    fn = byo.one("aws_lambda_function")
    assert fn["role"] == f"arn:aws:iam::{ACCOUNT}:role/platform-managed"
    assert (fn["s3_bucket"], fn["s3_key"], fn["source_code_hash"], fn["filename"]) == (
        "artifacts",
        "lwl/thumbnail.zip",
        "abc=",
        None,
    )
    assert fn["dead_letter_config"] == [{"target_arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:shared-dlq"}]


@pytest.fixture(scope="module")
def scheduled(module_plan):
    return module_plan("lwl_scheduled")


def test_minimal_leaves_snap_start_schedules_and_the_recursion_setting_out(minimal):
    fn = minimal.one("aws_lambda_function")
    assert (fn["package_type"], fn["snap_start"], fn["image_uri"]) == ("Zip", [], None)
    counts = minimal.type_counts()
    assert "aws_scheduler_schedule" not in counts
    assert "aws_lambda_function_recursion_config" not in counts  # Terminate is AWS's default


def test_schedules_invoke_the_alias_on_time_or_in_a_window_with_retries_and_a_dead_letter_queue(scheduled):
    schedules = scheduled.by_key("aws_scheduler_schedule")
    assert sorted(schedules) == ["daily_report", "hourly_check"]
    alias_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:lwl-scheduled:live"
    daily, hourly = schedules["daily_report"], schedules["hourly_check"]
    assert (daily["name"], daily["group_name"], daily["state"]) == ("lwl-scheduled-daily_report", "default", "ENABLED")
    assert (daily["schedule_expression"], daily["schedule_expression_timezone"]) == (
        "cron(0 7 * * ? *)",
        "Europe/Paris",
    )
    assert daily["flexible_time_window"] == [{"mode": "FLEXIBLE", "maximum_window_in_minutes": 15}]
    assert hourly["flexible_time_window"] == [{"mode": "OFF", "maximum_window_in_minutes": None}]
    (daily_target,), (hourly_target,) = daily["target"], hourly["target"]
    assert daily_target["arn"] == hourly_target["arn"] == alias_arn
    assert json.loads(daily_target["input"]) == {"report": "daily"}
    assert daily_target["retry_policy"] == [{"maximum_event_age_in_seconds": 86400, "maximum_retry_attempts": 185}]
    assert hourly_target["retry_policy"] == [{"maximum_event_age_in_seconds": 3600, "maximum_retry_attempts": 3}]
    # The function's own dead-letter queue, unless the schedule names one.
    assert daily_target["dead_letter_config"] == [{"arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:lwl-scheduled-dlq"}]
    assert hourly_target["dead_letter_config"] == [{"arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:checks-dlq"}]
    assert (hourly["group_name"], hourly["schedule_expression_timezone"]) == ("operations", "UTC")
    assert daily["kms_key_arn"] == hourly["kms_key_arn"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/6666-schedules"


def test_the_scheduler_role_may_invoke_this_alias_and_write_its_dead_letter_queues_only(scheduled):
    roles = scheduled.by_name("aws_iam_role")
    trust = statements(roles["scheduler[0]"]["assume_role_policy"])["SchedulerAssumeRole"]
    assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert trust["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnEquals": {
            "aws:SourceArn": [
                f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule-group/default",
                f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule-group/operations",
            ]
        },
    }
    policies = scheduled.by_name("aws_iam_role_policy")
    policy = statements(policies["scheduler[0]"]["policy"])
    assert sorted(policy) == ["DeadLetter", "DeadLetterKey", "InvokeThisFunction", "ScheduleKey"]
    assert policy["ScheduleKey"]["Resource"] == [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/6666-schedules"]
    assert (policy["InvokeThisFunction"]["Action"], policy["InvokeThisFunction"]["Resource"]) == (
        ["lambda:InvokeFunction"],
        [f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:lwl-scheduled:live"],
    )
    assert policy["DeadLetter"]["Resource"] == [
        f"arn:aws:sqs:{REGION}:{ACCOUNT}:checks-dlq",
        f"arn:aws:sqs:{REGION}:{ACCOUNT}:lwl-scheduled-dlq",
    ]
    assert policy["DeadLetterKey"]["Resource"] == [f"arn:aws:kms:{REGION}:{ACCOUNT}:key/7777-dlq"]
    assert wildcard_actions(policy) == []
    # The function's own role does not gain anything for the schedules.
    assert "InvokeThisFunction" not in statements(policies["this[0]"]["policy"])


def test_snap_start_snapshots_published_versions_and_the_alias_points_at_one(scheduled):
    fn = scheduled.one("aws_lambda_function")
    assert (fn["runtime"], fn["snap_start"], fn["publish"]) == (
        "python3.13",
        [{"apply_on": "PublishedVersions"}],
        True,
    )
    assert "function_version" in scheduled.unknown("aws_lambda_alias.this[0]")  # the version being published
    recursion = scheduled.one("aws_lambda_function_recursion_config")
    assert (recursion["function_name"], recursion["recursive_loop"]) == ("lwl-scheduled", "Allow")


def test_an_image_function_runs_its_digest_with_no_handler_runtime_or_layers(module_plan):
    image = module_plan("lwl_image")
    fn = image.one("aws_lambda_function")
    assert (fn["package_type"], fn["handler"], fn["runtime"], fn["layers"], fn["filename"]) == (
        "Image",
        None,
        None,
        [],
        None,
    )
    assert fn["image_uri"].endswith("/reports@sha256:" + "0123456789abcdef" * 4)
    assert fn["image_config"] == [
        {"command": ["reports.handler.lambda_handler"], "entry_point": None, "working_directory": "/var/task"}
    ]
    assert "aws_lambda_layer_version" not in image.type_counts()


def test_the_readme_schedule_block_is_the_planned_case():
    """The README's daily-report block, as a consumer copies it, sets what lwl_scheduled plans
    (its source and version, name and zip aside)."""
    readme = (MODULES / "lambda-with-layers" / "README.md").read_text()
    block = re.search(r"### A daily report on a schedule\n\n```hcl\n(.*?)\n```", readme, re.DOTALL).group(1)
    planned = (REPO / "tests" / "modules" / "lambda-with-layers" / "plan.tf").read_text()
    case = re.search(r'module "lwl_scheduled" \{\n(.*?)\n\}\n', planned, re.DOTALL).group(1)
    case_lines = {" ".join(line.split()) for line in case.splitlines()}
    differ = [
        line
        for line in block.splitlines()[1:-1]
        if line.strip()
        and " ".join(line.split()) not in case_lines
        and not line.strip().startswith(("source", "version", "name ", "handler", "package"))
    ]
    assert differ == []
