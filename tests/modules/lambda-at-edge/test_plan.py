"""modules/lambda-at-edge: each case of its plan.tf, sliced from the one plan of the shared root."""

from __future__ import annotations

import pytest

from harness.build import code_sha256
from harness.paths import BUILD
from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

ACCOUNT = "123456789012"


@pytest.fixture(scope="module")
def origin(module_plan):
    return module_plan("lae_origin")


@pytest.fixture(scope="module")
def viewer(module_plan):
    return module_plan("lae_viewer")


def test_every_resource_goes_through_the_us_east_1_alias(plan_root):
    configuration = plan_root._raw["configuration"]["root_module"]["module_calls"]["lae_origin"]["module"]
    keys = {r["address"]: r.get("provider_config_key") for r in configuration["resources"]}
    assert {key for address, key in keys.items() if not address.startswith("terraform_data")} == {"aws.us_east_1"}
    assert "aws_lambda_function.edge" in keys and "aws_iam_role.this" in keys


def test_the_function_publishes_a_version_on_x86_with_the_zip(origin):
    assert origin.type_counts() == {
        "aws_lambda_function": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "terraform_data": 1,
    }
    function = origin.one("aws_lambda_function")
    assert function["publish"] is True  # CloudFront associates a numbered version only
    assert function["architectures"] == ["x86_64"]
    assert (function["memory_size"], function["timeout"], function["runtime"]) == (256, 30, "python3.12")
    assert function["skip_destroy"] is False
    assert function["environment"] == [] and function["layers"] is None and function["vpc_config"] == []
    assert function["dead_letter_config"] == [] and function["reserved_concurrent_executions"] == -1
    assert function["source_code_hash"] == code_sha256(BUILD / "functions" / "edge_variant.zip")
    # The version (and so the qualified ARN CloudFront gets) is known only once published.
    assert origin.unknown("aws_lambda_function.edge[0]")["qualified_arn"] is True


def test_the_role_is_trusted_by_lambda_and_edgelambda_only(origin, viewer):
    for planned in (origin, viewer):
        trust = statements(planned.one("aws_iam_role")["assume_role_policy"])
        [statement] = trust.values()
        assert statement["Action"] == ["sts:AssumeRole"]
        assert sorted(statement["Principal"]["Service"]) == ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]


def test_the_role_writes_the_edge_log_groups_in_every_region_and_its_own_statements(origin, viewer):
    policy = statements(origin.one("aws_iam_role_policy")["policy"])
    assert set(policy) == {"Logs", "ReadImages"}
    assert policy["Logs"]["Action"] == ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    assert policy["Logs"]["Resource"] == [
        f"arn:aws:logs:*:{ACCOUNT}:log-group:/aws/lambda/us-east-1.lae-origin",
        f"arn:aws:logs:*:{ACCOUNT}:log-group:/aws/lambda/us-east-1.lae-origin:*",
        f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/lae-origin:*",
    ]
    assert policy["ReadImages"]["Resource"] == ["arn:aws:s3:::shop-images/*"]
    assert wildcard_actions(policy) == []
    assert set(statements(viewer.one("aws_iam_role_policy")["policy"])) == {"Logs"}, "nothing unless the caller adds it"


def test_viewer_defaults_are_within_the_viewer_limits(viewer):
    function = viewer.one("aws_lambda_function")
    assert (function["memory_size"], function["timeout"]) == (128, 5)
    log_group = viewer.one("aws_cloudwatch_log_group")
    assert (log_group["name"], log_group["retention_in_days"]) == ("/aws/lambda/lae-viewer", 30)


def test_create_false_plans_nothing(module_plan):
    assert module_plan("lae_off").managed == {}
