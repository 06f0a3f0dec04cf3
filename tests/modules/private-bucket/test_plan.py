"""modules/private-bucket (internal): the bucket every example stores in, sliced from the one
plan of the shared root. The examples' own plan tests check their calls."""

from __future__ import annotations

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan

ACCOUNT = "123456789012"
BUCKET_RESOURCES = {
    "aws_s3_bucket": 1,
    "aws_s3_bucket_ownership_controls": 1,
    "aws_s3_bucket_public_access_block": 1,
    "aws_s3_bucket_server_side_encryption_configuration": 1,
    "aws_s3_bucket_versioning": 1,
    "aws_s3_bucket_lifecycle_configuration": 1,
    "aws_s3_bucket_policy": 1,
}


def test_the_defaults_are_private_encrypted_versioned_and_tidied(module_plan):
    case = module_plan("private_bucket_default")
    assert case.type_counts() == BUCKET_RESOURCES
    assert case.one("aws_s3_bucket")["force_destroy"] is False
    assert case.one("aws_s3_bucket_ownership_controls")["rule"] == [{"object_ownership": "BucketOwnerEnforced"}]
    block = case.one("aws_s3_bucket_public_access_block")
    assert all(
        block[k] for k in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    )
    [rule] = case.one("aws_s3_bucket_server_side_encryption_configuration")["rule"]
    assert rule["apply_server_side_encryption_by_default"] == [
        {"sse_algorithm": "aws:kms", "kms_master_key_id": ""}
    ]  # the provider plans no key as ""
    assert rule["bucket_key_enabled"] is True
    assert case.one("aws_s3_bucket_versioning")["versioning_configuration"][0]["status"] == "Enabled"
    rules = {rule["id"]: rule for rule in case.one("aws_s3_bucket_lifecycle_configuration")["rule"]}
    assert sorted(rules) == ["abort-incomplete-uploads", "replaced-versions-kept-a-month"]
    assert all(rule["status"] == "Enabled" for rule in rules.values())
    abort, versions = rules["abort-incomplete-uploads"], rules["replaced-versions-kept-a-month"]
    assert abort["abort_incomplete_multipart_upload"][0]["days_after_initiation"] == 7
    assert not abort["filter"][0].get("prefix")  # the whole bucket
    assert versions["noncurrent_version_expiration"][0]["noncurrent_days"] == 30
    assert versions["expiration"] == [] and versions["abort_incomplete_multipart_upload"] == []


def _policy(case) -> dict:
    return statements(case.one("aws_s3_bucket_policy")["policy"])


def test_every_request_without_tls_is_denied(module_plan):
    bucket = f"arn:aws:s3:::private-bucket-default-{ACCOUNT}"
    assert _policy(module_plan("private_bucket_default")) == {
        "DenyInsecureTransport": {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": ["s3:*"],
            "Resource": sorted([bucket, f"{bucket}/*"]),
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    }


def test_a_callers_statements_join_the_deny_and_its_choices_are_kept(module_plan):
    case = module_plan("private_bucket_custom")
    policy = _policy(case)
    assert sorted(policy) == ["DenyInsecureTransport", "ServiceReads"]
    assert policy["ServiceReads"]["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    [rule] = case.one("aws_s3_bucket_server_side_encryption_configuration")["rule"]
    assert rule["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "AES256"
    assert rule["bucket_key_enabled"] is None  # a bucket key is a KMS setting
    rules = {rule["id"]: rule for rule in case.one("aws_s3_bucket_lifecycle_configuration")["rule"]}
    assert sorted(rules) == ["abort-incomplete-uploads", "logs-expire"]  # the caller's rules replace the default
    logs = rules["logs-expire"]
    assert (logs["filter"][0]["prefix"], logs["expiration"][0]["days"]) == ("logs/", 14)
    assert logs["noncurrent_version_expiration"] == []
    assert case.one("aws_s3_bucket")["force_destroy"] is True
    assert case.one("aws_s3_bucket")["tags"] == {"owner": "platform"}


def test_a_customer_key_is_used_and_with_no_rules_of_the_callers_uploads_are_still_aborted(module_plan):
    case = module_plan("private_bucket_customer_key")
    assert case.type_counts() == BUCKET_RESOURCES
    [abort] = case.one("aws_s3_bucket_lifecycle_configuration")["rule"]
    assert (abort["id"], abort["abort_incomplete_multipart_upload"][0]["days_after_initiation"]) == (
        "abort-incomplete-uploads",
        3,
    )
    [rule] = case.one("aws_s3_bucket_server_side_encryption_configuration")["rule"]
    assert rule["apply_server_side_encryption_by_default"][0]["kms_master_key_id"].endswith(
        ":key/0b6e9f7a-1d2c-4e5f-8a9b-0c1d2e3f4a5b"
    )
