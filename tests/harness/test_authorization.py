"""harness/authorization: requests made as a principal are judged as IAM would judge them.

On the session's moto (which enforces none of it): a role, its policies and the resources'
policies are created here, and calls are made as that role."""

from __future__ import annotations

import contextlib
import json
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from harness.authorization import enforcement, least_privilege, policies
from harness.authorization.deliveries import deliveries, integration_calls, judge, task_calls
from harness.authorization.enforcement import AuthorizationFailure, Ledger, acting_as, authorize, scenario
from harness.authorization.requests import Unmapped, authorizations
from harness.runtime.stores import create_table

pytestmark = pytest.mark.unit

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


@contextlib.contextmanager
def swapped_ledger(ledger: Ledger):
    """Record into this ledger only (the session's keeps everything else)."""
    saved, enforcement.ledger = enforcement.ledger, ledger
    try:
        yield ledger
    finally:
        enforcement.ledger = saved


@pytest.fixture(autouse=True)
def own_ledger():
    """These tests' made-up roles stay out of the session's ledger (make least-privilege reads it)."""
    with swapped_ledger(Ledger()) as ledger:
        yield ledger


def allow(*statements: tuple[list[str], list[str]]) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": actions, "Resource": resources} for actions, resources in statements
        ],
    }


def a_role(emulator, document: dict) -> policies.Principal:
    iam = emulator.client("iam")
    name = f"authz-{uuid.uuid4().hex[:8]}"
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=json.dumps(document))
    return policies.role(arn)


def test_an_action_the_role_lacks_is_refused_as_aws_refuses_it_and_fails_the_scenario(emulator):
    dynamodb = boto3.client("dynamodb")
    table = create_table(dynamodb, f"authz-{uuid.uuid4().hex[:8]}", "pk")
    table_arn = dynamodb.describe_table(TableName=table)["Table"]["TableArn"]
    reader = a_role(emulator, allow((["dynamodb:GetItem"], [table_arn])))
    with pytest.raises(AuthorizationFailure) as failure, scenario(), acting_as(reader):
        dynamodb.get_item(TableName=table, Key={"pk": {"S": "a"}})  # allowed
        with pytest.raises(ClientError) as denied:
            dynamodb.put_item(TableName=table, Item={"pk": {"S": "a"}})
        assert denied.value.response["Error"]["Code"] == "AccessDeniedException"
    message = str(failure.value)
    assert "dynamodb:PutItem" in message and reader.arn in message and "ImplicitlyDenied" in message
    assert "dynamodb:GetItem" not in message
    assert "Item" not in dynamodb.get_item(TableName=table, Key={"pk": {"S": "a"}})  # never reached the table


def test_each_item_of_a_transaction_is_authorized_as_its_own_action():
    needs = authorizations(
        "dynamodb",
        "TransactWriteItems",
        {
            "TransactItems": [
                {"Put": {"TableName": "a", "Item": {}}},
                {"ConditionCheck": {"TableName": "b", "Key": {}, "ConditionExpression": "x"}},
                {"Delete": {"TableName": "a", "Key": {}}},
            ]
        },
    )
    assert [(n.action, n.resource.rsplit("/", 1)[-1]) for n in needs] == [
        ("dynamodb:PutItem", "a"),
        ("dynamodb:ConditionCheckItem", "b"),
        ("dynamodb:DeleteItem", "a"),
    ]


@pytest.mark.parametrize(
    ("service", "operation", "params", "expected"),
    [
        (
            "s3",
            "GetObject",
            {"Bucket": "b", "Key": "k", "VersionId": "v"},
            [("s3:GetObjectVersion", "arn:aws:s3:::b/k")],
        ),
        ("s3", "HeadObject", {"Bucket": "b", "Key": "k"}, [("s3:GetObject", "arn:aws:s3:::b/k")]),
        (
            "dynamodb",
            "Query",
            {"TableName": "t", "IndexName": "i"},
            [("dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i")],
        ),
        (
            "rekognition",
            "DetectLabels",
            {"Image": {"S3Object": {"Bucket": "b", "Name": "k", "Version": "v"}}},
            [("rekognition:DetectLabels", "*"), ("s3:GetObjectVersion", "arn:aws:s3:::b/k")],
        ),
        (
            "bedrock-runtime",
            "Converse",
            {"modelId": "anthropic.claude-3-haiku-20240307-v1:0"},
            [
                (
                    "bedrock:InvokeModel",
                    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                )
            ],
        ),
        ("dynamodbstreams", "ListStreams", {}, [("dynamodb:ListStreams", "*")]),
        (
            "sqs",
            "DeleteMessageBatch",
            {"QueueUrl": "http://127.0.0.1:1/123456789012/q"},
            [("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:123456789012:q")],
        ),
    ],
)
def test_operations_that_are_not_their_own_action_on_the_named_resource(service, operation, params, expected):
    assert [(n.action, n.resource) for n in authorizations(service, operation, params)] == expected


def test_a_secret_read_is_judged_on_its_arn_and_one_by_name_is_left_unjudged():
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db/db-users/orders_api-AbCdEf"
    [need] = authorizations("secretsmanager", "GetSecretValue", {"SecretId": arn})
    assert (need.action, need.resource) == ("secretsmanager:GetSecretValue", arn)
    with pytest.raises(Unmapped, match="by name"):
        authorizations("secretsmanager", "GetSecretValue", {"SecretId": "orders-db/db-users/orders_api"})


def test_a_request_nobody_can_judge_is_listed_and_fails_the_scenario(emulator):
    with pytest.raises(Unmapped):
        authorizations("glacier", "ListVaults", {})
    someone = a_role(emulator, allow((["sqs:ListQueues"], ["*"])))
    with pytest.raises(AuthorizationFailure, match="sqs ListQueues was not judged"), scenario(), acting_as(someone):
        boto3.client("sqs").list_queues()


def test_a_missing_object_is_access_denied_without_list_bucket_and_no_such_key_with_it(emulator):
    s3 = boto3.client("s3")
    bucket = f"authz-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    reader = a_role(emulator, allow((["s3:GetObject"], [f"arn:aws:s3:::{bucket}/*"])))
    lister = a_role(
        emulator,
        allow((["s3:GetObject"], [f"arn:aws:s3:::{bucket}/*"]), (["s3:ListBucket"], [f"arn:aws:s3:::{bucket}"])),
    )
    with pytest.raises(AuthorizationFailure, match="s3:ListBucket"), scenario(), acting_as(reader):
        with pytest.raises(ClientError) as error:
            s3.get_object(Bucket=bucket, Key="gone.jpg")
        assert (error.value.response["Error"]["Code"], error.value.response["ResponseMetadata"]["HTTPStatusCode"]) == (
            "AccessDenied",
            403,
        )
    with scenario(), acting_as(lister), pytest.raises(ClientError) as error:
        s3.get_object(Bucket=bucket, Key="gone.jpg")
    assert error.value.response["Error"]["Code"] == "NoSuchKey"


def test_a_delivery_by_a_service_is_judged_against_the_queue_policy_and_its_source(emulator):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName=f"authz-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    topic = "arn:aws:sns:us-east-1:123456789012:orders"
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
            }
        ],
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    with scenario():
        assert authorize(policies.service("sns.amazonaws.com", topic), "sqs:SendMessage", arn).decisions[0].allowed
    with pytest.raises(AuthorizationFailure, match="sns.amazonaws.com sqs:SendMessage"), scenario():
        authorize(policies.service("sns.amazonaws.com", topic + "-other"), "sqs:SendMessage", arn)


def test_a_customer_key_behind_a_queue_must_admit_the_sender(emulator):
    kms, sqs = boto3.client("kms"), boto3.client("sqs")
    sender = a_role(emulator, allow((["sqs:SendMessage"], ["*"]), (["kms:GenerateDataKey", "kms:Decrypt"], ["*"])))
    closed_key = kms.create_key(
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:role/someone-else"},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ],
            }
        )
    )["KeyMetadata"]["Arn"]
    url = sqs.create_queue(QueueName=f"authz-{uuid.uuid4().hex[:8]}", Attributes={"KmsMasterKeyId": closed_key})[
        "QueueUrl"
    ]
    with (
        pytest.raises(AuthorizationFailure, match="kms:GenerateDataKey"),
        scenario(),
        acting_as(sender),
        pytest.raises(ClientError),
    ):
        sqs.send_message(QueueUrl=url, MessageBody="{}")


def test_an_alarm_cannot_notify_a_topic_under_the_aws_managed_key_but_can_under_a_key_that_admits_it(emulator):
    """The AWS managed alias/aws/sns admits the account's principals through SNS only: CloudWatch,
    a service principal, is refused, and the alarm changes state without telling anyone."""
    sns, cloudwatch, kms = boto3.client("sns"), boto3.client("cloudwatch"), boto3.client("kms")
    managed = sns.create_topic(Name=f"authz-{uuid.uuid4().hex[:8]}", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    key = kms.create_key(
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudwatch.amazonaws.com"},
                        "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                        "Resource": "*",
                    }
                ],
            }
        )
    )["KeyMetadata"]["Arn"]
    own = sns.create_topic(Name=f"authz-{uuid.uuid4().hex[:8]}", Attributes={"KmsMasterKeyId": key})
    for topic in (managed["TopicArn"], own["TopicArn"]):
        cloudwatch.put_metric_alarm(
            AlarmName=f"alarm-{topic.rsplit(':', 1)[-1]}",
            MetricName="Errors",
            Namespace="AWS/Lambda",
            Statistic="Sum",
            Period=60,
            EvaluationPeriods=1,
            Threshold=1,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
            AlarmActions=[topic],
        )
    wired = {d.target_arn: d for d in deliveries() if d.by == "cloudwatch.amazonaws.com" and d.action == "sns:Publish"}
    assert judge(wired[own["TopicArn"]]).denied == []
    refused = judge(wired[managed["TopicArn"]])
    assert [d.action for d in refused.denied] == ["kms:GenerateDataKey", "kms:Decrypt"]
    assert all(d.principal == "cloudwatch.amazonaws.com" for d in refused.denied)


def test_least_privilege_lists_what_no_request_used_and_what_is_kept_on_purpose(emulator, tmp_path):
    dynamodb = boto3.client("dynamodb")
    table = create_table(dynamodb, f"authz-{uuid.uuid4().hex[:8]}", "pk")
    table_arn = dynamodb.describe_table(TableName=table)["Table"]["TableArn"]
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "Read", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": table_arn},
            {"Sid": "Write", "Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": table_arn},
        ],
    }
    role = a_role(emulator, document)
    name = role.arn.rsplit("/", 1)[-1]
    ledger = Ledger()
    with swapped_ledger(ledger), scenario(), acting_as(role):
        dynamodb.get_item(TableName=table, Key={"pk": {"S": "a"}})
    least_privilege.write_ledger(ledger, "w1", tmp_path / "ledgers")
    (tmp_path / "examples" / "shop").mkdir(parents=True)
    (tmp_path / "examples" / "shop" / "kept_grants.yml").write_text(
        f"{name}:\n  Write:\n    dynamodb:PutItem: the nightly import writes, which no scenario runs\n"
    )
    assert least_privilege.report(tmp_path / "ledgers", tmp_path / "examples") == [
        f"{name}: 1 of 3 granted actions exercised",
        "  UNUSED  Read: dynamodb:Query",
        "  kept  Write: dynamodb:PutItem  (the nightly import writes, which no scenario runs)",
    ]


def test_every_task_of_a_definition_is_the_sdk_call_it_makes_map_and_parallel_included():
    definition = {
        "States": {
            "Put": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {"TableName": "claims", "Item": {"id": {"S.$": "$.id"}}},
            },
            "Ask": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/reviews",
                    "MessageBody.$": "$",
                },
            },
            "Each": {
                "Type": "Map",
                "ItemProcessor": {
                    "States": {
                        "Assess": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::aws-sdk:bedrockruntime:converse",
                            "Parameters": {"ModelId": "amazon.nova-pro-v1:0", "Messages.$": "$.m"},
                        }
                    }
                },
            },
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "States": {
                            "Start": {
                                "Type": "Task",
                                "Resource": "arn:aws:states:::states:startExecution.sync:2",
                                "Parameters": {
                                    "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child",
                                    "Input.$": "$",
                                },
                            }
                        }
                    },  # fmt: skip
                ],
            },
        }
    }
    needs = [
        (state, need.action, need.resource)
        for state, service, operation, parameters in task_calls(definition)
        for need in authorizations(service, operation, parameters)
    ]
    assert needs == [
        ("Put", "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/claims"),
        ("Ask", "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:reviews"),
        ("Assess", "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"),
        ("Start", "states:StartExecution", "arn:aws:states:us-east-1:123456789012:stateMachine:child"),
    ]


def test_a_route_calls_its_function_as_api_gateway_and_its_service_as_the_credentials_role():
    source = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/contact"
    role = "arn:aws:iam::123456789012:role/contact-api"
    function = "arn:aws:lambda:us-east-1:123456789012:function:f"
    lambda_uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{function}/invocations"
    calls = [
        *integration_calls({"type": "AWS_PROXY", "uri": lambda_uri}, source),
        *integration_calls({"type": "AWS", "uri": lambda_uri, "credentials": role}, source),
        *integration_calls(
            {"type": "AWS", "uri": "arn:aws:apigateway:us-east-1:sqs:path/123456789012/contact", "credentials": role},
            source,
        ),
        *integration_calls(
            {
                "type": "AWS",
                "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/Query",
                "credentials": role,
                "requestTemplates": {
                    "application/json": '{"TableName": "labels", "KeyConditionExpression": "pk = :p"}'
                },
            },
            source,
        ),
        *integration_calls({"type": "AWS", "uri": "arn:aws:apigateway:us-east-1:sqs:path/123456789012/q"}, source),
    ]
    assert [(c.by, c.action, c.target_arn) for c in calls] == [
        ("apigateway.amazonaws.com", "lambda:InvokeFunction", function),
        (role, "lambda:InvokeFunction", function),
        (role, "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:contact"),
        (role, "dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/labels"),
        ("(no credentials role)", "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q"),
    ]
    assert all(c.source_arn == source for c in calls)


def key_admitting(principal_arn: str, condition: dict | None = None) -> dict:
    statement = {"Effect": "Allow", "Principal": {"AWS": principal_arn}, "Action": "kms:*", "Resource": "*"}
    return {"Version": "2012-10-17", "Statement": [{**statement, **({"Condition": condition} if condition else {})}]}


def test_a_table_under_a_customer_key_needs_the_key_for_a_write(emulator):
    kms, dynamodb = boto3.client("kms"), boto3.client("dynamodb")
    key = kms.create_key(Policy=json.dumps(key_admitting("arn:aws:iam::123456789012:root")))["KeyMetadata"]["Arn"]
    table = f"authz-{uuid.uuid4().hex[:8]}"
    dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key},
    )
    arn = dynamodb.describe_table(TableName=table)["Table"]["TableArn"]
    writer = a_role(emulator, allow((["dynamodb:PutItem"], [arn])))
    keyed = a_role(emulator, allow((["dynamodb:PutItem"], [arn]), (["kms:Decrypt", "kms:GenerateDataKey"], [key])))
    with (
        pytest.raises(AuthorizationFailure, match="kms:Decrypt"),
        scenario(),
        acting_as(writer),
        pytest.raises(ClientError),
    ):
        dynamodb.put_item(TableName=table, Item={"pk": {"S": "a"}})
    with scenario(), acting_as(keyed):
        dynamodb.put_item(TableName=table, Item={"pk": {"S": "a"}})


def test_a_state_machine_under_a_customer_key_uses_it_as_its_role_with_its_own_arn_as_encryption_context(emulator):
    """The role may use the key only for its own machine, as step-functions-workflow grants it:
    a condition on kms:EncryptionContext:aws:states:stateMachineArn must match the machine's ARN
    (iam-simulate 0.1.173 dropped such keys; simulate.cjs admits them)."""
    sfn, kms = boto3.client("stepfunctions"), boto3.client("kms")
    key = kms.create_key()["KeyMetadata"]["Arn"]  # the default policy: the account's IAM decides
    names = [f"authz-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    arns = [f"arn:aws:states:us-east-1:123456789012:stateMachine:{name}" for name in names]
    for name in names:
        role = a_role(
            emulator,
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                        "Resource": key,
                        "Condition": {"StringEquals": {"kms:EncryptionContext:aws:states:stateMachineArn": arns[0]}},
                    }
                ],
            },
        )
        sfn.create_state_machine(
            name=name,
            roleArn=role.arn,
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
            encryptionConfiguration={"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": key},
        )
    key_uses = {(d.source_arn, d.action): d for d in deliveries() if d.target_arn == key}
    for action in ("kms:GenerateDataKey", "kms:Decrypt"):
        assert judge(key_uses[(arns[0], action)]).denied == []
        refused = judge(key_uses[(arns[1], action)]).denied
        assert [d.action for d in refused] == [action] and refused[0].result == "ImplicitlyDenied"
