"""Fixtures for the example scenario tests: the example of the test's own folder, applied
once per session on the emulator its module's name says (test_apply.py: moto,
test_apply_localstack.py: LocalStack) and shared with tests/examples/test_lifecycle.py
(harness/terraform/lifecycle.py)."""

from __future__ import annotations

import functools

import pytest

from harness.emulators.http_backend import running_backend
from harness.runtime.apigw import stage_url
from harness.runtime.certificates import delete_certificate, imported_certificate
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
def localstack_api(applied, localstack):
    """This folder's example applied on LocalStack, with `base_url`: its REST API stage there."""
    applied.base_url = stage_url(localstack.endpoint, applied.outputs["rest_api_id"], applied.outputs["stage_name"])
    return applied


@pytest.fixture(scope="session")
def http_backend():
    """A loopback HTTP server the HTTP integrations of an example reach."""
    with running_backend() as server:
        yield server


class ShopCertificate:
    """An issued ACM certificate in us-east-1 for examples/edge-personalization's domain,
    imported when its ARN is first read (after the apply's emulator reset)."""

    domain = "shop.example.com"

    @functools.cached_property
    def arn(self) -> str:
        return imported_certificate(self.domain)


@pytest.fixture(scope="session")
def shop_certificate(emulator):
    certificate = ShopCertificate()
    yield certificate
    if "arn" in certificate.__dict__:
        delete_certificate(certificate.arn)
