"""modules/step-functions-workflow: each case of its plan.tf, sliced from the one plan of the shared root."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

REGION, ACCOUNT = "us-east-1", "123456789012"
ARN = f"{REGION}:{ACCOUNT}"
MACHINE = f"arn:aws:states:{ARN}:stateMachine:sfn-every-kind"
RULES = {
    "upload": f"arn:aws:events:{ARN}:rule/sfn-every-kind-upload",
    "nightly": f"arn:aws:events:{ARN}:rule/sfn-every-kind-nightly",
}
DLQ = f"arn:aws:sqs:{ARN}:sfn-every-kind-triggers-dlq"


def role_policy(case) -> dict[str, dict]:
    return statements(case.by_name("aws_iam_role_policy")["this[0]"]["policy"])


@pytest.fixture(scope="module")
def every_kind(module_plan):
    return module_plan("sfn_every_kind")


@pytest.fixture(scope="module")
def outputs(plan_root):
    return plan_root.outputs["sfn_outputs"]


def test_every_kind_resources(every_kind):
    assert every_kind.type_counts() == {
        "aws_sfn_state_machine": 1,
        "aws_iam_role": 2,  # the machine's and the triggers'
        "aws_iam_role_policy": 2,
        "aws_cloudwatch_log_group": 1,
        "aws_cloudwatch_event_rule": 2,
        "aws_cloudwatch_event_target": 2,
        "aws_sqs_queue": 1,
        "aws_sqs_queue_policy": 1,
        "aws_cloudwatch_metric_alarm": 2,  # the throttling alarm is switched off
        "terraform_data": 1,  # the IAM rules on policy_statements
    }


def test_state_machine_logs_traces_encrypts_and_publishes(every_kind):
    machine = every_kind.one("aws_sfn_state_machine")
    assert (machine["name"], machine["type"], machine["publish"]) == ("sfn-every-kind", "STANDARD", True)
    assert json.loads(machine["definition"])["StartAt"] == "Validate"
    assert machine["logging_configuration"][0]["level"] == "ALL"
    assert machine["logging_configuration"][0]["include_execution_data"] is True  # asked for; off by default
    assert every_kind.unknown("aws_sfn_state_machine.this[0]")["logging_configuration"][0]["log_destination"]
    assert machine["tracing_configuration"] == [{"enabled": True}]
    assert machine["encryption_configuration"] == [
        {
            "type": "CUSTOMER_MANAGED_KMS_KEY",
            "kms_key_id": f"arn:aws:kms:{ARN}:key/5555-sfn",
            "kms_data_key_reuse_period_seconds": 300,
        }
    ]
    assert machine["tags"] == {"team": "claims"}
    log_group = every_kind.one("aws_cloudwatch_log_group")
    assert (log_group["name"], log_group["retention_in_days"]) == ("/aws/vendedlogs/states/sfn-every-kind", 731)


def test_role_is_for_this_state_machine_only(every_kind):
    trust = json.loads(every_kind.by_name("aws_iam_role")["this[0]"]["assume_role_policy"])
    [statement] = trust["Statement"]
    assert statement["Principal"] == {"Service": "states.amazonaws.com"}
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnLike": {"aws:SourceArn": [MACHINE, f"{MACHINE}:*"]},
    }


def test_role_policy_statement_by_statement(every_kind):
    policy = role_policy(every_kind)
    via = {"StringEquals": {"kms:ViaService": f"{{}}.{REGION}.amazonaws.com"}}

    def key_condition(service: str) -> dict:
        return json.loads(json.dumps(via).replace("{}", service))

    assert {sid: (st["Action"], st["Resource"], st.get("Condition")) for sid, st in policy.items()} == {
        # One statement per integration, on exactly its resources.
        "Validate": (
            ["lambda:InvokeFunction"],
            [f"arn:aws:lambda:{ARN}:function:validate", f"arn:aws:lambda:{ARN}:function:validate:live"],
            None,
        ),
        "DamageModel": (
            ["bedrock:InvokeModel"],
            [
                f"arn:aws:bedrock:{ARN}:inference-profile/us.amazon.nova-lite-v1:0",
                "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
                "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0",
            ],
            None,
        ),
        "PoliciesTable": (["dynamodb:GetItem"], [f"arn:aws:dynamodb:{ARN}:table/policies"], None),
        "ClaimsTable": (
            ["dynamodb:GetItem", "dynamodb:UpdateItem"],
            [f"arn:aws:dynamodb:{ARN}:table/claims", f"arn:aws:dynamodb:{ARN}:table/claims/index/by-status"],
            None,
        ),
        "Archive": (
            ["s3:PutObject"],
            ["arn:aws:s3:::claims-archive/audit/*", "arn:aws:s3:::claims-archive/claims/*"],
            None,
        ),
        "Photos": (["s3:GetObject"], ["arn:aws:s3:::claims/incoming/*"], None),
        "ClaimsBus": (["events:PutEvents"], [f"arn:aws:events:{ARN}:event-bus/claims"], None),
        "Reviews": (["sqs:SendMessage"], [f"arn:aws:sqs:{ARN}:reviews"], None),
        "Supervisors": (["sns:Publish"], [f"arn:aws:sns:{ARN}:supervisors"], None),
        "Payments": (
            ["states:DescribeExecution", "states:StartExecution", "states:StopExecution"],
            [f"arn:aws:states:{ARN}:execution:payments:*", f"arn:aws:states:{ARN}:stateMachine:payments"],
            None,
        ),
        "NestedExecutionEvents": (
            ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
            [f"arn:aws:events:{ARN}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"],
            None,
        ),
        # Each customer key through its own service; reading needs Decrypt, writing GenerateDataKey too.
        "PoliciesTableKey": (["kms:Decrypt"], [f"arn:aws:kms:{ARN}:key/6666-ddb"], key_condition("dynamodb")),
        "ClaimsTableKey": (
            ["kms:Decrypt", "kms:GenerateDataKey"],
            [f"arn:aws:kms:{ARN}:key/6666-ddb"],
            key_condition("dynamodb"),
        ),
        "ArchiveKey": (["kms:Decrypt", "kms:GenerateDataKey"], [f"arn:aws:kms:{ARN}:key/7777-s3"], key_condition("s3")),
        "ReviewsKey": (
            ["kms:Decrypt", "kms:GenerateDataKey"],
            [f"arn:aws:kms:{ARN}:key/8888-sqs"],
            key_condition("sqs"),
        ),
        "StateMachineKey": (
            ["kms:Decrypt", "kms:GenerateDataKey"],
            [f"arn:aws:kms:{ARN}:key/5555-sfn"],
            {"StringEquals": {"kms:EncryptionContext:aws:states:stateMachineArn": MACHINE}},
        ),
        # Log delivery and X-Ray take no resource: IAM grants them on "*" only.
        "DeliverLogs": (
            [
                "logs:CreateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:DescribeLogGroups",
                "logs:DescribeResourcePolicies",
                "logs:GetLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:UpdateLogDelivery",
            ],
            ["*"],
            None,
        ),
        "WriteTraces": (
            ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            ["*"],
            None,
        ),
    }
    assert wildcard_actions(policy) == []


def test_triggers_start_this_machine_with_retries_and_a_dead_letter_queue(every_kind):
    rules = every_kind.by_key("aws_cloudwatch_event_rule")
    assert {key: (r["name"], r["event_bus_name"], r["state"]) for key, r in rules.items()} == {
        "upload": ("sfn-every-kind-upload", "default", "ENABLED"),
        "nightly": ("sfn-every-kind-nightly", "default", "ENABLED"),
    }
    assert json.loads(rules["upload"]["event_pattern"])["detail-type"] == ["Object Created"]
    assert rules["nightly"]["schedule_expression"] == "cron(0 2 * * ? *)"
    targets = every_kind.by_key("aws_cloudwatch_event_target")
    assert targets["upload"]["input_transformer"] == [
        {
            "input_paths": {"key": "$.detail.object.key", "etag": "$.detail.object.etag"},
            "input_template": '{"key": <key>, "etag": <etag>}',
        }
    ]
    assert targets["upload"]["retry_policy"] == [{"maximum_event_age_in_seconds": 3600, "maximum_retry_attempts": 10}]
    assert targets["nightly"]["retry_policy"] == [
        {"maximum_event_age_in_seconds": 86400, "maximum_retry_attempts": 185}
    ]
    assert json.loads(targets["nightly"]["input"]) == {"sweep": True}
    for key in targets:
        assert every_kind.unknown(f'aws_cloudwatch_event_target.trigger["{key}"]')["dead_letter_config"] == [
            {"arn": True}
        ]


def test_triggers_role_starts_this_machine_only(every_kind):
    role = every_kind.by_name("aws_iam_role")["triggers[0]"]
    assert role["name"] == "sfn-every-kind-sfn-triggers"
    [trust] = json.loads(role["assume_role_policy"])["Statement"]
    assert trust["Principal"] == {"Service": "events.amazonaws.com"}
    assert sorted(trust["Condition"]["ArnEquals"]["aws:SourceArn"]) == sorted(RULES.values())
    policy = statements(every_kind.by_name("aws_iam_role_policy")["triggers[0]"]["policy"])
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == {
        "StartExecution": (["states:StartExecution"], [MACHINE])
    }


def test_triggers_dead_letter_queue_admits_these_rules_over_tls_only(every_kind):
    queue = every_kind.one("aws_sqs_queue")
    assert (queue["name"], queue["sqs_managed_sse_enabled"], queue["message_retention_seconds"]) == (
        "sfn-every-kind-triggers-dlq",
        True,
        1209600,
    )
    assert json.loads(queue["redrive_allow_policy"]) == {"redrivePermission": "denyAll"}
    policy = statements(every_kind.one("aws_sqs_queue_policy")["policy"])
    send = policy["TriggerRulesSendMessage"]
    assert (send["Principal"], send["Action"], send["Resource"]) == (
        {"Service": "events.amazonaws.com"},
        ["sqs:SendMessage"],
        [DLQ],
    )
    assert sorted(send["Condition"]["ArnEquals"]["aws:SourceArn"]) == sorted(RULES.values())
    deny = policy["DenyInsecureTransport"]
    assert (deny["Effect"], deny["Condition"]) == ("Deny", {"Bool": {"aws:SecureTransport": "false"}})


def test_alarms_on_failed_and_timed_out_executions(every_kind):
    alarms = every_kind.by_key("aws_cloudwatch_metric_alarm")
    topic = [f"arn:aws:sns:{ARN}:oncall"]
    assert {
        key: (a["alarm_name"], a["metric_name"], a["namespace"], a["threshold"], a["period"], a["evaluation_periods"])
        for key, a in alarms.items()
    } == {
        "executions_failed": ("sfn-every-kind-executions-failed", "ExecutionsFailed", "AWS/States", 3, 900, 2),
        "executions_timed_out": ("sfn-every-kind-executions-timed-out", "ExecutionsTimedOut", "AWS/States", 1, 300, 1),
    }
    for alarm in alarms.values():
        assert (alarm["alarm_actions"], alarm["ok_actions"], alarm["treat_missing_data"]) == (
            topic,
            topic,
            "notBreaching",
        )
        assert alarm["comparison_operator"] == "GreaterThanOrEqualToThreshold"


def test_callback_policy_answers_tokens_on_the_only_resource_iam_takes_without_heartbeats(outputs):
    """SendTask* have no resource types: on the machine's ARN they would grant nothing."""
    policy = statements(outputs["callback_policy"])
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == {
        "AnswerTaskTokens": (["states:SendTaskFailure", "states:SendTaskSuccess"], ["*"])
    }
    assert outputs["execution_arn_prefix"] == f"arn:aws:states:{ARN}:execution:sfn-every-kind"
    assert outputs["express_executions"] == f"arn:aws:states:{ARN}:express:sfn-express"
    assert outputs["every_kind_queue"] == DLQ


def test_express_minimal_has_no_logs_traces_or_extras(module_plan, outputs):
    case = module_plan("sfn_express_minimal")
    assert case.type_counts() == {
        "aws_sfn_state_machine": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "terraform_data": 1,
    }
    machine = case.one("aws_sfn_state_machine")
    assert machine["type"] == "EXPRESS"
    assert machine["logging_configuration"] == [
        {"level": "OFF", "include_execution_data": False, "log_destination": None}
    ]
    assert machine["tracing_configuration"] == [{"enabled": False}]
    assert machine["encryption_configuration"][0]["type"] == "AWS_OWNED_KEY"
    policy = role_policy(case)
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == {
        "Enrich": (["lambda:InvokeFunction"], [f"arn:aws:lambda:{ARN}:function:enrich"])
    }
    assert outputs["express_log_group"] is None


def test_given_queue_custom_bus_and_caller_statements(module_plan, outputs):
    case = module_plan("sfn_given_queue")
    assert "aws_sqs_queue" not in case.type_counts()
    rule = case.one("aws_cloudwatch_event_rule")
    assert (rule["name"], rule["event_bus_name"]) == ("sfn-given-queue-claims", "claims")
    target = case.one("aws_cloudwatch_event_target")
    assert target["dead_letter_config"] == [{"arn": f"arn:aws:sqs:{ARN}:claims-failed-starts"}]
    assert outputs["given_queue"] == f"arn:aws:sqs:{ARN}:claims-failed-starts"
    [trust] = json.loads(case.by_name("aws_iam_role")["triggers[0]"]["assume_role_policy"])["Statement"]
    assert (
        trust["Condition"]["ArnEquals"]["aws:SourceArn"] == f"arn:aws:events:{ARN}:rule/claims/sfn-given-queue-claims"
    )
    policy = role_policy(case)
    # An activity needs nothing from the role; the caller's aws-sdk call is granted as given.
    assert {sid: (st["Action"], st["Resource"]) for sid, st in policy.items()} == {
        "Translate": (["translate:TranslateText"], ["*"]),
        "DeliverLogs": (policy["DeliverLogs"]["Action"], ["*"]),
        "WriteTraces": (policy["WriteTraces"]["Action"], ["*"]),
    }


def test_create_false_creates_nothing(module_plan, outputs):
    assert module_plan("sfn_disabled").managed == {}
    assert outputs["disabled"] == [None, None, None, None]
    assert outputs["disabled_rules_alarms"] == [{}, {}]
