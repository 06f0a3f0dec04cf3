"""modules/fargate-service applied on moto (tests/modules/fargate-service/pipeline_deploys): a
deployment pipeline registers a new revision and updates each service out of band, as CI
does (RegisterTaskDefinition, UpdateService); the next plan leaves the pipeline-owned
service on the pipeline's revision and takes the Terraform-owned one back to Terraform's.

moto runs no containers: what is checked is the revision each service is set to run and
what Terraform plans for it."""

from __future__ import annotations

import os

import pytest

from harness.terraform.apply import applied, unexpected_changes

pytestmark = pytest.mark.apply

ROOT = "tests/modules/fargate-service/pipeline_deploys"
PIPELINE_IMAGE = "public.ecr.aws/nginx/nginx:1.28"
# What a CI job copies from the running revision into the one it registers.
REGISTERED_FIELDS = (
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "runtimePlatform",
    "volumes",
)


def deploy_from_a_pipeline(ecs, cluster: str, service: dict) -> str:
    """A new revision of the service's family with another image, set on the service; its ARN."""
    running = ecs.describe_task_definition(taskDefinition=service["task_definition_arn"])["taskDefinition"]
    containers = [{**c, "image": PIPELINE_IMAGE} for c in running["containerDefinitions"]]
    revision = ecs.register_task_definition(
        **{k: running[k] for k in REGISTERED_FIELDS if running.get(k)}, containerDefinitions=containers
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster=cluster, service=service["name"], taskDefinition=revision)
    return revision


@pytest.fixture(scope="module")
def deployed_out_of_band(emulator, scratch):
    env = {**os.environ, **emulator.env}
    with applied(ROOT, scratch / "apply-fargate-pipeline-deploys", emulator, env) as root:
        assert unexpected_changes(root.plan(), "moto") == [], "the root is stable before the pipeline deploys"
        ecs = emulator.client("ecs")
        cluster, services = root.outputs["cluster_arn"], root.outputs["services"]
        revisions = {key: deploy_from_a_pipeline(ecs, cluster, service) for key, service in services.items()}
        yield root, ecs, revisions, root.plan()


def running_revision(ecs, root, key: str) -> str:
    [service] = ecs.describe_services(
        cluster=root.outputs["cluster_arn"], services=[root.outputs["services"][key]["name"]]
    )["services"]
    return service["taskDefinition"]


def test_the_pipelines_revision_runs_on_both_services_before_the_plan(deployed_out_of_band):
    root, ecs, revisions, _ = deployed_out_of_band
    for key, revision in revisions.items():
        assert revision.endswith(":2"), "the pipeline's is the family's second revision"
        assert running_revision(ecs, root, key) == revision


def test_the_next_plan_leaves_the_pipeline_owned_service_on_the_pipelines_revision(deployed_out_of_band):
    root, _, _, plan = deployed_out_of_band
    owned = {a: c for a, c in plan.resource_changes.items() if a.startswith("module.pipeline_owned.")}
    assert "module.pipeline_owned.aws_ecs_service.pipeline_owned[0]" in owned
    assert [f"{a}: {c['change']['actions']}" for a, c in owned.items() if c["change"]["actions"] != ["no-op"]] == []


def test_the_next_plan_takes_the_terraform_owned_service_back_to_terraforms_revision(deployed_out_of_band):
    root, _, revisions, plan = deployed_out_of_band
    change = plan.resource_changes["module.terraform_owned.aws_ecs_service.this[0]"]["change"]
    assert change["actions"] == ["update"]
    assert (change["before"]["task_definition"], change["after"]["task_definition"]) == (
        revisions["terraform_owned"],
        root.outputs["services"]["terraform_owned"]["task_definition_arn"],
    )
