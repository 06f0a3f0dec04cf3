"""examples/order-pipeline: planned in the shared plan root as module call example_order_pipeline, with no inputs."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements

pytestmark = pytest.mark.plan


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
    # The stream is new in this apply: the pipe waits until Pipes can read it (provider issue 40572).
    assert [a for a in order_pipeline.of_type("terraform_data") if "stream_source_wait" in a] == [
        "module.pipe.terraform_data.stream_source_wait[0]"
    ]


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
