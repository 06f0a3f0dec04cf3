"""The policies AWS would evaluate, read back from the emulator after apply (never from the plan).

A principal is a role with its inline and attached policies, or a service principal with
the context AWS sets when that service acts for a resource (aws:SourceArn,
aws:SourceAccount). A resource's policy is its queue, topic, bucket, function, key or
secret policy. The emulator's own admin credentials read them: these calls are not the
scenario's and are never judged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

from harness.authorization.simulator import ACCOUNT, account_of
from harness.emulators import gaps
from harness.emulators.servers import REGION


@dataclass(frozen=True)
class Principal:
    """Who makes a request: `arn` is a role ARN or a service principal such as sns.amazonaws.com."""

    arn: str
    identity_policies: tuple[dict[str, Any], ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.arn


def _document(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else value


def role_policies(role_name: str) -> tuple[dict[str, Any], ...]:
    """The role's inline and attached policies, as the emulator holds them."""
    iam = boto3.client("iam")
    policies = []
    for name in iam.list_role_policies(RoleName=role_name)["PolicyNames"]:
        document = iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
        policies.append({"name": f"{role_name}/{name}", "policy": _document(document)})
    for attached in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]:
        policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        version = iam.get_policy_version(PolicyArn=attached["PolicyArn"], VersionId=policy["DefaultVersionId"])
        policies.append({"name": attached["PolicyArn"], "policy": _document(version["PolicyVersion"]["Document"])})
    return tuple(policies)


def role(role_arn: str, label: str = "") -> Principal:
    """A role as the emulator holds it."""
    name = role_arn.rsplit("/", 1)[-1]
    return Principal(arn=role_arn, identity_policies=role_policies(name), label=label or f"role {name}")


def service(name: str, source_arn: str | None = None, source_account: str | None = None) -> Principal:
    """A service principal acting for `source_arn` (the context AWS sets on its requests)."""
    source_account = source_account or account_of(source_arn or "")
    # aws:SourceOwner is the older key SNS's default topic policy tests; services set both.
    context = {"aws:SourceAccount": source_account, "aws:SourceOwner": source_account}
    if source_arn:
        context["aws:SourceArn"] = source_arn
    return Principal(arn=name, context=context, label=f"{name} for {source_arn or source_account}")


def _queue_url(arn: str) -> str:
    *_, account, name = arn.split(":")
    return boto3.client("sqs").get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)["QueueUrl"]


def resource_policy(arn: str) -> dict[str, Any] | None:
    """The resource-based policy AWS evaluates beside the caller's, or None where it has none."""
    try:
        if arn.startswith("arn:aws:sqs:"):
            attributes = boto3.client("sqs").get_queue_attributes(QueueUrl=_queue_url(arn), AttributeNames=["Policy"])
            policy = attributes.get("Attributes", {}).get("Policy")
        elif arn.startswith("arn:aws:sns:"):
            policy = boto3.client("sns").get_topic_attributes(TopicArn=arn)["Attributes"].get("Policy")
        elif arn.startswith("arn:aws:s3:::"):
            bucket = arn.removeprefix("arn:aws:s3:::").split("/", 1)[0]
            policy = gaps.bucket_policy_as_applied(bucket)
        elif arn.startswith("arn:aws:lambda:"):
            policy = boto3.client("lambda").get_policy(FunctionName=arn)["Policy"]
        elif arn.startswith("arn:aws:kms:"):
            policy = boto3.client("kms").get_key_policy(KeyId=arn, PolicyName="default")["Policy"]
        elif arn.startswith("arn:aws:secretsmanager:"):
            policy = boto3.client("secretsmanager").get_resource_policy(SecretId=arn).get("ResourcePolicy")
        else:
            return None
    except ClientError:
        return None  # no such resource, or no policy on it
    return _document(policy) if policy else None


@dataclass(frozen=True)
class Key:
    """The KMS key behind a resource, with the key policy to judge it by (None: read it)."""

    arn: str
    policy: dict[str, Any] | None = None


def aws_managed_key_policy(service_prefix: str, account: str = ACCOUNT) -> dict[str, Any]:
    """The policy of an AWS managed key (alias/aws/<service>), as AWS writes it and nobody can
    change: the account's own principals, through that service only. A service principal
    (cloudwatch.amazonaws.com, events.amazonaws.com, s3.amazonaws.com) is never admitted
    (KMS Developer Guide, "AWS managed keys"; SNS Developer Guide, "Key management")."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowThroughTheServiceForThisAccount",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:CreateGrant",
                    "kms:DescribeKey",
                ],
                "Resource": "*",
                "Condition": {
                    "StringEquals": {
                        "kms:CallerAccount": account,
                        "kms:ViaService": f"{service_prefix}.{REGION}.amazonaws.com",
                    }
                },
            }
        ],
    }


def _key(key_id: str | None, service_prefix: str, account: str = ACCOUNT) -> Key | None:
    if not key_id:
        return None
    if key_id.startswith("alias/aws/"):
        return Key(
            f"arn:aws:kms:{REGION}:{account}:key/aws-managed-{key_id.rsplit('/', 1)[-1]}",
            aws_managed_key_policy(service_prefix, account),
        )
    kms = boto3.client("kms")
    metadata = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    # moto makes a service's default key (a table's, with SSE on and no key named) a customer
    # key aliased alias/aws/<service>; AWS makes it an AWS managed key.
    aliases = [a["AliasName"] for a in kms.list_aliases(KeyId=metadata["KeyId"]).get("Aliases", [])]
    if metadata.get("KeyManager") == "AWS" or any(a.startswith("alias/aws/") for a in aliases):
        return Key(metadata["Arn"], aws_managed_key_policy(service_prefix, metadata["AWSAccountId"]))
    return Key(metadata["Arn"])


def encryption_key(arn: str) -> Key | None:
    """The KMS key a queue, topic, secret, table or bucket encrypts with, if any (SSE-SQS, SSE-S3
    and DynamoDB's AWS owned key use none an account's policy decides)."""
    try:
        if arn.startswith("arn:aws:sqs:"):
            attributes = boto3.client("sqs").get_queue_attributes(
                QueueUrl=_queue_url(arn), AttributeNames=["KmsMasterKeyId"]
            )
            return _key(attributes.get("Attributes", {}).get("KmsMasterKeyId"), "sqs", account_of(arn))
        if arn.startswith("arn:aws:sns:"):
            attributes = boto3.client("sns").get_topic_attributes(TopicArn=arn)["Attributes"]
            return _key(attributes.get("KmsMasterKeyId"), "sns", account_of(arn))
        if arn.startswith("arn:aws:secretsmanager:"):
            return _key(
                boto3.client("secretsmanager").describe_secret(SecretId=arn).get("KmsKeyId")
                or "alias/aws/secretsmanager",
                "secretsmanager",
                account_of(arn),
            )
        if arn.startswith("arn:aws:dynamodb:"):
            table = arn.split(":table/", 1)[1].split("/", 1)[0]
            described = boto3.client("dynamodb").describe_table(TableName=table)["Table"].get("SSEDescription") or {}
            # No SSEDescription: an AWS owned key, outside any account's policies.
            return _key(described.get("KMSMasterKeyArn"), "dynamodb", account_of(arn)) if described else None
        if arn.startswith("arn:aws:s3:::"):
            bucket = arn.removeprefix("arn:aws:s3:::").split("/", 1)[0]
            rules = boto3.client("s3").get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"][
                "Rules"
            ]
            default = rules[0]["ApplyServerSideEncryptionByDefault"]
            if not default["SSEAlgorithm"].startswith("aws:kms"):
                return None
            return _key(default.get("KMSMasterKeyID") or "alias/aws/s3", "s3")
    except ClientError:
        return None
    return None


# What a request on an encrypted resource asks of its key, and through which service.
_DYNAMODB_READS = ("GetItem", "BatchGetItem", "Query", "Scan", "ConditionCheckItem")
_DYNAMODB_WRITES = ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")
KEY_USE = {
    "sqs:SendMessage": ("sqs", ["kms:GenerateDataKey", "kms:Decrypt"]),
    "sqs:ReceiveMessage": ("sqs", ["kms:Decrypt"]),
    "sns:Publish": ("sns", ["kms:GenerateDataKey", "kms:Decrypt"]),
    "s3:GetObject": ("s3", ["kms:Decrypt"]),
    "s3:GetObjectVersion": ("s3", ["kms:Decrypt"]),
    "s3:PutObject": ("s3", ["kms:GenerateDataKey"]),
    "secretsmanager:GetSecretValue": ("secretsmanager", ["kms:Decrypt"]),
    **{f"dynamodb:{action}": ("dynamodb", ["kms:Decrypt"]) for action in _DYNAMODB_READS},
    **{f"dynamodb:{action}": ("dynamodb", ["kms:Decrypt", "kms:GenerateDataKey"]) for action in _DYNAMODB_WRITES},
}


def encryption_context(service_prefix: str, resource: str) -> dict[str, str]:
    """The encryption context each service sends KMS with a key use (its developer guide's
    "encryption context" section), as kms:EncryptionContext:<key> condition keys (simulate.cjs
    admits them, which iam-simulate 0.1.173 alone does not)."""
    if service_prefix == "s3":  # the object, or the bucket with an S3 Bucket Key
        return {"kms:EncryptionContext:aws:s3:arn": resource}
    if service_prefix == "dynamodb":
        return {"kms:EncryptionContext:aws:dynamodb:tableName": resource.split(":table/", 1)[1].split("/", 1)[0]}
    key = {"sqs": "aws:sqs:arn", "sns": "aws:sns:topicArn", "secretsmanager": "SecretARN"}.get(service_prefix)
    return {f"kms:EncryptionContext:{key}": resource} if key else {}


def via_service(service_prefix: str, caller: str = "") -> dict[str, str]:
    """The context KMS sees when a service uses a key for the caller (a role ARN; a service
    principal belongs to no account: no kms:CallerAccount)."""
    context = {"kms:ViaService": f"{service_prefix}.{REGION}.amazonaws.com"}
    return {**context, "kms:CallerAccount": account_of(caller)} if caller.startswith("arn:") or not caller else context
