"""Creation order AWS validates (harness/terraform/creation_order.py), on `terraform graph` of
the shared plan root: every module case and example."""

from __future__ import annotations

import pytest

from harness.terraform.creation_order import findings, findings_per_call

pytestmark = pytest.mark.policy


@pytest.fixture(scope="module")
def plan_root_graph(plan_root_tf, plan_root) -> str:
    """The root's resources and what each depends on (after its plan, so it is initialised)."""
    return plan_root_tf.execute_command("graph").out


def test_every_resource_aws_validates_at_create_waits_for_the_policies_it_is_checked_against(plan_root_graph):
    assert "aws_ecs_service" in plan_root_graph and "aws_cloudwatch_event_target" in plan_root_graph
    # Each case and example is a configuration of its own (an account role of one case is
    # nothing another case's stage can wait for).
    assert findings_per_call(plan_root_graph) == []


# The fargate-service module as it was: the service waited for its listeners, not its roles' policies.
SERVICE_BEFORE_ITS_POLICIES = """
digraph G {
  "module.web.aws_ecs_service.this" -> "module.web.aws_ecs_task_definition.this";
  "module.web.aws_ecs_service.this" -> "module.web.aws_lb_listener.https";
  "module.web.aws_ecs_task_definition.this" -> "module.web.aws_iam_role.execution";
  "module.web.aws_ecs_task_definition.this" -> "module.web.aws_iam_role.task";
  "module.web.aws_iam_role_policy.execution" -> "module.web.aws_iam_role.execution";
  "module.web.aws_iam_role_policy.task" -> "module.web.aws_iam_role.task";
  "module.web.aws_iam_role_policy.other" -> "module.web.aws_iam_role.unrelated";
}
"""


def test_a_service_created_before_its_roles_policies_is_named_with_each_policy():
    assert [f.split(" (")[0] for f in findings(SERVICE_BEFORE_ITS_POLICIES)] == [
        "module.web.aws_ecs_service.this: may be created before module.web.aws_iam_role_policy.execution",
        "module.web.aws_ecs_service.this: may be created before module.web.aws_iam_role_policy.task",
    ]


def test_a_resource_that_waits_for_its_roles_policies_passes_and_a_callers_policy_on_its_role_is_not_asked():
    """A rule target depending on its role's policy; a caller's policy on a module's role (the
    claims decisions' callback grant) cannot be waited for without a cycle."""
    graph = """
      "module.claims.aws_cloudwatch_event_target.trigger" -> "module.claims.aws_iam_role_policy.triggers";
      "module.claims.aws_iam_role_policy.triggers" -> "module.claims.aws_iam_role.triggers";
      "module.decisions.aws_lambda_event_source_mapping.this" -> "module.decisions.aws_lambda_function.this";
      "module.decisions.aws_lambda_function.this" -> "module.decisions.aws_iam_role_policy.this";
      "module.decisions.aws_iam_role_policy.this" -> "module.decisions.aws_iam_role.this";
      "aws_iam_role_policy.decisions_answer_reviews" -> "module.decisions.aws_iam_role.this";
    """
    assert findings(graph) == []


def test_a_bucket_notification_must_wait_for_what_admits_s3_to_its_targets():
    graph = """
      "aws_s3_bucket_notification.uploads" -> "aws_sqs_queue.jobs";
      "aws_sqs_queue_policy.jobs" -> "aws_sqs_queue.jobs";
      "aws_s3_bucket_notification.uploads" -> "module.fn.aws_lambda_alias.live";
      "module.fn.aws_lambda_alias.live" -> "module.fn.aws_lambda_function.this";
      "module.fn.aws_lambda_permission.s3" -> "module.fn.aws_lambda_alias.live";
    """
    assert [f.split(" (")[0] for f in findings(graph)] == [
        "aws_s3_bucket_notification.uploads: may be created before aws_sqs_queue_policy.jobs",
        "aws_s3_bucket_notification.uploads: may be created before module.fn.aws_lambda_permission.s3",
    ]


# order-pipeline as it was: the pipe waited for its role's policy, not for its new stream.
PIPE_ON_A_NEW_STREAM = """
  "module.pipe.aws_pipes_pipe.this" -> "aws_dynamodb_table.orders";
  "module.pipe.aws_pipes_pipe.this" -> "module.pipe.aws_iam_role_policy.this";
  "module.pipe.aws_iam_role_policy.this" -> "module.pipe.aws_iam_role.this";
  "module.pipe.aws_iam_role_policy.this" -> "aws_dynamodb_table.orders";
"""


def test_a_pipe_on_a_stream_made_in_the_same_apply_must_wait_for_it():
    [finding] = findings(PIPE_ON_A_NEW_STREAM)
    assert finding.startswith(
        "module.pipe.aws_pipes_pipe.this: may be created before Pipes can read aws_dynamodb_table.orders's new stream"
    )
    waited = (
        PIPE_ON_A_NEW_STREAM
        + """
      "module.pipe.aws_pipes_pipe.this" -> "module.pipe.terraform_data.stream_source_wait";
      "module.pipe.terraform_data.stream_source_wait" -> "module.pipe.aws_iam_role_policy.this";
    """
    )
    assert findings(waited) == []
    # A wait that does not come after the table waits for nothing.
    unrelated = (
        PIPE_ON_A_NEW_STREAM
        + """
      "module.pipe.aws_pipes_pipe.this" -> "terraform_data.other";
    """
    )
    assert len(findings(unrelated)) == 1


def test_a_stage_set_in_the_same_configuration_as_the_account_role_waits_for_it():
    """The examples as they would be without account_cloudwatch_role_arn: the stage raced the setting."""
    graph = """
      "module.api.aws_api_gateway_stage.this" -> "module.api.aws_api_gateway_deployment.this";
      "module.api.aws_api_gateway_method_settings.all" -> "module.api.aws_api_gateway_stage.this";
      "module.apigw_account.aws_api_gateway_account.this" -> "module.apigw_account.aws_iam_role.this";
    """
    assert [f.split(",")[0] for f in findings(graph)] == [
        "module.api.aws_api_gateway_method_settings.all: may be created before "
        "module.apigw_account.aws_api_gateway_account.this",
        "module.api.aws_api_gateway_stage.this: may be created before "
        "module.apigw_account.aws_api_gateway_account.this",
    ]
    waited = graph + '"module.api.aws_api_gateway_stage.this" -> "module.apigw_account.aws_api_gateway_account.this";'
    assert findings(waited) == []


def test_each_case_of_the_shared_root_is_judged_as_a_configuration_of_its_own():
    graph = """
      "module.case_a.module.api.aws_api_gateway_stage.this" -> "module.case_a.module.api.aws_api_gateway_rest_api.this";
      "module.case_b.aws_api_gateway_account.this" -> "module.case_b.aws_iam_role.this";
    """
    assert findings(graph) != [] and findings_per_call(graph) == []
    graph += '"module.case_b.aws_api_gateway_stage.this" -> "module.case_b.aws_api_gateway_deployment.this";'
    [finding] = findings_per_call(graph)
    assert finding.startswith("module.case_b.aws_api_gateway_stage.this: may be created before")
