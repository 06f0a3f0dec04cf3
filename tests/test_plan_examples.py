"""examples/*: planned inside tests/plan_root as module calls, with no inputs."""

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


@pytest.fixture(scope="module")
def order_fanout(module_plan):
    return module_plan("example_order_fanout")


def test_order_fanout_resources(order_fanout):
    counts = order_fanout.type_counts()
    assert counts["aws_sns_topic"] == 1 and counts["aws_dynamodb_table"] == 1
    assert counts["aws_sqs_queue"] == 6  # a queue and a DLQ per consumer, no async DLQs
    assert counts["aws_sns_topic_subscription"] == 3
    assert counts["aws_lambda_function"] == 3 and counts["aws_lambda_event_source_mapping"] == 3


def test_order_fanout_only_shipping_filters(order_fanout):
    subscriptions = order_fanout.by_key("aws_sns_topic_subscription")
    assert json.loads(subscriptions["shipping"]["filter_policy"]) == {"status": ["PAID"]}
    assert subscriptions["billing"]["filter_policy"] is None and subscriptions["analytics"]["filter_policy"] is None


def test_order_fanout_visibility_is_six_times_the_consumer_timeout(order_fanout):
    queues = [q for q in order_fanout.of_type("aws_sqs_queue").values() if not q["name"].endswith("-dlq")]
    assert {q["visibility_timeout_seconds"] for q in queues} == {180}
    assert {f["timeout"] for f in order_fanout.of_type("aws_lambda_function").values()} == {30}


def test_order_fanout_consumers_may_only_put_items_in_the_table(order_fanout):
    table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-processed"
    for policy in order_fanout.of_type("aws_iam_role_policy").values():
        record = statements(policy["policy"])["RecordProcessed"]
        assert (record["Action"], record["Resource"]) == (["dynamodb:PutItem"], [table_arn])


def test_order_fanout_table(order_fanout):
    table = order_fanout.one("aws_dynamodb_table")
    assert (table["name"], table["billing_mode"], table["hash_key"]) == ("orders-processed", "PAY_PER_REQUEST", "pk")
    assert table["point_in_time_recovery"][0]["enabled"] is True
    assert table["server_side_encryption"][0]["enabled"] is True


@pytest.fixture(scope="module")
def order_pipeline(module_plan):
    return module_plan("example_order_pipeline")


TABLE_PREFIX = "arn:aws:dynamodb:us-east-1:123456789012:table"


def test_order_pipeline_resources(order_pipeline):
    counts = order_pipeline.type_counts()
    assert counts["aws_dynamodb_table"] == 3
    assert counts["aws_pipes_pipe"] == 1
    assert counts["aws_lambda_function"] == 2
    assert counts["aws_sqs_queue"] == 1  # the pipe's DLQ; the functions are called synchronously
    assert "aws_lambda_event_source_mapping" not in counts  # the pipe reads the stream, not Lambda


def test_order_pipeline_orders_table_streams_both_images(order_pipeline):
    tables = {t["name"]: t for t in order_pipeline.of_type("aws_dynamodb_table").values()}
    assert set(tables) == {"shop-orders", "shop-customers", "shop-order-audit"}
    orders = tables["shop-orders"]
    assert (orders["stream_enabled"], orders["stream_view_type"]) == (True, "NEW_AND_OLD_IMAGES")
    assert tables["shop-order-audit"]["range_key"] == "entry"
    for table in tables.values():
        assert table["billing_mode"] == "PAY_PER_REQUEST"
        assert table["point_in_time_recovery"][0]["enabled"] is True
        assert table["server_side_encryption"][0]["enabled"] is True


def test_order_pipeline_pipe_filters_new_inserts_and_chains_the_functions(order_pipeline):
    pipe = order_pipeline.one("aws_pipes_pipe")
    [stream] = pipe["source_parameters"][0]["dynamodb_stream_parameters"]
    assert (stream["starting_position"], stream["batch_size"], stream["maximum_retry_attempts"]) == ("LATEST", 10, 2)
    assert stream["on_partial_batch_item_failure"] == "AUTOMATIC_BISECT"
    [criteria] = pipe["source_parameters"][0]["filter_criteria"]
    assert [json.loads(f["pattern"]) for f in criteria["filter"]] == [
        {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"status": {"S": ["NEW"]}}}}
    ]
    # Wired from the resources themselves, so the pipe is created after the table
    # and both functions exist; their ARNs (module-level tests check the exact
    # IAM statements for given ARNs) are known only after apply.
    address = next(a for a, c in order_pipeline.managed.items() if c["type"] == "aws_pipes_pipe")
    unknown = order_pipeline.unknown(address)
    assert unknown["source"] and unknown["enrichment"] and unknown["target"]
    # The target kind follows from its ARN; the apply test reads the Lambda parameters back.
    assert unknown["target_parameters"]


def test_order_pipeline_functions_touch_only_their_tables(order_pipeline):
    policies = {
        p["name"]: statements(p["policy"])
        for p in order_pipeline.of_type("aws_iam_role_policy").values()
        if "policy" in p
    }
    enrichment = policies["shop-order-enrichment-execution"]["ReadCustomers"]
    assert (enrichment["Action"], enrichment["Resource"]) == (
        ["dynamodb:BatchGetItem"],
        [f"{TABLE_PREFIX}/shop-customers"],
    )
    processor = policies["shop-order-processor-execution"]
    assert sorted(processor["UpdateOrders"]["Action"]) == ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    assert processor["UpdateOrders"]["Resource"] == [f"{TABLE_PREFIX}/shop-orders"]
    assert (processor["WriteAudit"]["Action"], processor["WriteAudit"]["Resource"]) == (
        ["dynamodb:PutItem"],
        [f"{TABLE_PREFIX}/shop-order-audit"],
    )


def test_order_pipeline_functions_have_their_tables_in_the_environment(order_pipeline):
    functions = {f["function_name"]: f for f in order_pipeline.of_type("aws_lambda_function").values()}
    assert functions["shop-order-enrichment"]["environment"][0]["variables"]["CUSTOMERS_TABLE"] == "shop-customers"
    variables = functions["shop-order-processor"]["environment"][0]["variables"]
    assert (variables["ORDERS_TABLE"], variables["AUDIT_TABLE"]) == ("shop-orders", "shop-order-audit")
    assert functions["shop-order-processor"]["handler"] == "order_processor.handler.lambda_handler"


@pytest.fixture(scope="module")
def contact_form(module_plan):
    return module_plan("example_contact_form")


def test_contact_form_is_one_open_validated_route_to_sqs(contact_form):
    [method] = contact_form.of_type("aws_api_gateway_method").values()
    assert (method["http_method"], method["authorization"], method["operation_name"]) == (
        "POST",
        "NONE",
        "UnauthenticatedContact",
    )
    schema = json.loads(contact_form.one("aws_api_gateway_model")["schema"])
    assert schema["required"] == ["name", "email", "message"] and schema["additionalProperties"] is False
    validator = contact_form.one("aws_api_gateway_request_validator")
    assert (validator["validate_request_body"], validator["validate_request_parameters"]) == (True, False)
    assert contact_form.one("aws_api_gateway_integration")["type"] == "AWS"
    assert "aws_lambda_function" not in contact_form.type_counts()  # no Lambda in the path
    [settings] = contact_form.one("aws_api_gateway_method_settings")["settings"]
    assert (settings["throttling_rate_limit"], settings["throttling_burst_limit"]) == (5, 10)


@pytest.fixture(scope="module")
def integration_types(module_plan):
    return module_plan("example_integration_types")


def test_integration_types_has_one_route_of_each_kind(integration_types):
    integrations = integration_types.by_key("aws_api_gateway_integration")
    assert {key: i["type"] for key, i in integrations.items()} == {
        "hello": "AWS_PROXY",
        "order": "AWS",
        "status": "MOCK",
        "backend": "HTTP_PROXY",
        "quote": "HTTP",
        "internal": "HTTP_PROXY",
        "feedback": "AWS",
    }
    assert integrations["internal"]["connection_type"] == "VPC_LINK"
    counts = integration_types.type_counts()
    assert counts["aws_lambda_function"] == 2 and counts["aws_lb"] == 1 and counts["aws_api_gateway_vpc_link"] == 1
    methods = integration_types.by_key("aws_api_gateway_method")
    assert methods["internal"]["authorization"] == "AWS_IAM"
    assert {k for k, m in methods.items() if m["authorization"] == "NONE"} == set(methods) - {"internal"}
