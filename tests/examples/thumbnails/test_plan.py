"""examples/thumbnails: planned in the shared plan root as module call example_thumbnails, with no inputs."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan

BUCKET = "thumbnails-123456789012-us-east-1"
BUCKET_ARN = f"arn:aws:s3:::{BUCKET}"


@pytest.fixture(scope="module")
def thumbnails(module_plan):
    return module_plan("example_thumbnails")


def test_thumbnails_resources(thumbnails):
    assert thumbnails.type_counts() == {
        "aws_s3_bucket": 1,
        "aws_s3_bucket_ownership_controls": 1,
        "aws_s3_bucket_public_access_block": 1,
        "aws_s3_bucket_server_side_encryption_configuration": 1,
        "aws_s3_bucket_versioning": 1,
        "aws_s3_bucket_lifecycle_configuration": 1,
        "aws_s3_bucket_policy": 1,
        "aws_s3_bucket_notification": 1,
        "aws_lambda_function": 1,
        "aws_lambda_layer_version": 2,
        "aws_lambda_permission": 1,
        "aws_lambda_function_event_invoke_config": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "aws_sqs_queue": 1,
        "terraform_data": 1,  # lambda-with-layers' IAM statement rules
    }


def test_thumbnails_bucket_is_private_encrypted_and_tls_only(thumbnails):
    assert thumbnails.one("aws_s3_bucket")["bucket"] == BUCKET
    block = thumbnails.one("aws_s3_bucket_public_access_block")
    assert all(
        block[k] for k in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    )
    rule = thumbnails.one("aws_s3_bucket_server_side_encryption_configuration")["rule"][0]
    assert rule["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "aws:kms"
    assert rule["bucket_key_enabled"] is True
    assert thumbnails.one("aws_s3_bucket_ownership_controls")["rule"] == [{"object_ownership": "BucketOwnerEnforced"}]
    policy = json.loads(thumbnails.one("aws_s3_bucket_policy")["policy"])
    [deny] = policy["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_thumbnails_notification_only_for_originals(thumbnails):
    [config] = thumbnails.one("aws_s3_bucket_notification")["lambda_function"]
    assert config["events"] == ["s3:ObjectCreated:*"]
    assert config["filter_prefix"] == "images/"
    assert config["filter_suffix"] in (None, "")


def test_thumbnails_function(thumbnails):
    fn = thumbnails.one("aws_lambda_function")
    assert (fn["function_name"], fn["handler"]) == ("thumbnails", "thumbnail.handler.lambda_handler")
    assert (fn["memory_size"], fn["timeout"], fn["reserved_concurrent_executions"]) == (1024, 60, 10)
    assert fn["environment"][0]["variables"] == {
        "SOURCE_PREFIX": "images/",
        "THUMBNAIL_PREFIX": "thumbnails/",
        "THUMBNAIL_MAX_DIMENSION": "256",
        "POWERTOOLS_SERVICE_NAME": "thumbnail",
    }
    layers = {v["layer_name"] for v in thumbnails.of_type("aws_lambda_layer_version").values()}
    assert layers == {"thumbnails-pillow", "thumbnails-powertools"}
    config = thumbnails.one("aws_lambda_function_event_invoke_config")
    assert (config["maximum_retry_attempts"], config["maximum_event_age_in_seconds"]) == (2, 3600)


def test_thumbnails_permission_is_scoped_to_the_bucket_and_account(thumbnails):
    permission = thumbnails.one("aws_lambda_permission")
    assert (permission["principal"], permission["source_arn"], permission["source_account"]) == (
        "s3.amazonaws.com",
        BUCKET_ARN,
        "123456789012",
    )


def test_thumbnails_role_reads_originals_and_writes_thumbnails_only(thumbnails):
    policy = statements(thumbnails.one("aws_iam_role_policy")["policy"])
    assert set(policy) == {"Logs", "XRay", "DeadLetter", "ReadOriginals", "WriteThumbnails"}
    assert policy["ReadOriginals"]["Action"] == ["s3:GetObject", "s3:GetObjectVersion"]
    assert policy["ReadOriginals"]["Resource"] == [f"{BUCKET_ARN}/images/*"]
    assert policy["WriteThumbnails"]["Action"] == ["s3:PutObject"]
    assert policy["WriteThumbnails"]["Resource"] == [f"{BUCKET_ARN}/thumbnails/*"]
