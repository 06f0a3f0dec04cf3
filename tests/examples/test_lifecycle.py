"""Every example, on every emulator its deployments.yml names: apply, a second plan with no
changes but the emulator's known drift, its scenario tests (in its folder), destroy, and an
emulator left empty. Adding an example adds a deployments.yml and a scenario, not a lifecycle."""

from __future__ import annotations

import pytest

from harness.authorization.deliveries import deliveries, judge
from harness.authorization.documents import account_documents
from harness.authorization.enforcement import scenario
from harness.authorization.simulator import simulator
from harness.emulators.inventory import leftovers
from harness.emulators.servers import patched_environ
from harness.terraform.apply import unexpected_changes
from harness.terraform.lifecycle import deployments

pytestmark = pytest.mark.apply

DEPLOYMENTS = deployments()


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_the_example_applies_and_a_second_plan_shows_no_changes(deployments, deployment):
    example = deployments.get(deployment)
    assert unexpected_changes(example.plan(), deployment.emulator_kind) == []


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_destroy_leaves_the_emulator_empty(deployments, deployment):
    example = deployments.get(deployment)
    example.destroy()
    assert leftovers(deployments.emulator(deployment)) == []


def test_every_example_is_deployed_somewhere():
    from harness.terraform.roots import example_names

    assert {d.example for d in DEPLOYMENTS} == set(example_names())


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=str)
def test_every_delivery_the_example_wires_is_one_aws_would_make(deployments, deployment):
    """Right after apply: each delivery a service makes (S3 notifications, SNS subscriptions,
    alarm actions, rule targets, API Gateway's Lambda calls, CloudFront's reads of its bucket)
    and each access AWS makes with a role (a function's dead-letter target, destinations and
    event source reads, targets' and schedules' roles), judged for that principal against the
    target's policy and key policy (harness/authorization/deliveries.py), on the emulator the
    example is applied on."""
    deployments.get(deployment)
    with patched_environ(deployments.emulator(deployment).env), scenario():
        judged = [judge(delivery) for delivery in deliveries()]
    assert all(j.decisions for j in judged)


@pytest.mark.parametrize("deployment", [d for d in DEPLOYMENTS if d.emulator_kind == "moto"], ids=str)
def test_every_policy_the_applied_account_holds_works_on_aws(deployments, deployment):
    """The policies as the apply wrote them (known only then: ARNs of keys, streams, versions),
    read against IAM's catalogue as tests/policies/test_iam_catalogue.py reads the plan's."""
    deployments.get(deployment)
    documents = account_documents()
    assert documents  # every example holds at least one role
    assert [f"{d.where}: {f}" for d in documents for f in simulator().lint(d.policy, d.kind)] == []
