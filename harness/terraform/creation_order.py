"""Creation order AWS validates: a resource checked against a role or a resource policy when
it is created must be created after that policy, or its first apply fails on AWS.

AWS checks at create time what the emulators never do: ECS starts a service's first tasks
with the task definition's execution role (image pull, log stream); EventBridge, Scheduler,
Pipes, Step Functions, RDS Proxy and Lambda (an event source mapping's reads, a function's
dead-letter queue or VPC) validate that the role they are given can do the job; S3 sends a
test event to each notification target, which its resource policy must admit; Pipes cannot
read a DynamoDB stream for about a minute after it is made, so a pipe on a stream of the
same configuration waits for it (a terraform_data sleep made after the table); a REST API
stage (its logs) waits for the account's API Gateway CloudWatch role set in the same
configuration. A policy
created in the same apply but not before the resource is a race the resource loses on AWS
("Cannot access stream", "The provided execution role does not have permissions").

From `terraform graph` (resources and what each depends on, through locals, variables and
module outputs): for each resource of those types, every role policy of a role it depends
on, and for a bucket notification every permission or policy of a target it depends on,
must be among its dependencies, unless that policy depends on the resource itself. Role
policies count where they are declared in the resource's own module: a caller's policy on a
module's role (a callback grant) cannot be waited for without a cycle, and holds the caller's
grants, not what AWS checks at create.
"""

from __future__ import annotations

import re

# Resources AWS validates, when they are created, against the policies of the roles they use;
# the role named on the resource itself or, for these, on what it names (an event source
# mapping runs with its function's role, a service starts tasks with its task definition's).
VALIDATED_AGAINST_ROLES: dict[str, tuple[str, ...]] = {
    "aws_ecs_service": ("aws_ecs_task_definition",),
    "aws_cloudwatch_event_target": (),
    "aws_pipes_pipe": (),
    "aws_lambda_event_source_mapping": ("aws_lambda_function", "aws_lambda_alias"),
    "aws_scheduler_schedule": (),
    "aws_sfn_state_machine": (),
    "aws_lambda_function": (),
    "aws_db_proxy": (),
}
# Stage settings API Gateway refuses until the account names its CloudWatch role.
LOGGING_STAGES = ("aws_api_gateway_stage", "aws_api_gateway_method_settings")
ROLE_POLICIES = ("aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_role_policies_exclusive")
# A bucket notification's targets, and what admits S3 to each.
NOTIFICATION_TARGETS = ("aws_lambda_function", "aws_lambda_alias", "aws_sqs_queue", "aws_sns_topic")
TARGET_POLICIES = ("aws_lambda_permission", "aws_sqs_queue_policy", "aws_sns_topic_policy")

_EDGE = re.compile(r'^\s*"([^"]+)" -> "([^"]+)"')
_NODE = re.compile(r'^\s*"([^"]+)" \[label=')


def dependencies(dot: str) -> dict[str, set[str]]:
    """Each resource of `terraform graph`'s output and the resources it depends on directly."""
    graph: dict[str, set[str]] = {}
    for line in dot.splitlines():
        if edge := _EDGE.match(line):
            graph.setdefault(edge[1], set()).add(edge[2])
            graph.setdefault(edge[2], set())
        elif node := _NODE.match(line):
            graph.setdefault(node[1], set())
    return graph


def resource_type(node: str) -> str:
    """aws_iam_role for module.web.aws_iam_role.execution; "" for a data source."""
    parts = node.split(".")
    return "" if len(parts) < 2 or parts[-3:-2] == ["data"] else parts[-2]


def _ancestors(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Everything each node depends on, directly or not."""
    found: dict[str, set[str]] = {}

    def visit(node: str, stack: frozenset[str]) -> set[str]:
        if node not in found:
            reached: set[str] = set()
            for dependency in graph.get(node, ()):
                if dependency not in stack:
                    reached |= {dependency} | visit(dependency, stack | {node})
            found[node] = reached
        return found[node]

    for node in graph:
        visit(node, frozenset())
    return found


def _module(node: str) -> str:
    """The module a resource is declared in ("" for the root)."""
    return node.rsplit(".", 2)[0] if node.count(".") >= 2 else ""


def _reached(graph: dict[str, set[str]], start: str, through: tuple[str, ...], wanted: tuple[str, ...]) -> set[str]:
    """Nodes of the `wanted` types that `start` depends on directly or through nodes of the
    `through` types only (a reduced graph may route a reference through a policy)."""
    found, queue, seen = set(), list(graph.get(start, ())), set()
    while queue:
        node = queue.pop()
        if node in seen:
            continue
        seen.add(node)
        if resource_type(node) in wanted:
            found.add(node)
        elif resource_type(node) in through:
            queue.extend(graph.get(node, ()))
    return found


def _unwaited_streams(ancestors: dict[str, set[str]], pipe: str) -> set[str]:
    """Tables in this configuration whose stream a pipe reads without a wait (a terraform_data
    created after the table) between them."""
    tables = {n for n in ancestors[pipe] if resource_type(n) == "aws_dynamodb_table"}
    waits = [n for n in ancestors[pipe] if resource_type(n) == "terraform_data"]
    return {table for table in tables if not any(table in ancestors[wait] for wait in waits)}


def findings(dot: str) -> list[str]:
    """'<resource>: may be created before <policy> ...' for each resource that does not wait."""
    graph = dependencies(dot)
    ancestors = _ancestors(graph)
    role_policies = {
        n: _reached(graph, n, ROLE_POLICIES, ("aws_iam_role",)) for n in graph if resource_type(n) in ROLE_POLICIES
    }
    target_policies = {
        n: _reached(graph, n, ("aws_lambda_alias",), NOTIFICATION_TARGETS)
        for n in graph
        if resource_type(n) in TARGET_POLICIES
    }
    accounts = {n for n in graph if resource_type(n) == "aws_api_gateway_account"}
    found = []
    for node in sorted(graph):
        kind = resource_type(node)
        if kind == "aws_pipes_pipe":
            found.extend(
                f"{node}: may be created before Pipes can read {table}'s new stream, which it checks when it "
                'creates the pipe ("Cannot access stream", provider issue 40572): it must depend on a wait that '
                "depends on the table (modules/pipes-pipeline: stream_source_wait_seconds)"
                for table in sorted(_unwaited_streams(ancestors, node))
            )
        if kind in LOGGING_STAGES:
            found.extend(
                f"{node}: may be created before {account}, which API Gateway needs before it takes a stage's "
                'logs ("CloudWatch Logs role ARN must be set in account settings"): it must depend on it '
                "(apigw-integrations: account_cloudwatch_role_arn = module.<account>.cloudwatch_role_arn)"
                for account in sorted(accounts - ancestors[node])
            )
        if kind in VALIDATED_AGAINST_ROLES:
            uses = _reached(graph, node, (*VALIDATED_AGAINST_ROLES[kind], *ROLE_POLICIES), ("aws_iam_role",))
            needed = {
                p
                for p, roles in role_policies.items()
                if roles & uses and _module(p) == _module(node) and node not in ancestors[p]
            }
            what = "a policy of a role it uses"
        elif kind == "aws_s3_bucket_notification":
            targets = _reached(graph, node, ("aws_lambda_alias", *TARGET_POLICIES), NOTIFICATION_TARGETS)
            needed = {p for p, admits in target_policies.items() if admits & targets and node not in ancestors[p]}
            what = "what admits S3 to a target it notifies"
        else:
            continue
        for policy in sorted(needed - ancestors[node]):
            local = policy.rsplit(".", 2)[-2] + "." + policy.rsplit(".", 1)[-1]
            found.append(
                f"{node}: may be created before {policy} ({what}), which AWS checks when it creates it: "
                f"it must depend on it (depends_on = [{local}] where both are in one module)"
            )
    return found


def findings_per_call(dot: str) -> list[str]:
    """findings() of each top-level module call of a root on its own: the shared plan root
    holds every case and example side by side, each a configuration of its own."""
    calls: dict[str, list[str]] = {}
    for line in dot.splitlines():
        if edge := _EDGE.match(line):
            source, target = edge[1].split("."), edge[2].split(".")
            if source[0] == target[0] == "module" and source[1] == target[1]:
                calls.setdefault(source[1], []).append(line)
    return [finding for call in sorted(calls) for finding in findings("\n".join(calls[call]))]
