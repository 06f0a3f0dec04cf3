"""What each emulator lacks, in one place: the override files staged into roots applied
on it, the attributes it does not store (allowed drift in a second plan), and the
data-path workarounds the apply tests call after apply.

Gaps a consumer's own root would hit too are filled in the emulator instead
(harness/emulators/moto_server.py), so that modules apply there unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from harness.paths import REPO

# Override files the harness writes into staged copies for emulator runs, kept as .tf
# files (formatted and checked like all Terraform) in harness/emulators/overrides/:
#   provider.tf                        every root applied on an emulator
#   <emulator>/modules/<module>.tf     that module, on that emulator only
#   <emulator>/examples/<example>.tf   that example root, on that emulator only
OVERRIDES = REPO / "harness" / "emulators" / "overrides"
OVERRIDE_FILE = "zz_emulator_override.tf"
PROVIDER_OVERRIDE = (OVERRIDES / "provider.tf").read_text()


def _overrides(kind_dir: Path, sub: str, key_prefix: str = "") -> dict[str, str]:
    return {f"{key_prefix}{tf.stem}": tf.read_text() for tf in sorted((kind_dir / sub).glob("*.tf"))}


EMULATOR_MODULE_OVERRIDES: dict[str, dict[str, str]] = {
    kind.name: _overrides(kind, "modules") for kind in sorted(OVERRIDES.iterdir()) if kind.is_dir()
}
EMULATOR_ROOT_OVERRIDES: dict[str, dict[str, str]] = {
    kind.name: _overrides(kind, "examples", "examples/") for kind in sorted(OVERRIDES.iterdir()) if kind.is_dir()
}


# Attributes an emulator does not store: the provider sends them, the emulator
# drops them, and the next plan shows them as changes. Only these may differ in a
# second plan, only on that emulator; any other change fails the apply tests.
EMULATOR_DRIFT: dict[str, dict[str, set[str]]] = {
    "moto": {
        # moto 5.2.5 implements neither DeadLetterConfig nor LoggingConfig for functions.
        "aws_lambda_function": {"dead_letter_config", "logging_config"},
        # ...nor an integration's connectionId (VPC link): it reads back empty.
        "aws_api_gateway_integration": {"connection_id"},
        # ...nor an instance's Performance Insights setting,
        "aws_db_instance": {"performance_insights_enabled"},
        # ...nor the description of a security group rule that references another group.
        "aws_vpc_security_group_ingress_rule": {"description"},
        "aws_vpc_security_group_egress_rule": {"description"},
    },
}


def pause_event_source_mappings(emulator_kind: str, function_names: list[str]) -> int:
    """Stop moto from running SQS event source mappings itself; returns how many.

    moto polls a mapped queue on every send and "invokes" the function without
    running its code, deleting the messages. Where the tests drive the handler
    in-process (harness/runtime/poller.py does the mapping's job), moto's must be paused
    first, or the messages vanish unprocessed.
    """
    if emulator_kind != "moto":
        return 0
    import boto3

    lam = boto3.client("lambda")
    paused = 0
    # (moto does not filter list_event_source_mappings by function name: match here.)
    for mapping in lam.list_event_source_mappings()["EventSourceMappings"]:
        if mapping["FunctionArn"].split(":function:")[-1].split(":")[0] in function_names:
            lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
            paused += 1
    return paused


# The policies relax_bucket_policy_for changed, as the apply wrote them: what AWS would
# evaluate (harness/authorization judges requests against these, with their context).
_APPLIED_BUCKET_POLICIES: dict[str, dict] = {}


def bucket_policy_as_applied(bucket: str) -> str | dict | None:
    """The bucket's policy as the apply wrote it, before any relaxing on moto."""
    if bucket in _APPLIED_BUCKET_POLICIES:
        return _APPLIED_BUCKET_POLICIES[bucket]
    import boto3
    from botocore.exceptions import ClientError

    try:
        return boto3.client("s3").get_bucket_policy(Bucket=bucket)["Policy"]
    except ClientError:
        return None


def relax_bucket_policy_for(emulator_kind: str, bucket: str) -> list[str]:
    """Work around moto's bucket-policy evaluation; returns the Sids removed.

    moto 5.2.5 evaluates bucket-policy conditions without any request context and
    counts a condition it cannot see as met, so a conditional Deny (such as
    DenyInsecureTransport on aws:SecureTransport = false) refuses every request.
    On moto only, those statements are taken out after apply so the data path can
    run; the apply tests check first that the example put them there.
    """
    if emulator_kind != "moto":
        return []
    import boto3
    from botocore.exceptions import ClientError

    s3 = boto3.client("s3")
    try:
        policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    except ClientError:
        return []
    kept = [st for st in policy["Statement"] if not (st.get("Effect") == "Deny" and st.get("Condition"))]
    removed = [st.get("Sid", "?") for st in policy["Statement"] if st not in kept]
    if removed:  # as applied (a second call finds it relaxed already and keeps the first)
        _APPLIED_BUCKET_POLICIES[bucket] = policy
    if kept:
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({**policy, "Statement": kept}))
    elif removed:
        s3.delete_bucket_policy(Bucket=bucket)
    return removed


# Emulators that serialise JSON attributes their own way (moto writes RedrivePolicy
# with spaces; AWS returns it compact, as jsonencode does). For these, a JSON
# attribute whose parsed value is unchanged is not counted as a change; any real
# difference (another maxReceiveCount, another target) still is.
EMULATOR_REFORMATS_JSON = {"moto"}


# What AWS checks that neither emulator does, and where the harness checks it instead (a
# file of this repository), or "not modeled" with what would: the list a reader of a green
# run needs to know what it did not prove. tests/harness/test_gaps.py keeps the files real.
AWS_CHECKS: dict[str, tuple[str, str]] = {
    "IAM, resource and key policies on every request, delivery and role access": (
        "harness/authorization/",
        "IAM user guide, policy evaluation logic (reference_policies_evaluation-logic)",
    ),
    "API Gateway stage logging needs the account's CloudWatch role": (
        "harness/emulators/moto_server.py",
        "API Gateway developer guide, 'Set up CloudWatch logging for REST APIs'",
    ),
    "Pipes cannot read a DynamoDB stream made moments before (CreatePipe 'Cannot access stream')": (
        "harness/emulators/moto_server.py",
        "hashicorp/terraform-provider-aws#40572 and aws/aws-cdk#31211 (AWS needs about a minute; moto 2 s)",
    ),
    "A resource checked against a role or resource policy at create time is created after it": (
        "harness/terraform/creation_order.py",
        "ECS task execution role; EventBridge targets; Pipes (provider issue 40572); S3 notification test event",
    ),
    "A service principal cannot use an AWS managed key": (
        "harness/authorization/plan_rules.py",
        "KMS developer guide, 'AWS managed keys' (their key policies cannot be changed)",
    ),
    "An SDK call's unauthorized answer: S3's 403 for a missing key without s3:ListBucket": (
        "harness/authorization/enforcement.py",
        "S3 API reference, GetObject 'Permissions'",
    ),
    "An RDS proxy logs in with the secret registered for the user the client names": (
        "harness/runtime/rds_proxy.py",
        "RDS user guide, 'Setting up database credentials for RDS Proxy' and 'Connecting to a proxy using IAM"
        " authentication'; RDS for PostgreSQL refuses password logins to members of rds_iam",
    ),
    "The API Gateway CloudWatch role trusts apigateway.amazonaws.com": (
        "not modeled",
        "UpdateAccount answers BadRequestException for a role API Gateway cannot assume",
    ),
    "A pipe's new DynamoDB stream is visible to Pipes when the pipe is created": (
        "not modeled",
        "provider issue 40572: 'Cannot access stream' on a first apply; eventual consistency no emulator has",
    ),
}
