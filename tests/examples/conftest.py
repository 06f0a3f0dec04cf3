"""Fixtures for the example scenario tests: the example of the test's own folder, applied
once per session on the emulator its module's name says (test_apply.py: moto,
test_apply_localstack.py: LocalStack) and shared with tests/examples/test_lifecycle.py
(harness/terraform/lifecycle.py)."""

from __future__ import annotations

import pytest

from harness.emulators.http_backend import running_backend
from harness.runtime.apigw import stage_url
from harness.runtime.certificates import ImportedCertificate
from harness.scenarios import Narrator, Stage, scenario
from harness.scenarios.edge_personalization import SHOP_DOMAIN
from harness.terraform.lifecycle import Deployments, deployment_of, scenario_emulator


@pytest.fixture(scope="session")
def deployments(request, scratch):
    registry = Deployments(request.getfixturevalue, scratch)
    yield registry
    registry.close()


@pytest.fixture(scope="module")
def applied(request, deployments):
    """This folder's example, applied (the scenario tests run between the lifecycle's apply and destroy)."""
    return deployments.get(deployment_of(request.path.parent.name, scenario_emulator(request.path.name)))


@pytest.fixture(scope="module")
def stage(request, applied, deployments) -> Stage:
    """This folder's applied example as its walk (harness/scenarios) takes it: the same walk `make demo` runs."""
    deployment = deployment_of(request.path.parent.name, scenario_emulator(request.path.name))
    return Stage(deployment.example, applied.outputs, deployments.emulator(deployment), request.getfixturevalue)


@pytest.fixture(scope="module")
def walked(stage):
    """What this folder's example's walk returned (harness/scenarios/<example>.py: the steps
    `make demo EXAMPLE=<example>` prints), walked once for the module; its narration in `.narration`."""
    narrator = Narrator()
    result = scenario(stage.example).walk(stage, narrator)
    result.narration = narrator.text
    return result


@pytest.fixture
def narrator() -> Narrator:
    """A walk's narration, kept for the test to read (the demo prints it)."""
    return Narrator()


@pytest.fixture(scope="module")
def localstack_api(applied, localstack):
    """This folder's example applied on LocalStack, with `base_url`: its REST API stage there."""
    applied.base_url = stage_url(localstack.endpoint, applied.outputs["rest_api_id"], applied.outputs["stage_name"])
    return applied


@pytest.fixture(scope="session")
def http_backend():
    """A loopback HTTP server the HTTP integrations of an example reach."""
    with running_backend() as server:
        yield server


@pytest.fixture(scope="session")
def shop_certificate(emulator) -> ImportedCertificate:
    """examples/edge-personalization's certificate for its domain."""
    certificate = ImportedCertificate(SHOP_DOMAIN)
    yield certificate
    certificate.delete()
