"""modules/apigw-account: the account's API Gateway CloudWatch role and setting, sliced from
the one plan of the shared root."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.plan

ACCOUNT = "123456789012"


def test_the_setting_names_a_role_only_api_gateway_of_this_account_may_assume(module_plan):
    case = module_plan("apigw_account_default")
    assert case.type_counts() == {"aws_iam_role": 1, "aws_iam_role_policy_attachment": 1, "aws_api_gateway_account": 1}
    role = case.one("aws_iam_role")
    assert (role["name"], role["path"], role.get("permissions_boundary")) == ("apigateway-cloudwatch-logs", "/", None)
    [statement] = json.loads(role["assume_role_policy"])["Statement"]
    assert statement["Principal"] == {"Service": "apigateway.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
    assert case.one("aws_iam_role_policy_attachment")["policy_arn"] == (
        "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
    )


def test_the_setting_is_made_after_the_policy_is_attached(plan_root):
    config = plan_root.configuration["root_module"]["module_calls"]["apigw_account_default"]["module"]
    [account] = [r for r in config["resources"] if r["address"] == "aws_api_gateway_account.this"]
    assert account["depends_on"] == ["aws_iam_role_policy_attachment.logs"]
    assert account["expressions"]["cloudwatch_role_arn"]["references"][0] == "aws_iam_role.this[0].arn"


def test_a_baseline_names_path_boundary_and_tags(module_plan):
    role = module_plan("apigw_account_baseline").one("aws_iam_role")
    assert (role["name"], role["path"]) == ("platform-apigw-logs", "/platform/")
    assert role["permissions_boundary"] == f"arn:aws:iam::{ACCOUNT}:policy/platform-boundary"
    assert role["tags"] == {"owner": "platform"}


def test_disabled_creates_nothing(module_plan):
    assert module_plan("apigw_account_disabled").changes == {}
