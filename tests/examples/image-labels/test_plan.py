"""examples/image-labels: planned in the shared plan root as module call example_image_labels, with no inputs."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan

ACCOUNT, REGION = "123456789012", "us-east-1"
BUCKET_ARN = f"arn:aws:s3:::image-labels-{ACCOUNT}-{REGION}"
TABLE_ARN = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/image-labels"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:{ACCOUNT}:image-labels-uploads"


@pytest.fixture(scope="module")
def labels(module_plan):
    return module_plan("example_image_labels")


def test_one_function_one_table_two_queues_one_bucket_one_route(labels):
    counts = labels.type_counts()
    assert (counts["aws_lambda_function"], counts["aws_dynamodb_table"], counts["aws_sqs_queue"]) == (1, 1, 2)
    assert (counts["aws_s3_bucket"], counts["aws_api_gateway_method"], counts["aws_lambda_event_source_mapping"]) == (
        1,
        1,
        1,
    )
    assert "aws_lambda_permission" not in counts  # nothing invokes the function but its queue mapping


def test_the_function_reads_the_queue_in_batches_with_partial_failures(labels):
    fn = labels.one("aws_lambda_function")
    env = fn["environment"][0]["variables"]
    assert (env["LABELS_TABLE"], env["SOURCE_PREFIX"], env["MAX_LABELS"], env["MIN_CONFIDENCE"]) == (
        "image-labels",
        "images/",
        "20",
        "80",
    )
    assert fn["dead_letter_config"] == []  # failures go through the queue's redrive
    mapping = labels.one("aws_lambda_event_source_mapping")
    assert (mapping["batch_size"], mapping["function_response_types"]) == (10, ["ReportBatchItemFailures"])
    # The role's statements and the mapping's scaling follow the queue's ARN, known at apply:
    # test_apply.py reads them back.


def test_the_queue_takes_this_buckets_events_over_tls_and_fails_over_to_its_dlq(labels):
    queues = labels.by_name("aws_sqs_queue")
    uploads, dead = queues['this["uploads"]'], queues['dead_letter["uploads"]']
    assert uploads["sqs_managed_sse_enabled"] and dead["sqs_managed_sse_enabled"]
    # The DLQ's ARN; test_apply.py reads it back.
    assert labels.unknown('module.uploads.aws_sqs_queue.this["uploads"]')["redrive_policy"]
    assert json.loads(dead["redrive_allow_policy"]) == {"redrivePermission": "byQueue", "sourceQueueArns": [QUEUE_ARN]}
    assert uploads["visibility_timeout_seconds"] == 6 * labels.one("aws_lambda_function")["timeout"]
    policy = statements(labels.by_name("aws_sqs_queue_policy")['this["uploads"]']["policy"])
    allow = policy["S3SendsThisBucketsEvents"]
    assert (allow["Principal"], allow["Action"]) == ({"Service": "s3.amazonaws.com"}, ["sqs:SendMessage"])
    assert allow["Condition"] == {
        "ArnEquals": {"aws:SourceArn": BUCKET_ARN},
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
    }
    assert policy["DenyInsecureTransport"]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    notification = labels.one("aws_s3_bucket_notification")
    [queue] = notification["queue"]
    assert (sorted(queue["events"]), queue["filter_prefix"]) == (
        ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
        "images/",
    )


def test_the_bucket_and_table_are_encrypted_private_and_recoverable(labels):
    assert labels.one("aws_s3_bucket_public_access_block")["restrict_public_buckets"] is True
    [rule] = labels.one("aws_s3_bucket_server_side_encryption_configuration")["rule"]
    assert rule["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "aws:kms"
    deny = statements(labels.one("aws_s3_bucket_policy")["policy"])["DenyInsecureTransport"]
    assert deny["Resource"] == [BUCKET_ARN, f"{BUCKET_ARN}/*"]
    table = labels.one("aws_dynamodb_table")
    assert (table["hash_key"], table["range_key"], table["billing_mode"]) == ("pk", "sk", "PAY_PER_REQUEST")
    assert table["point_in_time_recovery"][0]["enabled"] is True
    assert table["server_side_encryption"][0]["enabled"] is True


def test_the_label_route_is_a_signed_query_on_the_labels_entries(labels):
    method = labels.one("aws_api_gateway_method")
    assert (method["http_method"], method["authorization"]) == ("GET", "AWS_IAM")
    assert method["request_parameters"] == {
        "method.request.path.label": True,
        "method.request.querystring.limit": False,
        "method.request.querystring.next": False,
    }
    integration = labels.one("aws_api_gateway_integration")
    assert integration["uri"] == f"arn:aws:apigateway:{REGION}:dynamodb:action/Query"
    template = integration["request_templates"]["application/json"]
    assert '"TableName": "image-labels"' in template
    # escapeJavaScript turns ' into \', which is not JSON: the AWS reference says to undo it.
    assert "label#$util.escapeJavaScript($input.params('label').toLowerCase()).replaceAll(\"\\\\'\", \"'\")" in template
    # The page token fills in only the sort key, escaped, under the same partition.
    assert '"sk": {"S": "$util.escapeJavaScript($util.base64Decode($next)).replaceAll("\\\\\'", "\'")"}' in template
    assert '#elseif($limit.matches("[1-9][0-9]?|100"))$limit#{else}0#end' in template
    api_policy = json.loads(labels.by_name("aws_iam_role_policy")["service[0]"]["policy"])
    assert [(s["Action"], s["Resource"]) for s in api_policy["Statement"]] == [(["dynamodb:Query"], [TABLE_ARN])]
    responses = {r["status_code"]: r for r in labels.of_type("aws_api_gateway_integration_response").values()}
    assert sorted(responses) == ["200", "400", "500"]
    assert "$util.base64Encode($last)" in responses["200"]["response_templates"]["application/json"]
    assert (responses["400"]["selection_pattern"], responses["500"]["selection_pattern"]) == ("400", "5\\d{2}")
