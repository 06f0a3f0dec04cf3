"""What AWS does with a deployed account's wiring, judged as IAM would judge it.

The emulators deliver whatever is wired, or nothing; AWS acts only as far as the policies
admit. Read back from the emulator after apply, each is judged for the principal AWS uses:
- service principals, against the target's resource policy and, for an encrypted target,
  its key policy, with the context the service sets (aws:SourceArn, aws:SourceAccount):
  S3 notifications to queues, topics and functions (s3); SNS subscriptions of queues and
  functions (sns); CloudWatch alarm and OK actions (cloudwatch); EventBridge rule targets
  without a role (events); API Gateway's Lambda integrations (apigateway); CloudFront
  origins with origin access control reading their bucket (cloudfront);
- roles, against their own policies and the target's: a function's role for its
  dead-letter target, its async destinations, and each event source mapping's reads and
  failure destination (Lambda uses that role, and checks the reads when the mapping is
  created); an EventBridge target's or a schedule's role for the call it makes; a state
  machine's role for every Task state of its definition as deployed (optimized and
  `aws-sdk:*` integrations alike, mapped as an SDK call of the same parameters is); an RDS
  proxy's role for each secret it logs in with; a state machine's role for its own key, with
  the machine's ARN as encryption context; a task definition's execution role for its
  image, log stream and secrets.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import botocore.session
from botocore.exceptions import ClientError, UnknownServiceError
from botocore.model import OperationNotFoundError

from harness.authorization import policies
from harness.authorization.enforcement import Judged, authorize
from harness.authorization.requests import Unmapped, authorizations
from harness.authorization.simulator import account_of
from harness.emulators.servers import REGION

# What a sender needs on a target, by the target's service.
_SEND = {
    "sqs": ["sqs:SendMessage"],
    "sns": ["sns:Publish"],
    "lambda": ["lambda:InvokeFunction"],
    "events": ["events:PutEvents"],
    "states": ["states:StartExecution"],
}
# What Lambda's event source mapping reads with the function's role, by the source's service.
_SOURCE_READS = {
    "sqs": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
    "dynamodb": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
    "kinesis": [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
    ],
}


@dataclass(frozen=True)
class Delivery:
    """`by` (a service principal or a role ARN), acting for `source_arn`, does `action` on `target_arn`."""

    by: str
    source_arn: str
    action: str
    target_arn: str
    context: tuple[tuple[str, str], ...] = ()  # what the service sets beyond the defaults

    def __str__(self) -> str:
        return f"{self.by} for {self.source_arn} -> {self.action} on {self.target_arn}"


def _service(arn: str) -> str:
    return arn.split(":")[2]


def _sends(by: str, source: str, target: str) -> Iterator[Delivery]:
    """A send to a target, as AWS authorizes it (an S3 destination: PutObject and ListBucket)."""
    if _service(target) == "s3":
        yield Delivery(by, source, "s3:PutObject", f"{target}/failure-record.json")
        yield Delivery(by, source, "s3:ListBucket", target)
        return
    for action in _SEND.get(_service(target), []):
        yield Delivery(by, source, action, target)


def _bucket_deliveries() -> Iterator[Delivery]:
    s3 = boto3.client("s3")
    for bucket in s3.list_buckets().get("Buckets", []):
        config = s3.get_bucket_notification_configuration(Bucket=bucket["Name"])
        for kind, arn_key in (
            ("QueueConfigurations", "QueueArn"),
            ("TopicConfigurations", "TopicArn"),
            ("LambdaFunctionConfigurations", "LambdaFunctionArn"),
        ):
            for route in config.get(kind, []):
                yield from _sends("s3.amazonaws.com", f"arn:aws:s3:::{bucket['Name']}", route[arn_key])


def _subscription_deliveries() -> Iterator[Delivery]:
    for page in boto3.client("sns").get_paginator("list_subscriptions").paginate():
        for subscription in page["Subscriptions"]:
            if subscription["Protocol"] in ("sqs", "lambda"):
                yield from _sends("sns.amazonaws.com", subscription["TopicArn"], subscription["Endpoint"])


def _alarm_deliveries() -> Iterator[Delivery]:
    for page in boto3.client("cloudwatch").get_paginator("describe_alarms").paginate():
        for alarm in page["MetricAlarms"]:
            for target in sorted(set(alarm.get("AlarmActions", []) + alarm.get("OKActions", []))):
                if target.startswith("arn:aws:sns:"):
                    yield from _sends("cloudwatch.amazonaws.com", alarm["AlarmArn"], target)


def _function_accesses() -> Iterator[Delivery]:
    lam = boto3.client("lambda")
    for page in lam.get_paginator("list_functions").paginate():
        for function in page["Functions"]:
            arn, role = function["FunctionArn"], function["Role"]
            dead_letter = function.get("DeadLetterConfig", {}).get("TargetArn")
            if dead_letter:
                yield from _sends(role, arn, dead_letter)
            try:
                invoke_config = lam.get_function_event_invoke_config(FunctionName=arn)
            except ClientError:
                invoke_config = {}
            for outcome in ("OnSuccess", "OnFailure"):
                destination = invoke_config.get("DestinationConfig", {}).get(outcome, {}).get("Destination")
                if destination:
                    yield from _sends(role, arn, destination)
    for mapping in lam.list_event_source_mappings().get("EventSourceMappings", []):
        role = lam.get_function_configuration(FunctionName=mapping["FunctionArn"])["Role"]
        source = mapping["EventSourceArn"]
        stream = source.split("/consumer/")[0]
        for action in _SOURCE_READS.get(_service(source), []):
            yield Delivery(role, mapping["FunctionArn"], action, stream)
        if _service(source) == "dynamodb":
            yield Delivery(role, mapping["FunctionArn"], "dynamodb:ListStreams", "*")
        if "/consumer/" in source:
            yield Delivery(role, mapping["FunctionArn"], "kinesis:SubscribeToShard", source)
        failure = mapping.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        if failure:
            yield from _sends(role, mapping["FunctionArn"], failure)


def _rule_deliveries() -> Iterator[Delivery]:
    events = boto3.client("events")
    for bus in events.list_event_buses().get("EventBuses", []):
        for rule in events.list_rules(EventBusName=bus["Name"]).get("Rules", []):
            targets = events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus["Name"]).get("Targets", [])
            for target in targets:
                by = target.get("RoleArn") or "events.amazonaws.com"
                yield from _sends(by, rule["Arn"], target["Arn"])
                dead_letter = target.get("DeadLetterConfig", {}).get("Arn")
                if dead_letter:
                    yield from _sends("events.amazonaws.com", rule["Arn"], dead_letter)


def _schedule_deliveries() -> Iterator[Delivery]:
    scheduler = boto3.client("scheduler")
    for summary in scheduler.list_schedules().get("Schedules", []):
        schedule = scheduler.get_schedule(Name=summary["Name"], GroupName=summary.get("GroupName", "default"))
        target = schedule["Target"]
        yield from _sends(target["RoleArn"], schedule["Arn"], target["Arn"])
        dead_letter = target.get("DeadLetterConfig", {}).get("Arn")
        if dead_letter:
            yield from _sends(target["RoleArn"], schedule["Arn"], dead_letter)


_LAMBDA_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/[^/]+/functions/(arn:[^/]+)/invocations")


def _api_deliveries() -> Iterator[Delivery]:
    apigw = boto3.client("apigateway")
    for api in apigw.get_rest_apis(limit=500).get("items", []):
        stages = [s["stageName"] for s in apigw.get_stages(restApiId=api["id"]).get("item", [])] or ["test-invoke"]
        for resource in apigw.get_resources(restApiId=api["id"], limit=500).get("items", []):
            for method in resource.get("resourceMethods", {}):
                try:
                    integration = apigw.get_integration(
                        restApiId=api["id"], resourceId=resource["id"], httpMethod=method
                    )
                except ClientError:
                    continue
                path = re.sub(r"\{[^}]+\}", "value", resource["path"])
                account = account_of(
                    integration.get("credentials") or integration.get("uri", "").split("/functions/")[-1]
                )
                source = f"arn:aws:execute-api:{REGION}:{account}:{api['id']}/{stages[0]}/{method}{path}"
                yield from integration_calls(integration, source)


_SERVICE_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:([a-z0-9-]+):(path|action)/(.+)")
_TABLE_NAME = re.compile(r'"TableName"\s*:\s*"([^"$]+)"')


def integration_calls(integration: dict, source: str) -> Iterator[Delivery]:
    """A route's call: to a function (as API Gateway, or as the credentials role when one is set),
    or to a service as the credentials role (an SQS queue by path, a DynamoDB action on the
    table its request template names)."""
    uri, credentials = integration.get("uri", ""), integration.get("credentials")
    function = _LAMBDA_URI.fullmatch(uri)
    if function:
        yield Delivery(credentials or "apigateway.amazonaws.com", source, "lambda:InvokeFunction", function.group(1))
        return
    service = _SERVICE_URI.fullmatch(uri)
    if not service or integration.get("type") != "AWS":
        return
    name, kind, rest = service.groups()
    by = credentials or "(no credentials role)"
    if name == "sqs" and kind == "path":
        account, queue = rest.split("/")[:2]
        yield Delivery(by, source, "sqs:SendMessage", f"arn:aws:sqs:{REGION}:{account}:{queue}")
    elif name == "dynamodb" and kind == "action":
        templates = " ".join((integration.get("requestTemplates") or {}).values())
        for table in sorted(set(_TABLE_NAME.findall(templates))):
            table_arn = f"arn:aws:dynamodb:{REGION}:{account_of(source)}:table/{table}"
            yield Delivery(by, source, f"dynamodb:{rest}", table_arn)


def _origin_deliveries() -> Iterator[Delivery]:
    """An object under each path pattern a behavior sends to an S3 origin with origin access control,
    and the default root object for the default behavior (other paths there are the bucket's
    business: a policy admitting a prefix only refuses the rest on purpose)."""
    cloudfront = boto3.client("cloudfront")
    for summary in cloudfront.list_distributions().get("DistributionList", {}).get("Items", []) or []:
        config = cloudfront.get_distribution_config(Id=summary["Id"])["DistributionConfig"]
        buckets = {
            origin["Id"]: origin["DomainName"].split(".s3.")[0]
            for origin in config["Origins"]["Items"]
            if origin.get("OriginAccessControlId") and ".s3." in origin["DomainName"]
        }
        reads = [
            (behavior["TargetOriginId"], behavior["PathPattern"].lstrip("/").replace("*", "sample.jpg"))
            for behavior in config.get("CacheBehaviors", {}).get("Items") or []
        ]
        if config.get("DefaultRootObject"):
            reads.append((config["DefaultCacheBehavior"]["TargetOriginId"], config["DefaultRootObject"]))
        for origin, key in reads:
            if origin in buckets:
                target = f"arn:aws:s3:::{buckets[origin]}/{key}"
                yield Delivery("cloudfront.amazonaws.com", summary["ARN"], "s3:GetObject", target)


# Optimized integrations: (service, API operation) the task calls, by the resource's name.
_OPTIMIZED = {
    "lambda:invoke": ("lambda", "Invoke"),
    "dynamodb:putItem": ("dynamodb", "PutItem"),
    "dynamodb:getItem": ("dynamodb", "GetItem"),
    "dynamodb:updateItem": ("dynamodb", "UpdateItem"),
    "dynamodb:deleteItem": ("dynamodb", "DeleteItem"),
    "sns:publish": ("sns", "Publish"),
    "sqs:sendMessage": ("sqs", "SendMessage"),
    "states:startExecution": ("stepfunctions", "StartExecution"),
    "events:putEvents": ("events", "PutEvents"),
    "bedrock:invokeModel": ("bedrock-runtime", "InvokeModel"),
}
# aws-sdk:<service>:<action> names the service as the SDK's lowercase id.
_SDK_SERVICES = {"bedrockruntime": "bedrock-runtime", "sfn": "stepfunctions"}


def _static(parameters: dict) -> dict:
    """A task's parameters known before it runs (values chosen at run time left out)."""
    return {k: v for k, v in parameters.items() if not k.endswith(".$")}


@functools.cache
def _members(service: str, operation: str) -> dict[str, str]:
    """The operation's input members by their lowercase names (botocore's service model)."""
    shape = botocore.session.get_session().get_service_model(service).operation_model(operation).input_shape
    return {name.lower(): name for name in (shape.members if shape else {})}


def _sdk_spelling(service: str, operation: str, parameters: dict) -> dict:
    """Parameters as the SDK spells them: Step Functions wants PascalCase (ModelId,
    StateMachineArn) where an API's own members may be camelCase (modelId)."""
    try:
        members = _members(service, operation)
    except (UnknownServiceError, OperationNotFoundError):  # authorizations() names it
        return parameters
    return {members.get(k.lower(), k): v for k, v in parameters.items()}


def task_call(resource: str, parameters: dict) -> tuple[str, str, dict]:
    """(service, operation, parameters) of the SDK call a Task's resource makes with these parameters."""
    if resource.startswith("arn:aws:lambda:"):
        return "lambda", "Invoke", {"FunctionName": resource}
    if resource.startswith("arn:aws:states:::aws-sdk:"):
        service, action = resource.removeprefix("arn:aws:states:::aws-sdk:").split(".")[0].split(":")
        service, operation = _SDK_SERVICES.get(service, service), action[0].upper() + action[1:]
    else:
        integration = resource.removeprefix("arn:aws:states:::").split(".")[0]
        service, operation = _OPTIMIZED.get(integration, (integration, ""))
    return service, operation, _sdk_spelling(service, operation, parameters)


def task_calls(definition: dict) -> Iterator[tuple[str, str, str, dict]]:
    """(state, service, operation, parameters) for every Task state, Map and Parallel included."""
    for name, state in definition.get("States", {}).items():
        if state.get("Type") == "Task":
            yield name, *task_call(state["Resource"], _static(state.get("Parameters") or {}))
        for branch in state.get("Branches", []):
            yield from task_calls(branch)
        for key in ("Iterator", "ItemProcessor"):
            if key in state:
                yield from task_calls(state[key])


def _state_machine_tasks() -> Iterator[Delivery]:
    sfn = boto3.client("stepfunctions")
    for machine in sfn.list_state_machines().get("stateMachines", []):
        described = sfn.describe_state_machine(stateMachineArn=machine["stateMachineArn"])
        for state, service, operation, parameters in task_calls(json.loads(described["definition"])):
            try:
                needs = authorizations(service, operation, parameters)
            except Unmapped as unknown:
                raise Unmapped(f"{machine['name']} state {state!r}: {unknown}") from None
            for need in needs:
                yield Delivery(described["roleArn"], machine["stateMachineArn"], need.action, need.resource)
        yield from _state_machine_key_use(described)


def _state_machine_key_use(machine: dict) -> Iterator[Delivery]:
    """Under a customer key, Step Functions encrypts the definition and each execution's data with
    the machine's role, binding the machine's ARN as encryption context (Step Functions developer
    guide, "Data at rest encryption")."""
    encryption = machine.get("encryptionConfiguration") or {}
    if encryption.get("type") != "CUSTOMER_MANAGED_KMS_KEY":
        return
    context = (
        ("kms:EncryptionContext:aws:states:stateMachineArn", machine["stateMachineArn"]),
        *policies.via_service("states", machine["roleArn"]).items(),
    )
    key = boto3.client("kms").describe_key(KeyId=encryption["kmsKeyId"])["KeyMetadata"]["Arn"]
    for action in ("kms:GenerateDataKey", "kms:Decrypt"):
        yield Delivery(machine["roleArn"], machine["stateMachineArn"], action, key, context)


def _task_definition_accesses() -> Iterator[Delivery]:
    """ECS starts a task with its execution role: the image (ECR), the awslogs stream, the secrets."""
    ecs = boto3.client("ecs")
    for arn in ecs.list_task_definitions(status="ACTIVE").get("taskDefinitionArns", []):
        task = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
        role = task.get("executionRoleArn")
        if not role:
            continue
        for container in task["containerDefinitions"]:
            image = container["image"]
            if ".dkr.ecr." in image:
                repository = image.split("/", 1)[1].split(":")[0].split("@")[0]
                yield Delivery(role, arn, "ecr:GetAuthorizationToken", "*")
                for action in ("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"):
                    yield Delivery(role, arn, action, f"arn:aws:ecr:{REGION}:{account_of(arn)}:repository/{repository}")
            logs = container.get("logConfiguration") or {}
            if logs.get("logDriver") == "awslogs":
                options = logs["options"]
                stream = f"{options.get('awslogs-stream-prefix', 'ecs')}/{container['name']}/0"
                group = f"arn:aws:logs:{REGION}:{account_of(arn)}:log-group:{options['awslogs-group']}"
                target = f"{group}:log-stream:{stream}"
                for action in ("logs:CreateLogStream", "logs:PutLogEvents"):
                    yield Delivery(role, arn, action, target)
            for secret in container.get("secrets", []):
                source = secret["valueFrom"]
                if ":secretsmanager:" in source:
                    secret_arn = ":".join(source.split(":")[:7])
                    yield Delivery(role, arn, "secretsmanager:GetSecretValue", secret_arn)
                else:
                    yield Delivery(role, arn, "ssm:GetParameters", source)


def _proxy_accesses() -> Iterator[Delivery]:
    """An RDS proxy reads each registered secret with its role to log in for a client."""
    for proxy in boto3.client("rds").describe_db_proxies().get("DBProxies", []):
        for auth in proxy.get("Auth", []):
            if auth.get("SecretArn"):
                yield Delivery(
                    proxy["RoleArn"], proxy["DBProxyArn"], "secretsmanager:GetSecretValue", auth["SecretArn"]
                )


_ENUMERATORS = (
    _bucket_deliveries,
    _subscription_deliveries,
    _alarm_deliveries,
    _function_accesses,
    _rule_deliveries,
    _schedule_deliveries,
    _api_deliveries,
    _origin_deliveries,
    _state_machine_tasks,
    _proxy_accesses,
    _task_definition_accesses,
)


def _not_served(error: ClientError) -> bool:
    """The emulator does not serve that service at all (LocalStack community: RDS, ECS,
    CloudFront, ...): then the account holds none of its resources."""
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return status == 501 or error.response.get("Error", {}).get("Code") in ("InternalFailure", "NotImplemented")


def deliveries() -> list[Delivery]:
    """Everything the account's resources are wired to have AWS do, in a stable order."""
    found: set[Delivery] = set()
    for enumerate_kind in _ENUMERATORS:
        try:
            found.update(enumerate_kind())
        except ClientError as error:
            if not _not_served(error):
                raise
    return sorted(found, key=str)


def judge(delivery: Delivery) -> Judged:
    """The delivery judged for its principal (and the target's key), recorded in the ledger."""
    if delivery.by.startswith("arn:aws:iam::"):
        principal = policies.role(delivery.by)
    else:
        principal = policies.service(delivery.by, delivery.source_arn)
    return authorize(principal, delivery.action, delivery.target_arn, what=str(delivery), **dict(delivery.context))
