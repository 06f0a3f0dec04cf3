"""modules/apigw-integrations: every integration kind, a private API, the redeployment
trigger, and the off switch, sliced from the one plan of tests/plan_root."""

from __future__ import annotations

import json

import pytest

from harness.terraform.plan import statements, wildcard_actions

pytestmark = pytest.mark.plan

ACCOUNT, REGION = "123456789012", "us-east-1"
FN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function"


@pytest.fixture(scope="module")
def every_kind(module_plan):
    return module_plan("api_every_kind")


def by_route(plan, resource_type: str) -> dict[str, dict]:
    return plan.by_key(resource_type)


def test_every_kind_resources(every_kind):
    counts = every_kind.type_counts()
    # /hello /orders /status /backend /quotes /internal /contact, then /hello/{name} /orders/{id}
    # /backend/{proxy+} /internal/{proxy+}: every prefix of every path, once (/orders serves two routes).
    assert counts["aws_api_gateway_resource"] == 11
    assert counts["aws_api_gateway_method"] == counts["aws_api_gateway_integration"] == 8
    # order 2 + status 1 + quote 2, and the default 200/500 of each AWS service route (2 x 2)
    assert counts["aws_api_gateway_method_response"] == counts["aws_api_gateway_integration_response"] == 9
    assert counts["aws_lambda_permission"] == 3  # two Lambda routes and the TOKEN authorizer
    assert counts["aws_api_gateway_authorizer"] == 2
    assert counts["aws_api_gateway_request_validator"] == 2  # body, all
    assert counts["aws_api_gateway_model"] == 1
    assert counts["aws_api_gateway_vpc_link"] == 1
    assert counts["aws_api_gateway_api_key"] == counts["aws_api_gateway_usage_plan_key"] == 2
    for single in ("aws_api_gateway_stage", "aws_api_gateway_deployment", "aws_api_gateway_method_settings",
                   "aws_cloudwatch_log_group", "aws_api_gateway_usage_plan", "aws_wafv2_web_acl_association",
                   "aws_iam_role_policy", "aws_iam_role"):  # fmt: skip
        assert counts[single] == 1, single
    # The account's CloudWatch role is the apigw-account module's (one per account and region).
    assert "aws_api_gateway_account" not in counts


def test_each_kind_becomes_the_right_integration(every_kind):
    integrations = by_route(every_kind, "aws_api_gateway_integration")
    invoke = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions"
    hello, order = integrations["hello"], integrations["order"]
    assert (hello["type"], hello["integration_http_method"]) == ("AWS_PROXY", "POST")
    assert hello["uri"] == f"{invoke}/{FN}:hello/invocations"
    assert hello.get("request_templates") is None and hello.get("passthrough_behavior") is None
    assert (order["type"], order["uri"]) == ("AWS", f"{invoke}/{FN}:lookup:live/invocations")
    assert order["request_templates"] == {"application/json": '{"order_id": "$input.params(\'id\')"}'}
    assert order["passthrough_behavior"] == "NEVER"

    status = integrations["status"]
    assert status["type"] == "MOCK" and status["request_templates"] == {"application/json": '{"statusCode": 200}'}

    backend = integrations["backend"]
    assert (backend["type"], backend["integration_http_method"]) == ("HTTP_PROXY", "ANY")
    assert backend["request_parameters"] == {"integration.request.path.proxy": "method.request.path.proxy"}
    quote = integrations["quote"]
    assert (quote["type"], quote["integration_http_method"], quote["uri"]) == (
        "HTTP",
        "PUT",
        "https://quotes.example.com/quotes",
    )

    internal = integrations["internal"]
    assert (internal["type"], internal["connection_type"]) == ("HTTP_PROXY", "VPC_LINK")
    assert "connection_id" in every_kind.unknown(
        next(a for a in every_kind.managed if 'integration.this["internal"]' in a)
    )

    contact = integrations["contact"]
    assert (contact["type"], contact["uri"]) == ("AWS", f"arn:aws:apigateway:{REGION}:sqs:path/{ACCOUNT}/contact")
    assert contact["request_parameters"] == {
        "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"
    }
    assert contact["request_templates"] == {
        "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"
    }
    put_order = integrations["put_order"]
    assert put_order["uri"] == f"arn:aws:apigateway:{REGION}:dynamodb:action/PutItem"
    assert "TableName" in put_order["request_templates"]["application/json"]


def test_methods_carry_authorization_validation_and_keys(every_kind):
    methods = by_route(every_kind, "aws_api_gateway_method")
    assert (methods["hello"]["authorization"], methods["hello"]["authorization_scopes"]) == (
        "COGNITO_USER_POOLS",
        ["api/read"],
    )
    assert methods["order"]["authorization"] == "CUSTOM"
    assert methods["hello"]["request_parameters"] == {"method.request.path.name": True}
    assert methods["status"]["api_key_required"] is True
    assert {methods[r]["authorization"] for r in ("backend", "quote", "internal", "put_order")} == {"AWS_IAM"}
    assert methods["contact"]["authorization"] == "NONE"  # allow_unauthenticated said so
    assert methods["contact"]["request_models"] == {"application/json": "contactRequest"}
    validators = {v["name"]: v for v in every_kind.of_type("aws_api_gateway_request_validator").values()}
    assert validators["api-every-kind-body"]["validate_request_body"] is True
    assert validators["api-every-kind-body"]["validate_request_parameters"] is False
    assert validators["api-every-kind-all"]["validate_request_parameters"] is True


def test_error_patterns_map_to_status_codes(every_kind):
    responses = by_route(every_kind, "aws_api_gateway_integration_response")
    assert responses["order/404"]["selection_pattern"] == "NotFound:.*"
    assert responses["order/200"].get("selection_pattern") is None
    assert responses["quote/502"]["selection_pattern"] == "5\\d{2}"
    # An AWS service route gets a 200 and a 500 that hides the service's error.
    assert responses["contact/500"]["selection_pattern"] == "[45]\\d{2}"
    assert "requestId" in responses["contact/200"]["response_templates"]["application/json"]


def test_service_role_allows_exactly_each_routes_action(every_kind):
    [policy] = every_kind.of_type("aws_iam_role_policy").values()
    found = statements(policy["policy"])
    assert set(found) == {"Contact", "PutOrder"}
    assert (found["Contact"]["Action"], found["Contact"]["Resource"]) == (
        ["sqs:SendMessage"],
        [f"arn:aws:sqs:{REGION}:{ACCOUNT}:contact"],
    )
    assert (found["PutOrder"]["Action"], found["PutOrder"]["Resource"]) == (
        ["dynamodb:PutItem"],
        [f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders"],
    )
    assert wildcard_actions(found) == []


def test_lambda_permissions_name_only_api_gateway(every_kind):
    permissions = every_kind.of_type("aws_lambda_permission")
    assert {p["function_name"] for p in permissions.values()} == {
        f"{FN}:hello",
        f"{FN}:lookup:live",
        f"{FN}:authorizer",
    }
    assert {p["principal"] for p in permissions.values()} == {"apigateway.amazonaws.com"}
    for address in permissions:  # scoped to this API's execution ARN, known after apply (the apply test reads them)
        assert every_kind.unknown(address)["source_arn"] is True


def test_stage_logs_traces_throttles_and_caches(every_kind):
    stage = every_kind.one("aws_api_gateway_stage")
    assert (stage["stage_name"], stage["xray_tracing_enabled"], stage["cache_cluster_size"]) == ("prod", True, "0.5")
    assert stage["variables"] == {"release": "42"}
    log_format = json.loads(stage["access_log_settings"][0]["format"])
    assert {"requestId", "status", "integrationStatus", "errorMessage"} <= set(log_format)
    assert every_kind.one("aws_cloudwatch_log_group")["name"] == "/aws/apigateway/api-every-kind/prod"
    [settings] = every_kind.one("aws_api_gateway_method_settings")["settings"]
    assert (settings["logging_level"], settings["data_trace_enabled"]) == ("INFO", False)
    assert (settings["caching_enabled"], settings["cache_data_encrypted"]) == (True, True)
    assert (settings["throttling_rate_limit"], settings["throttling_burst_limit"]) == (100, 50)
    plan = every_kind.one("aws_api_gateway_usage_plan")
    assert plan["throttle_settings"] == [{"burst_limit": 20, "rate_limit": 10}]
    assert plan["quota_settings"][0]["limit"] == 10000
    assert every_kind.one("aws_wafv2_web_acl_association")["web_acl_arn"].endswith(":regional/webacl/edge/1234")
    # The account's CloudWatch role is apigw-account's: the API attaches nothing for it.
    assert "aws_iam_role_policy_attachment" not in every_kind.type_counts()


def test_private_api_uses_endpoints_and_the_given_link(module_plan):
    private = module_plan("api_private")
    api = private.one("aws_api_gateway_rest_api")
    assert api["endpoint_configuration"][0]["types"] == ["PRIVATE"]
    assert api["endpoint_configuration"][0]["vpc_endpoint_ids"] == ["vpce-0123456789abcdef0"]
    assert private.type_counts()["aws_api_gateway_rest_api_policy"] == 1
    assert "aws_api_gateway_vpc_link" not in private.type_counts()
    assert private.one("aws_api_gateway_integration")["connection_id"] == "abc123"
    assert "aws_api_gateway_resource" not in private.type_counts()  # "/" is the root resource


def test_redeployment_trigger_follows_templates_only(plan_root, module_plan):
    triggers = plan_root.outputs["api_triggers"]
    assert triggers["a"] == triggers["a_again"]  # same routes: the stage keeps its deployment
    assert triggers["a"] != triggers["b"]  # one response template differs: a new deployment
    deployment = module_plan("api_mock_b").one("aws_api_gateway_deployment")
    assert deployment["triggers"] == {"redeployment": triggers["b"]}


def test_disabled_creates_nothing(plan_root, module_plan):
    assert module_plan("api_disabled").managed == {}
    assert plan_root.outputs["api_disabled_outputs"] == [None, None, None]


def test_a_route_given_the_invoke_uri_uses_the_function_arn_inside_it(module_plan):
    """lambda_function_arn given as the invoke URI: both are unknown at plan for a new function,
    so a shape check could only fail half-way through apply. The module reads the ARN out."""
    case = module_plan("api_invoke_uri")
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:hello"
    integration = case.one("aws_api_gateway_integration")
    assert integration["uri"] == (
        f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations"
    )
    assert case.one("aws_lambda_permission")["function_name"] == function_arn


def test_a_dynamodb_query_route_calls_query_on_exactly_its_index(module_plan):
    api = module_plan("api_query")
    integration = api.one("aws_api_gateway_integration")
    assert (integration["type"], integration["integration_http_method"], integration["uri"]) == (
        "AWS",
        "POST",
        f"arn:aws:apigateway:{REGION}:dynamodb:action/Query",
    )
    policy = json.loads(api.by_name("aws_iam_role_policy")["service[0]"]["policy"])
    assert [(s["Action"], s["Resource"]) for s in policy["Statement"]] == [
        (["dynamodb:Query"], [f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders/index/by_customer"])
    ]
    method = api.one("aws_api_gateway_method")
    assert method["request_parameters"] == {"method.request.path.customer_id": True}
    assert [r["status_code"] for r in api.of_type("aws_api_gateway_integration_response").values()] == ["200"]
