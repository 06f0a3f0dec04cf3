"""examples/contact-form: planned in the shared plan root as module call example_contact_form, with no inputs."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.plan


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
