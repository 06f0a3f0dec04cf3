"""examples/integration-types in the shared plan root (call example_integration_types), no inputs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.plan


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
