"""examples/integration-types with every route kind, applied on moto with no inputs.

moto accepts the whole API (Lambda functions, VPC link, internal NLB) but serves
no stage over HTTP; LocalStack does that in test_apply_apigw_localstack.py. Here:
the second plan is clean, each Lambda permission names this API, that method and
that path, the private route goes through the created VPC link, and destroy
leaves nothing.
"""

from __future__ import annotations

import json

import boto3
import pytest

from harness.emulators.servers import REGION

pytestmark = pytest.mark.apply


def test_fixed_name_resources_the_routes_use_are_replaced_safely(applied):
    """The API's deployment is create_before_destroy, and Terraform gives that to everything
    it depends on. The feedback queue is referenced by name, so it is no dependency and is
    replaced delete-first; the VPC link's balancer is a dependency, replaced create-first
    under a new generated name, so the create cannot return the live balancer."""
    queue = 'module.feedback.aws_sqs_queue.this["feedback"]'
    changes = applied.replacement_plan(queue, "aws_lb.internal[0]").resource_changes
    assert changes[queue]["change"]["actions"] == ["delete", "create"]
    balancer = changes["aws_lb.internal[0]"]["change"]
    assert balancer["actions"] == ["create", "delete"]
    assert balancer["after"]["name_prefix"] == "vlink-" and balancer["after_unknown"]["name"] is True


def test_every_kind_is_deployed(applied):
    routes = applied.outputs["routes"]
    assert {key: route["integration_type"] for key, route in routes.items()} == {
        "hello": "LAMBDA_PROXY",
        "order": "LAMBDA",
        "status": "MOCK",
        "backend": "HTTP_PROXY",
        "quote": "HTTP",
        "internal": "PRIVATE",
        "feedback": "AWS_SERVICE",
    }


def test_lambda_permissions_name_this_api_method_and_path(applied):
    account = boto3.client("sts").get_caller_identity()["Account"]
    execution_arn = f"arn:aws:execute-api:{REGION}:{account}:{applied.outputs['rest_api_id']}"
    lam = boto3.client("lambda")
    expected = {"hello": f"{execution_arn}/*/GET/hello/*", "lookup": f"{execution_arn}/*/GET/orders/*"}
    for function, source_arn in expected.items():
        policy = json.loads(lam.get_policy(FunctionName=applied.outputs["function_names"][function])["Policy"])
        [statement] = policy["Statement"]
        assert statement["Principal"] == {"Service": "apigateway.amazonaws.com"}
        assert statement["Condition"]["ArnLike"]["AWS:SourceArn"] == source_arn


def test_private_route_goes_through_the_created_vpc_link(applied):
    api = boto3.client("apigateway")
    [link] = api.get_vpc_links()["items"]
    [balancer] = boto3.client("elbv2").describe_load_balancers()["LoadBalancers"]
    assert (balancer["Type"], balancer["Scheme"]) == ("network", "internal")
    # The same balancer (moto names it loadbalancer/app/...: see EMULATOR_ROOT_OVERRIDES).
    [target] = link["targetArns"]
    assert target.split("/")[-2:] == balancer["LoadBalancerArn"].split("/")[-2:]
    rest_api_id = applied.outputs["rest_api_id"]
    resources = {r["path"]: r["id"] for r in api.get_resources(restApiId=rest_api_id)["items"]}
    integration = api.get_integration(
        restApiId=rest_api_id, resourceId=resources["/internal/{proxy+}"], httpMethod="GET"
    )
    assert (integration["type"], integration["uri"]) == ("HTTP_PROXY", f"http://{balancer['DNSName']}/{{proxy}}")
    # moto does not store an integration's connection (EMULATOR_DRIFT), so the next plan
    # wants to set it again: to exactly the link the example created.
    change = applied.plan().resource_changes['module.api.aws_api_gateway_integration.this["internal"]']
    after = change["change"]["after"]
    assert (after["connection_type"], after["connection_id"]) == ("VPC_LINK", link["id"])
