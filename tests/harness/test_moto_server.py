"""harness/emulators/moto_server.py: the gaps filled in the emulator, on the session's moto server.

Each test shows the behaviour plain moto 5.2.5 lacks (measured: RedriveAllowPolicy never
read back, a queue policy cleared by an unrelated SetQueueAttributes, no
ValidateStateMachineDefinition) and the AWS provider depends on."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
import zipfile

import pytest

from harness.paths import REPO
from harness.runtime.stores import create_table

pytestmark = pytest.mark.unit

POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage"}],
}


@pytest.fixture
def sqs(emulator):
    return emulator.client("sqs")


def test_a_queue_reads_its_redrive_allow_policy_back(sqs):
    allow = json.dumps({"redrivePermission": "denyAll"})
    url = sqs.create_queue(QueueName=f"dlq-{uuid.uuid4().hex[:8]}", Attributes={"RedriveAllowPolicy": allow})[
        "QueueUrl"
    ]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]["RedriveAllowPolicy"] == allow
    named = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedriveAllowPolicy"])["Attributes"]
    assert named == {"RedriveAllowPolicy": allow}
    plain = sqs.create_queue(QueueName=f"plain-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    assert "RedriveAllowPolicy" not in sqs.get_queue_attributes(QueueUrl=plain, AttributeNames=["All"])["Attributes"]


def test_setting_another_attribute_keeps_the_queue_policy(sqs):
    url = sqs.create_queue(QueueName=f"q-{uuid.uuid4().hex[:8]}", Attributes={"Policy": json.dumps(POLICY)})["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "120"})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "120"
    assert json.loads(attributes["Policy"])["Statement"] == POLICY["Statement"]
    # A call that sets Policy still replaces it.
    changed = {**POLICY, "Statement": [{**POLICY["Statement"][0], "Action": "sqs:GetQueueAttributes"}]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(changed)})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert json.loads(attributes["Policy"])["Statement"][0]["Action"] == "sqs:GetQueueAttributes"


def test_state_machine_definitions_are_validated(emulator):
    sfn = emulator.client("stepfunctions")
    good = {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    assert sfn.validate_state_machine_definition(definition=json.dumps(good))["result"] == "OK"
    for bad in ("{not json", json.dumps({"StartAt": "Missing", "States": {"Done": {"Type": "Succeed"}}})):
        answer = sfn.validate_state_machine_definition(definition=bad)
        assert answer["result"] == "FAIL" and answer["diagnostics"][0]["code"] == "SCHEMA_VALIDATION_FAILED"


def test_state_machine_versions_are_listed_newest_first(emulator):
    """The AWS provider lists a machine's versions on every read; moto 5.2.5 answered 500."""
    sfn = emulator.client("stepfunctions")
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
    role = "arn:aws:iam::123456789012:role/versions"
    name = f"versions-{uuid.uuid4().hex[:8]}"
    unpublished = sfn.create_state_machine(name=f"{name}-none", definition=definition, roleArn=role)
    assert sfn.list_state_machine_versions(stateMachineArn=unpublished["stateMachineArn"])["stateMachineVersions"] == []
    created = sfn.create_state_machine(name=name, definition=definition, roleArn=role, publish=True)
    sfn.update_state_machine(stateMachineArn=created["stateMachineArn"], definition=definition, publish=True)
    listed = sfn.list_state_machine_versions(stateMachineArn=created["stateMachineArn"])["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in listed] == [f"{created['stateMachineArn']}:{n}" for n in (2, 1)]


def test_a_bucket_reads_its_eventbridge_notifications_back(emulator):
    """Without it every plan of an aws_s3_bucket_notification with eventbridge = true shows a change."""
    s3 = emulator.client("s3")
    bucket = f"events-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    assert "EventBridgeConfiguration" not in s3.get_bucket_notification_configuration(Bucket=bucket)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"EventBridgeConfiguration": {}})
    assert s3.get_bucket_notification_configuration(Bucket=bucket)["EventBridgeConfiguration"] == {}


def test_a_create_function_retried_with_the_same_body_is_answered_as_created(emulator):
    """The SDK's retry of a CreateFunction whose answer it lost gets the function, not 409;
    a create of the same name with another body still gets 409 (a REST create); an
    AddPermission sent again leaves one statement."""
    import io
    import zipfile

    from botocore.exceptions import ClientError

    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("h.py", "def handler(event, context):\n    return event\n")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}
    trust["Statement"][0]["Principal"] = {"Service": "lambda.amazonaws.com"}
    name = f"retried-{uuid.uuid4().hex[:8]}"
    role = emulator.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    lam = emulator.client("lambda")
    request = {
        "FunctionName": name,
        "Runtime": "python3.12",
        "Role": role["Arn"],
        "Handler": "h.handler",
        "Code": {"ZipFile": code.getvalue()},
    }
    created = lam.create_function(**request)
    again = lam.create_function(**request)
    assert again["FunctionArn"] == created["FunctionArn"] and again["CodeSha256"] == created["CodeSha256"]
    with pytest.raises(ClientError, match="ResourceConflictException"):
        lam.create_function(**{**request, "Handler": "h.other"})
    # AddPermission sent again (seen 4 times for 3 routes in a full run): moto stored a second
    # statement where Lambda keeps one, and the destroy waited on the one left ("found resource").
    permission = {"FunctionName": name, "StatementId": "AllowApiGateway", "Action": "lambda:InvokeFunction"}
    permission["Principal"] = "apigateway.amazonaws.com"
    assert lam.add_permission(**permission)["Statement"] == lam.add_permission(**permission)["Statement"]
    statements = json.loads(lam.get_policy(FunctionName=name)["Policy"])["Statement"]
    assert [s["Sid"] for s in statements] == ["AllowApiGateway"]
    lam.remove_permission(FunctionName=name, StatementId="AllowApiGateway")
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        lam.get_policy(FunctionName=name)


def versioned_bucket_notifying_a_queue(s3, sqs, event: str) -> tuple[str, str]:
    """A versioned bucket whose `event`s go to a queue of the same name: (bucket, queue URL)."""
    bucket = f"notified-{uuid.uuid4().hex[:8]}"
    url = sqs.create_queue(QueueName=bucket)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={"QueueConfigurations": [{"QueueArn": arn, "Events": [event]}]},
    )
    return bucket, url


def test_s3_notifications_carry_a_growing_sequencer_and_the_object_version(emulator, sqs):
    s3 = emulator.client("s3")
    bucket, url = versioned_bucket_notifying_a_queue(s3, sqs, "s3:ObjectCreated:*")
    versions = [s3.put_object(Bucket=bucket, Key="a.jpg", Body=body)["VersionId"] for body in (b"1", b"2")]
    objects = []
    for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        body = json.loads(message["Body"])
        objects += [record["s3"]["object"] for record in body.get("Records", [])]  # the s3:TestEvent has none
    assert [o["versionId"] for o in objects] == versions
    first, second = (int(o["sequencer"], 16) for o in objects)
    assert second > first


def test_a_key_with_a_delete_marker_can_be_emptied_out_of_a_suspended_bucket(emulator):
    """What destroying a versioned bucket with force_destroy does after an object was deleted:
    Terraform suspends versioning first (aws_s3_bucket_versioning goes), then deletes every
    version and marker. Plain moto 5.2.5 answers that with a 500."""
    s3 = emulator.client("s3")
    bucket = f"markers-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket=bucket, Key="a.jpg", Body=b"1")["VersionId"]
    marker = s3.delete_object(Bucket=bucket, Key="a.jpg")["VersionId"]
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    objects = [{"Key": "a.jpg", "VersionId": version}, {"Key": "a.jpg", "VersionId": marker}]
    assert s3.delete_objects(Bucket=bucket, Delete={"Objects": objects}).get("Errors") is None
    s3.delete_bucket(Bucket=bucket)


def test_deleting_from_a_versioned_bucket_notifies_the_delete_marker(emulator, sqs):
    s3 = emulator.client("s3")
    bucket, url = versioned_bucket_notifying_a_queue(s3, sqs, "s3:ObjectRemoved:*")
    s3.put_object(Bucket=bucket, Key="gone.jpg", Body=b"1")
    marker = s3.delete_object(Bucket=bucket, Key="gone.jpg")["VersionId"]
    records = [
        record
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        for record in json.loads(message["Body"]).get("Records", [])
    ]
    assert [(r["eventName"], r["s3"]["object"]["key"], r["s3"]["object"]["versionId"]) for r in records] == [
        ("ObjectRemoved:DeleteMarkerCreated", "gone.jpg", marker)
    ]
    assert "sequencer" in records[0]["s3"]["object"] and "size" not in records[0]["s3"]["object"]


def test_a_query_with_a_limit_under_one_is_refused_as_dynamodb_refuses_it(emulator):
    """DynamoDB answers 400 ValidationException for Limit < 1; moto answered a 500. A route that
    lets DynamoDB refuse a bad page size (examples/image-labels) depends on the 400."""
    from botocore.config import Config

    # boto3 refuses Limit=0 itself; API Gateway's integration sends it as the template renders it.
    dynamodb = emulator.client("dynamodb", config=Config(parameter_validation=False))
    name = create_table(dynamodb, f"limits-{uuid.uuid4().hex[:8]}", "pk")
    query = {"TableName": name, "KeyConditionExpression": "pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "a"}}}
    assert dynamodb.query(**query, Limit=1)["Count"] == 0
    for limit in (0, -1):
        with pytest.raises(dynamodb.exceptions.ClientError) as refused:
            dynamodb.query(**query, Limit=limit)
        assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert refused.value.response["Error"]["Code"] == "ValidationException"
        assert "Member must have value greater than or equal to 1" in refused.value.response["Error"]["Message"]


def test_revoking_a_rule_id_that_is_gone_answers_as_ec2_does(emulator):
    """EC2 answers InvalidSecurityGroupRuleId.NotFound, which the provider's delete takes as done;
    moto's InvalidPermission.NotFound failed a destroy whose revoke was retried after its answer got lost."""
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    group = ec2.create_security_group(GroupName=f"sg-{uuid.uuid4().hex[:8]}", Description="t", VpcId=vpc)["GroupId"]
    permission = {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}
    [ingress] = ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[permission])["SecurityGroupRules"]
    [egress] = ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[permission])["SecurityGroupRules"]
    for revoke, rule in ((ec2.revoke_security_group_ingress, ingress), (ec2.revoke_security_group_egress, egress)):
        assert revoke(GroupId=group, SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])["Return"]
        with pytest.raises(ec2.exceptions.ClientError) as gone:
            revoke(GroupId=group, SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])
        assert gone.value.response["Error"]["Code"] == "InvalidSecurityGroupRuleId.NotFound"
        assert rule["SecurityGroupRuleId"] in gone.value.response["Error"]["Message"]
    # A rule revoked by its properties that matches none is still InvalidPermission.NotFound, as in EC2.
    with pytest.raises(ec2.exceptions.ClientError) as unmatched:
        ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=[permission])
    assert unmatched.value.response["Error"]["Code"] == "InvalidPermission.NotFound"
    # A group that is gone is InvalidGroup.NotFound, which the provider's delete also takes as done.
    ec2.delete_security_group(GroupId=group)
    with pytest.raises(ec2.exceptions.ClientError) as no_group:
        ec2.revoke_security_group_ingress(GroupId=group, SecurityGroupRuleIds=[ingress["SecurityGroupRuleId"]])
    assert no_group.value.response["Error"]["Code"] == "InvalidGroup.NotFound"


def test_any_create_sent_again_gets_its_first_answer_and_another_create_still_conflicts(emulator):
    """The transport-level fill: a JSON-protocol, a query-protocol and a REST create, each sent
    twice as an SDK retry after a lost answer would send it, get the first answer; a create of
    the same name with another body gets AWS's error. (CreateStage's 409 and RDS's
    DBProxyAlreadyExistsFault were seen in full runs; each needed no patch of its own.)"""
    from botocore.exceptions import ClientError

    logs, iam, apigw = emulator.client("logs"), emulator.client("iam"), emulator.client("apigateway")
    group = f"/retried/{uuid.uuid4().hex[:8]}"
    logs.create_log_group(logGroupName=group)
    logs.create_log_group(logGroupName=group)  # JSON protocol (moto: ResourceAlreadyExistsException)
    with pytest.raises(ClientError, match="ResourceAlreadyExists"):
        logs.create_log_group(logGroupName=group, tags={"other": "body"})

    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    name = f"retried-{uuid.uuid4().hex[:8]}"
    first = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]
    assert iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["RoleId"] == first["RoleId"]
    with pytest.raises(ClientError, match="EntityAlreadyExists"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust, Description="another body")

    api = apigw.create_rest_api(name=name)["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = apigw.create_deployment(restApiId=api)["id"]
    stage = {"restApiId": api, "stageName": "v1", "deploymentId": deployment}
    assert apigw.create_stage(**stage)["stageName"] == apigw.create_stage(**stage)["stageName"] == "v1"
    with pytest.raises(ClientError, match="ConflictException"):
        apigw.create_stage(**stage, description="another body")


def test_a_create_after_a_delete_is_carried_out_not_answered_from_before_the_delete(emulator):
    """A create sent again after its resource was deleted is a new create, not a retry: the
    first answer would say created and leave nothing (an apply that replaces a resource under
    the same name, or a test that deletes and creates again, within CREATE_RETRY_SECONDS)."""
    logs, iam = emulator.client("logs"), emulator.client("iam")
    group = f"/recreated/{uuid.uuid4().hex[:8]}"
    logs.create_log_group(logGroupName=group)
    logs.delete_log_group(logGroupName=group)
    logs.create_log_group(logGroupName=group)
    assert [g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]] == [group]
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    name = f"recreated-{uuid.uuid4().hex[:8]}"
    first = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["RoleId"]
    iam.delete_role(RoleName=name)  # query protocol
    assert iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["RoleId"] != first
    assert iam.get_role(RoleName=name)["Role"]["RoleName"] == name


def test_a_delete_sent_twice_is_carried_out_twice_so_a_resource_that_came_back_goes(emulator):
    """Deletes are not answered from memory: a permission removed, added back (not a Create*)
    and removed again must be gone, as a destroy after a scenario that re-adds it expects."""
    lam, iam = emulator.client("lambda"), emulator.client("iam")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"Service": "lambda.amazonaws.com"}}]}  # fmt: skip
    name = f"removed-{uuid.uuid4().hex[:8]}"
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handler:
        handler.writestr("h.py", "def h(event, context):\n    return None\n")
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="h.h",
                        Code={"ZipFile": archive.getvalue()})  # fmt: skip
    grant = {
        "FunctionName": name,
        "StatementId": "S3",
        "Action": "lambda:InvokeFunction",
        "Principal": "s3.amazonaws.com",
    }
    lam.add_permission(**grant)
    lam.remove_permission(FunctionName=name, StatementId="S3")
    lam.add_permission(**grant)
    lam.remove_permission(FunctionName=name, StatementId="S3")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName=name)


def test_requests_arriving_together_are_served_without_racing_in_moto_backends():
    """moto's backends are plain dicts: a listing beside a create failed with a 500 (the SDK
    resent it; a create that failed so after storing its resource met 'already exists'). The
    harness's server serves one request at a time; the race is run in a process of its own
    (harness/emulators/race.py), with threads switched every 10 us so it shows every run."""
    ran = subprocess.run(
        [sys.executable, "-m", "harness.emulators.race", "--servers", "harness", "--json"]
        + ["--seeded", "300", "--creates", "80", "--reads", "150"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    [outcome] = [json.loads(line) for line in ran.stdout.splitlines() if line.startswith("{")]
    assert outcome["requests"] == 4 * 80 + 4 * 150  # each thread's creates and reads, seeding aside
    assert outcome["failures"] == []


def test_a_receive_waiting_for_a_message_does_not_hold_up_the_send_it_waits_for(emulator):
    """SQS ReceiveMessage may wait 20 s on its queue: it is served beside the others, or the
    send it waits for would queue behind it."""
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName=f"waiting-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    received: list = []
    waiting = threading.Thread(
        target=lambda: received.extend(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", []))
    )
    started = time.monotonic()
    waiting.start()
    time.sleep(0.5)
    sqs.send_message(QueueUrl=url, MessageBody="wanted")
    waiting.join()
    assert [m["Body"] for m in received] == ["wanted"]
    assert time.monotonic() - started < 8


def test_a_stage_logs_only_once_the_account_names_api_gateways_cloudwatch_role(emulator):
    """API Gateway refuses stage logging in an account and region without the role; moto stored it."""
    from botocore.exceptions import ClientError

    apigw = emulator.client("apigateway")
    api = apigw.create_rest_api(name=f"logging-{uuid.uuid4().hex[:8]}")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = apigw.create_deployment(restApiId=api)["id"]
    apigw.create_stage(restApiId=api, stageName="v1", deploymentId=deployment)
    access_logs = [{"op": "replace", "path": "/accessLogSettings/destinationArn", "value": "arn:aws:logs:x"}]
    error_logs = [{"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"}]
    no_logs = [{"op": "replace", "path": "/*/*/logging/loglevel", "value": "OFF"}]
    role = apigw.get_account().get("cloudwatchRoleArn")
    try:
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": ""}])
        for operations in (access_logs, error_logs):
            with pytest.raises(ClientError, match="CloudWatch Logs role ARN must be set in account settings"):
                apigw.update_stage(restApiId=api, stageName="v1", patchOperations=operations)
        apigw.update_stage(restApiId=api, stageName="v1", patchOperations=no_logs)
        apigw.update_account(
            patchOperations=[
                {"op": "replace", "path": "/cloudwatchRoleArn", "value": "arn:aws:iam::123456789012:role/x"}
            ]
        )
        for operations in (access_logs, error_logs):
            apigw.update_stage(restApiId=api, stageName="v1", patchOperations=operations)
    finally:
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": role or ""}])


def test_a_pipe_on_a_stream_made_moments_before_is_refused_as_pipes_refuses_it(emulator):
    """CreatePipe right after the stream's table: Pipes cannot read the stream yet (provider
    issue 40572); once the stream is NEW_STREAM_UNREADABLE_SECONDS old it is created."""
    from botocore.exceptions import ClientError

    from harness.emulators.moto_server import NEW_STREAM_UNREADABLE_SECONDS

    dynamodb, pipes = emulator.client("dynamodb"), emulator.client("pipes")
    table = f"pipe-source-{uuid.uuid4().hex[:8]}"
    stream = dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]["LatestStreamArn"]
    pipe = {
        "Name": table,
        "Source": stream,
        "SourceParameters": {"DynamoDBStreamParameters": {"StartingPosition": "LATEST"}},
        "Target": "arn:aws:sqs:us-east-1:123456789012:anywhere",
        "RoleArn": "arn:aws:iam::123456789012:role/pipe",
    }
    with pytest.raises(ClientError, match=f"Cannot access stream {re.escape(stream)}"):
        pipes.create_pipe(**pipe)
    time.sleep(NEW_STREAM_UNREADABLE_SECONDS)
    assert pipes.create_pipe(**pipe)["Name"] == table
    pipes.delete_pipe(Name=table)
    dynamodb.delete_table(TableName=table)


def test_a_request_that_holds_the_others_is_named_in_the_log_by_itself_and_by_the_one_it_held(monkeypatch, capsys):
    """A flake's cause is a request that held the others: the log names it, with its time."""
    from harness.emulators import moto_server

    monkeypatch.setattr(moto_server, "SLOW_SECONDS", 0.2)
    monkeypatch.setattr(moto_server, "SERIAL_WAIT_SECONDS", 0.3)
    monkeypatch.setattr(moto_server, "_serving", threading.Lock())

    def serve(_self, environ, start_response):
        time.sleep(float(environ["QUERY_STRING"]))
        return [b"ok"]

    served = moto_server.one_at_a_time(serve)

    def request(target: str, seconds: float) -> dict:
        return {"REQUEST_METHOD": "POST", "HTTP_HOST": "moto", "PATH_INFO": "/", "HTTP_X_AMZ_TARGET": target,
                "QUERY_STRING": str(seconds)}  # fmt: skip

    holding = threading.Thread(target=served, args=(None, request("States.StartSyncExecution", 1.0), None))
    holding.start()
    time.sleep(0.1)
    assert served(None, request("Logs.DescribeLogGroups", 0.0), None) == [b"ok"]
    holding.join()
    log = capsys.readouterr().err
    assert (
        "harness: served beside a request still running after 0.3s: POST moto/ Logs.DescribeLogGroups"
        " waited on POST moto/ States.StartSyncExecution" in log
    )
    assert "harness: slow request, 1.0s: POST moto/ States.StartSyncExecution" in log
    assert "Logs.DescribeLogGroups" not in log.split("waited on")[1]


def test_a_request_without_a_body_is_answered_on_a_kept_alive_connection(emulator):
    """The Go SDK sends a REST DELETE with neither Content-Length nor chunked encoding on a
    kept-alive connection. Reading its body waited for the client's next request and held every
    other request behind it (a destroy hung: RemovePermission, 2026-12-07)."""
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(emulator.endpoint)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            b"DELETE /2015-03-31/functions/absent/policy/Nightly HTTP/1.1\r\n"
            + f"Host: {address.netloc}\r\n".encode()
            + b"Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/lambda/aws4_request, "
            + b"SignedHeaders=host, Signature=0\r\nConnection: keep-alive\r\n\r\n"
        )
        answer = connection.recv(4096)  # socket.timeout here: the server is still reading a body
    assert answer.startswith(b"HTTP/1.1 404"), answer[:200]


def test_every_create_and_delete_is_logged_with_its_answer(monkeypatch, capsys):
    """A failed apply or destroy is read against which creates and deletes were sent and how
    each was answered (the access log names no JSON operation)."""
    from harness.emulators import moto_server, resent_creates

    def moto(_self, environ, start_response):
        start_response("404 Not Found" if environ["REQUEST_METHOD"] == "DELETE" else "200 OK", [])
        return [b"{}"]

    monkeypatch.setattr(moto_server, "_dispatch", moto)
    monkeypatch.setattr(moto_server, "_resends", resent_creates.Resends())
    serve = moto_server._dispatch_answering_resent
    json_request = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "HTTP_X_AMZ_TARGET": "DynamoDB_20120810.DeleteTable",
                    "CONTENT_LENGTH": "2", "wsgi.input": io.BytesIO(b"{}")}  # fmt: skip
    serve(None, json_request, lambda status, headers: None)
    serve(None, {"REQUEST_METHOD": "DELETE", "PATH_INFO": "/2015-03-31/functions/f"}, lambda s, h: None)
    created = {**json_request, "HTTP_X_AMZ_TARGET": "Logs_20140328.CreateLogGroup", "wsgi.input": io.BytesIO(b"{}")}
    serve(None, created, lambda status, headers: None)
    serve(None, {"REQUEST_METHOD": "GET", "PATH_INFO": "/2015-03-31/functions/f"}, lambda s, h: None)
    assert capsys.readouterr().err.splitlines() == [
        "harness: answered DeleteTable 200",
        "harness: answered DELETE /2015-03-31/functions/f 404",
        "harness: answered CreateLogGroup 200",
    ]


def test_a_proxy_target_registered_again_is_one_target(emulator):
    """RegisterDBProxyTargets sent again after a lost answer: moto registered the instance twice
    (RDS refuses it as DBProxyTargetAlreadyRegisteredFault), and the provider's read of the one
    target failed ("too many results: wanted 1, got 2", a full run at f4680b4)."""
    rds, ec2 = emulator.client("rds"), emulator.client("ec2")
    name = f"resent-{uuid.uuid4().hex[:8]}"
    vpc = ec2.create_vpc(CidrBlock="10.77.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.77.{i}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    rds.create_db_instance(
        DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t4g.micro", MasterUsername="u",
        MasterUserPassword="password-1234", AllocatedStorage=20,
    )  # fmt: skip
    rds.create_db_proxy(
        DBProxyName=name, EngineFamily="POSTGRESQL", RoleArn="arn:aws:iam::123456789012:role/proxy",
        Auth=[{"AuthScheme": "SECRETS", "SecretArn": f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}"}],
        VpcSubnetIds=subnets,
    )  # fmt: skip
    for _ in range(2):
        rds.register_db_proxy_targets(DBProxyName=name, DBInstanceIdentifiers=[name])
    targets = rds.describe_db_proxy_targets(DBProxyName=name)["Targets"]
    assert [t.get("RdsResourceId") for t in targets] == [name]
    rds.delete_db_proxy(DBProxyName=name)
    rds.delete_db_instance(DBInstanceIdentifier=name, SkipFinalSnapshot=True)
    for subnet in subnets:
        ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_vpc(VpcId=vpc)


def test_a_target_group_deleted_again_is_answered_as_the_first_delete(emulator):
    """DeleteTargetGroup sent again after a lost answer: moto answered TargetGroupNotFound, and
    web-service's destroy failed (a fresh-clone run at 579be4e). A delete after the group was
    created again is new work, carried out."""
    elbv2, ec2 = emulator.client("elbv2"), emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.78.0.0/16")["Vpc"]["VpcId"]
    name = f"resent-{uuid.uuid4().hex[:8]}"

    def create() -> str:
        group = elbv2.create_target_group(Name=name, Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")
        return group["TargetGroups"][0]["TargetGroupArn"]

    arn = create()
    for _ in range(2):  # the SDK's resend is the same request: the same answer
        elbv2.delete_target_group(TargetGroupArn=arn)
    assert [
        g["TargetGroupArn"] for g in elbv2.describe_target_groups()["TargetGroups"] if g["TargetGroupName"] == name
    ] == []
    again = create()
    elbv2.delete_target_group(TargetGroupArn=again)  # after a create: carried out, not answered from before
    assert [g for g in elbv2.describe_target_groups()["TargetGroups"] if g["TargetGroupName"] == name] == []
