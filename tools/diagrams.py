"""Each example's architecture as a Mermaid diagram, drawn from its plan.

    python -m tools.diagrams            write the diagrams into the example READMEs
    python -m tools.diagrams --check    exit 1 when one is stale (make lint)

The diagram shows the services an example builds (buckets, queues, topics, functions,
tables, state machines, pipes, APIs, distributions, databases, load balancers) as nodes,
grouped by the module call that makes them, and the data flow between them as edges,
read from the resources that connect them: S3 notifications, event source mappings,
subscriptions, pipes, EventBridge targets, Lambda permissions, origins, redrive policies,
schedules and what a function's environment names. An edge's ends are found by value
where the plan knows it (this library builds ARNs from names so policies are known at
plan), and otherwise by following the configuration's references through module outputs
and inputs. The plan is the one `make cost` reads (tools/cost/plans.py): kept from the test
session when current, else planned once. tests/tools/test_diagrams.py keeps the READMEs
current and parses every diagram with Mermaid's own parser.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from harness.paths import EXAMPLES
from harness.terraform.roots import example_call, example_names
from tools.release import interface

BEGIN, END = "<!-- BEGIN_DIAGRAM -->", "<!-- END_DIAGRAM -->"
# A reference inside a local's text: module.a.b, var.x, local.y, aws_x.y (attributes after are dropped).
REFERENCE = re.compile(r"\b((?:module|var|local)\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?|aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)")

# A node per resource of these types: (what a reader calls it, the attribute with its name, Mermaid shape).
NODES: dict[str, tuple[str, str, str]] = {
    "aws_s3_bucket": ("S3 bucket", "bucket", "[({})]"),
    "aws_sqs_queue": ("SQS queue", "name", "[/{}/]"),
    "aws_sns_topic": ("SNS topic", "name", "{{{{{}}}}}"),
    "aws_lambda_function": ("Lambda", "function_name", "[{}]"),
    "aws_dynamodb_table": ("DynamoDB table", "name", "[({})]"),
    "aws_sfn_state_machine": ("Step Functions", "name", "[[{}]]"),
    "aws_pipes_pipe": ("EventBridge Pipe", "name", "[[{}]]"),
    "aws_cloudwatch_event_rule": ("EventBridge rule", "name", "[[{}]]"),
    "aws_scheduler_schedule": ("Schedule", "name", "[[{}]]"),
    "aws_api_gateway_rest_api": ("API Gateway", "name", "([{}])"),
    "aws_lambda_function_url": ("Function URL", "function_name", "([{}])"),
    "aws_cloudfront_distribution": ("CloudFront", "comment", "([{}])"),
    "aws_db_proxy": ("RDS Proxy", "name", "[[{}]]"),
    "aws_db_instance": ("RDS PostgreSQL", "identifier", "[({})]"),
    "aws_lb": ("Load balancer", "name", "([{}])"),
    "aws_lb_target_group": ("Target group", "name", "[{}]"),
    "aws_ecs_service": ("ECS service", "name", "[{}]"),
    "aws_secretsmanager_secret": ("Secret", "name", "[({})]"),
}
# Where each service keeps a resource's name in an ARN: arn:aws:<service>:...:<this>.
ARN_NAME = re.compile(
    r"^arn:aws[a-z-]*:(?P<service>[a-z0-9-]+):[a-z0-9-]*:[0-9]*:"
    r"(?:function:|table/|stateMachine:|rule/|pipe/|schedule/[^/]+/|db-proxy:|db:|secret:|loadbalancer/app/|:)?"
    r"(?P<name>[A-Za-z0-9._-]+)"
)
SERVICE_TYPES = {
    "s3": "aws_s3_bucket", "sqs": "aws_sqs_queue", "sns": "aws_sns_topic", "lambda": "aws_lambda_function",
    "dynamodb": "aws_dynamodb_table", "states": "aws_sfn_state_machine", "pipes": "aws_pipes_pipe",
    "events": "aws_cloudwatch_event_rule", "scheduler": "aws_scheduler_schedule", "rds": "aws_db_proxy",
    "secretsmanager": "aws_secretsmanager_secret", "elasticloadbalancing": "aws_lb",
}  # fmt: skip


# Attributes that name what a function or a workflow works on, matched against these only
# (an API and a table may share a name).
NAMES_DATA = ("environment.variables", "definition")
DATA = (
    "aws_s3_bucket", "aws_sqs_queue", "aws_sns_topic", "aws_dynamodb_table", "aws_sfn_state_machine",
    "aws_secretsmanager_secret", "aws_lambda_function",
)  # fmt: skip
BUCKET, FUNCTION = ("aws_s3_bucket",), ("aws_lambda_function",)
INTEGRATED = ("aws_lambda_function", "aws_sqs_queue", "aws_dynamodb_table", "aws_lb")


@dataclass(frozen=True)
class Connector:
    """A resource type that connects two nodes: the attribute path of each end, the edge's label."""

    source: str  # attribute path in the resource, "." into blocks; "self" for the connector itself
    target: str
    label: str
    source_kinds: tuple[str, ...] = ()  # what a plain name there may be (ARNs say it themselves)
    target_kinds: tuple[str, ...] = ()


CONNECTORS: dict[str, list[Connector]] = {
    "aws_s3_bucket_notification": [
        Connector("bucket", "lambda_function.lambda_function_arn", "object events", BUCKET),
        Connector("bucket", "queue.queue_arn", "object events", BUCKET),
        Connector("bucket", "topic.topic_arn", "object events", BUCKET),
    ],
    "aws_lambda_event_source_mapping": [Connector("event_source_arn", "function_name", "batches", (), FUNCTION)],
    "aws_sns_topic_subscription": [Connector("topic_arn", "endpoint", "filtered messages")],
    "aws_pipes_pipe": [
        Connector("source", "self", "records"),
        Connector("self", "enrichment", "enrich"),
        Connector("self", "target", "events"),
        Connector("self", "source_parameters.dynamodb_stream_parameters.dead_letter_config.arn", "failed records"),
        Connector("self", "source_parameters.sqs_queue_parameters.dead_letter_config.arn", "failed records"),
    ],
    "aws_cloudwatch_event_rule": [Connector("event_pattern", "self", "events", BUCKET)],
    "aws_cloudwatch_event_target": [Connector("rule", "arn", "matching events", ("aws_cloudwatch_event_rule",))],
    "aws_scheduler_schedule": [Connector("self", "target.arn", "on schedule")],
    "aws_lambda_permission": [Connector("source_arn", "function_name", "invokes", (), FUNCTION)],
    "aws_cloudfront_distribution": [
        Connector("origin.domain_name", "self", "origin"),
        Connector("self", "default_cache_behavior.lambda_function_association.lambda_arn", "runs", (), FUNCTION),
        Connector("self", "ordered_cache_behavior.lambda_function_association.lambda_arn", "runs", (), FUNCTION),
    ],
    "aws_sqs_queue": [Connector("self", "redrive_policy", "fails over", (), ("aws_sqs_queue",))],
    "aws_lambda_function_event_invoke_config": [
        Connector("function_name", "destination_config.on_failure.destination", "failed events", FUNCTION)
    ],
    "aws_lambda_function": [
        Connector("self", "environment.variables", "uses", (), DATA),
        Connector("self", "dead_letter_config.target_arn", "failed events", (), ("aws_sqs_queue",)),
    ],
    "aws_sfn_state_machine": [Connector("self", "definition", "calls", (), DATA)],
    "aws_db_proxy_target": [
        Connector("db_proxy_name", "db_instance_identifier", "connects", ("aws_db_proxy",), ("aws_db_instance",))
    ],
    "aws_db_proxy": [Connector("self", "auth.secret_arn", "reads credentials")],
    "aws_ecs_service": [Connector("load_balancer.target_group_arn", "self", "forwards", ("aws_lb_target_group",))],
    "aws_lb_listener": [Connector("load_balancer_arn", "default_action.target_group_arn", "listens")],
    "aws_api_gateway_integration": [
        Connector("rest_api_id", "uri", "integration", (), INTEGRATED),
        # A DynamoDB action's URI names no table: its request template does ("TableName").
        Connector("rest_api_id", "request_templates", "integration", (), ("aws_dynamodb_table",)),
    ],
    "aws_lambda_function_url": [Connector("self", "function_name", "invokes", (), FUNCTION)],
}
# Resources that stand for a node they point at (an alias for its function, a target group
# for the service that registers in it).
PASS_THROUGH = {
    "aws_lambda_alias": "function_name",
    "aws_cloudwatch_event_bus": None,
    "aws_sqs_queue_policy": "queue_url",
}


IGNORED_VARIABLES = ("POWERTOOLS_", "AWS_", "LOG_")


@dataclass
class Diagram:
    example: str
    nodes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> (label, shape, group)
    edges: dict[tuple[str, str], str] = field(default_factory=dict)  # (from id, to id) -> label
    groups: dict[str, str] = field(default_factory=dict)  # group -> its title

    def render(self) -> str:
        lines = ["flowchart LR"]
        by_group: dict[str, list[str]] = {}
        for node, (_, _, group) in sorted(self.nodes.items()):
            by_group.setdefault(group, []).append(node)
        for group in sorted(by_group, key=lambda g: (g != "", g)):
            indent = "  "
            if group:
                lines.append(f'  subgraph {_id(group)}["{self.groups[group]}"]')
                indent = "    "
            for node in by_group[group]:
                label, shape, _ = self.nodes[node]
                lines.append(indent + node + shape.format(f'"{label}"'))
            if group:
                lines.append("  end")
        for (source, target), label in sorted(self.edges.items()):
            lines.append(f'  {source} -->|"{label}"| {target}')
        return "\n".join(lines) + "\n"


def _id(address: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", address).strip("_")


def _unkeyed(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)


def _key(address: str) -> str | None:
    found = re.search(r"\[([^\]]*)\]$", address)
    return found.group(1) if found else None


class Example:
    """One example's planned resources and configuration, as the shared plan holds them."""

    def __init__(self, plan: dict, example: str) -> None:
        self.example = example
        self.prefix = f"module.{example_call(example)}."
        self.changes = {
            c["address"][len(self.prefix) :]: c
            for c in plan["resource_changes"]
            if c["address"].startswith(self.prefix)
            and c["mode"] == "managed"
            and "delete" not in c["change"]["actions"]
        }
        self.config = plan["configuration"]["root_module"]["module_calls"][example_call(example)]["module"]
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for address, change in self.changes.items():
            if change["type"] in NODES:
                name = (change["change"]["after"] or {}).get(NODES[change["type"]][1])
                if isinstance(name, str) and name:
                    self.by_name.setdefault((change["type"], name), []).append(address)

    # --- the configuration, by module path -------------------------------------------
    def module(self, path: tuple[str, ...]) -> dict:
        module = self.config
        for call in path:
            module = module["module_calls"][call]["module"]
        return module

    def resource_config(self, path: tuple[str, ...], address: str) -> dict | None:
        return next((r for r in self.module(path).get("resources", []) if r["address"] == address), None)

    @staticmethod
    def split(address: str) -> tuple[tuple[str, ...], str]:
        """module.a["k"].module.b.aws_x.y[0] -> (("a", "b"), "aws_x.y")."""
        parts = _unkeyed(address).split(".")
        path = []
        while parts and parts[0] == "module":
            path.append(parts[1])
            parts = parts[2:]
        return tuple(path), ".".join(parts[:2])

    def resolve(self, path: tuple[str, ...], reference: str, depth: int = 0) -> set[str]:
        """The configuration addresses (module path joined, unkeyed) a reference leads to."""
        if depth > 8:
            return set()
        parts = _unkeyed(reference).split(".")
        if parts[0] == "module" and len(parts) >= 3:
            inner = (*path, parts[1])
            output = self.module(inner).get("outputs", {}).get(parts[2], {})
            refs = output.get("expression", {}).get("references", [])
            return {a for r in refs for a in self.resolve(inner, r, depth + 1)}
        if parts[0] == "var" and path:
            parent, call = path[:-1], path[-1]
            expression = self.module(parent)["module_calls"][call].get("expressions", {}).get(parts[1], {})
            return {a for r in _references(expression) for a in self.resolve(parent, r, depth + 1)}
        if parts[0].startswith("aws_") and len(parts) >= 2:
            address = f"{parts[0]}.{parts[1]}"
            through = PASS_THROUGH.get(parts[0], "")
            if through and parts[0] not in NODES:
                config = self.resource_config(path, address) or {}
                refs = _references(config.get("expressions", {}).get(through, {}))
                return {a for r in refs for a in self.resolve(path, r, depth + 1)}
            return {".".join(f"module.{p}" for p in path) + ("." if path else "") + address}
        if parts[0] == "local" and len(parts) >= 2:
            if len(parts) >= 3:
                # An entry of a map of names, or of ARNs built from names (local.topic_arns.adjusters,
                # unknown at plan): the resource of the module named as the entry's key.
                prefix = ".".join(f"module.{p}" for p in path) + ("." if path else "")
                named = {
                    prefix + r["address"]
                    for r in self.module(path).get("resources", [])
                    if r["mode"] == "managed" and r["address"].split(".")[1] == parts[2]
                }
                if named:
                    return named
            text = self.locals(path).get(parts[1], "")
            return {a for r in REFERENCE.findall(text) for a in self.resolve(path, r, depth + 1)}
        return set()  # data.*, each.*: not a resource, or not in the configuration

    def folder(self, path: tuple[str, ...]) -> Path:
        """Where the module at `path` is written: the example's folder, then each call's source."""
        folder = EXAMPLES / self.example
        module = self.config
        for call in path:
            source = module["module_calls"][call].get("source", "")
            folder = (folder / source).resolve()
            module = module["module_calls"][call]["module"]
        return folder

    @functools.cache  # noqa: B019 (one Example per diagram, dropped after it)
    def locals(self, path: tuple[str, ...]) -> dict[str, str]:
        """The module's locals as text (the plan's configuration leaves locals out)."""
        found: dict[str, str] = {}
        for tf in sorted(self.folder(path).glob("*.tf")):
            text = tf.read_text()
            if not re.search(r"^locals\s*\{", text, re.M):
                continue
            for block in interface.parse(text).get("locals", []):
                found.update({name: json.dumps(value) for name, value in block.items() if not name.startswith("__")})
        return found

    # --- ends of an edge ------------------------------------------------------------
    def by_value(self, value: object, kinds: tuple[str, ...]) -> set[str]:
        """Nodes a known value names: by ARN or URL (which say their service), or by a plain
        name when the connector says what that attribute names (kinds)."""
        found: set[str] = set()
        for text in _strings(value):
            for kind, name in _names_in(text):
                if kind is None:
                    for declared in kinds:
                        found.update(self.by_name.get((declared, name), []))
                elif not kinds or kind in kinds:
                    found.update(self.by_name.get((kind, name), []))
        return found

    def ends(self, address: str, attribute: str, kinds: tuple[str, ...] = ()) -> set[str]:
        if attribute == "self":
            return {address}
        change = self.changes[address]["change"]
        known, unknown = _at(change["after"], attribute), _at(change["after_unknown"], attribute)
        if attribute == "environment.variables":  # what the function works on, not its own name
            known = [{k: v for k, v in (i or {}).items() if not k.startswith(IGNORED_VARIABLES)} for i in known or []]
        found = self.by_value(known, kinds) if known not in (None, "", [], {}) else set()
        if not _truthy(unknown) or (found and not isinstance(known, (dict, list))):
            return found
        # Unknown at plan, in whole or in part (an environment with one ARN of a new topic).
        return found | self.by_reference(address, attribute, kinds)

    def by_reference(self, address: str, attribute: str, kinds: tuple[str, ...]) -> set[str]:
        """Nodes the configuration's references for the attribute lead to."""
        path, local = self.split(address)
        config = self.resource_config(path, local) or {}
        references = _references(_at(config.get("expressions", {}), attribute))
        addresses = {a for r in references for a in self.resolve(path, r)}
        dynamic = "." in attribute and _at(config.get("expressions", {}), attribute) in (None, [], [None])
        if not references and kinds and dynamic:
            # A dynamic block (the JSON leaves it out): what the connector names, in its own
            # module instance, else in the example.
            module_instance = address[: address.rfind(local.split(".")[0])]
            near = {i for i in self.changes if i.startswith(module_instance) and self.changes[i]["type"] in kinds}
            return near or {i for i in self.changes if self.changes[i]["type"] in kinds}
        if not addresses and path and all(r.startswith(("local.", "each.")) for r in references):
            # Built in a local or a for_each from the module's inputs (the JSON has neither):
            # the call's input named for the attribute ("pipe_source" for "source",
            # "event_source_mappings" for "event_source_arn") says what it is.
            # Else, where the connector says what it names, whatever of that kind the inputs name.
            name = attribute.split(".")[-1].removesuffix("_arn")
            call = self.module(path[:-1])["module_calls"][path[-1]].get("expressions", {})
            named = [e for input_name, e in call.items() if name in input_name] or (
                list(call.values()) if kinds else []
            )
            addresses |= {a for e in named for r in _references(e) for a in self.resolve(path[:-1], r)}
        instances = {
            i
            for i in self.changes
            if _unkeyed(i) in addresses
            and self.changes[i]["type"] in NODES
            and (not kinds or self.changes[i]["type"] in kinds)
        }
        # A for_each connector points at its own instance: the one in the same module instance
        # (module.consumer["billing"]), else the one with the same key.
        module_instance = address[: address.rfind(local.split(".")[0])]
        same_module = {i for i in instances if module_instance and i.startswith(module_instance)}
        same_key = {i for i in instances if _key(i) == _key(address)}
        return (same_key & same_module) or same_key or same_module or instances


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
        if value.startswith(("{", "[")):
            with contextlib.suppress(ValueError):  # a JSON document: a policy, a definition
                yield from _strings(json.loads(value))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _names_in(text: str) -> Iterable[tuple[str | None, str]]:
    """(resource type or None for any, name) that a string may name: an ARN, a URL, a name."""
    for arn in re.findall(r"arn:aws[a-z-]*:[^\s\"',]+", text):
        nested = re.search(r"/functions/(arn:[^/]+)/invocations", arn)
        if nested:
            arn = nested.group(1)
        match = ARN_NAME.match(arn)
        if match and match.group("service") in SERVICE_TYPES:
            yield SERVICE_TYPES[match.group("service")], match.group("name")
    for queue in re.findall(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:sqs:path/[0-9]+/([A-Za-z0-9._-]+)", text):
        yield "aws_sqs_queue", queue  # an API Gateway service integration's SendMessage
    for table in re.findall(r'"TableName"\s*:\s*"([A-Za-z0-9._-]+)"', text):
        yield "aws_dynamodb_table", table  # a request template or a definition's DynamoDB call
    for url_name in re.findall(r"https://sqs\.[^/]+/[0-9]+/([A-Za-z0-9._-]+)", text):
        yield "aws_sqs_queue", url_name
    domain = re.match(r"^([a-z0-9.-]+)\.s3\.[a-z0-9.-]*amazonaws\.com$", text)
    if domain:
        yield "aws_s3_bucket", domain.group(1)
    if re.fullmatch(r"[A-Za-z0-9._-]{3,}", text):
        yield None, text


def _at(value: object, path: str) -> object:
    """value["a"]["b"], through every item of a list on the way (nested blocks are lists)."""
    for part in path.split("."):
        if isinstance(value, list):
            value = [_at(item, part) for item in value]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def _truthy(value: object) -> bool:
    if isinstance(value, list):
        return any(_truthy(v) for v in value)
    if isinstance(value, dict):
        return any(_truthy(v) for v in value.values())
    return bool(value)


def _references(expression: object) -> list[str]:
    if isinstance(expression, dict):
        refs = list(expression.get("references", []))
        for key, value in expression.items():
            if key != "references":
                refs += _references(value)
        return refs
    if isinstance(expression, list):
        return [r for item in expression for r in _references(item)]
    return []


def diagram(plan: dict, example: str) -> Diagram:
    found = Example(plan, example)
    drawn = Diagram(example)
    for address, change in found.changes.items():
        if change["type"] not in NODES:
            continue
        kind, name_attribute, shape = NODES[change["type"]]
        after = change["change"]["after"] or {}
        prefix = after.get("name_prefix")
        name = after.get(name_attribute) or (f"{prefix}*" if prefix else address.split(".")[-1])
        path, _ = found.split(address)
        group = path[0] if path else ""
        if group:
            source = found.config["module_calls"][group].get("source", "")
            drawn.groups[group] = f"module.{group} ({source.rstrip('/').split('/')[-1]})"
        drawn.nodes[_id(address)] = (f"{kind}<br/>{name}", shape, group)
    for address, change in found.changes.items():
        for connector in CONNECTORS.get(change["type"], []):
            for source in found.ends(address, connector.source, connector.source_kinds):
                for target in found.ends(address, connector.target, connector.target_kinds):
                    if source != target and _id(source) in drawn.nodes and _id(target) in drawn.nodes:
                        drawn.edges.setdefault((_id(source), _id(target)), connector.label)
    return drawn


def block(plan: dict, example: str) -> str:
    return f"{BEGIN}\n```mermaid\n{diagram(plan, example).render()}```\n{END}"


def _replace(text: str, new: str) -> str | None:
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        return None
    return text[:start] + new + text[end + len(END) :]


def stale(plan: dict) -> list[str]:
    found = []
    for example in example_names():
        readme = (EXAMPLES / example / "README.md").read_text()
        if _replace(readme, block(plan, example)) != readme:
            found.append(example)
    return found


def write(plan: dict) -> list[str]:
    written = []
    for example in example_names():
        path = EXAMPLES / example / "README.md"
        text = path.read_text()
        updated = _replace(text, block(plan, example))
        if updated is None:
            raise SystemExit(f"{path}: no {BEGIN} ... {END} markers: add them where the diagram goes")
        if updated != text:
            path.write_text(updated)
            written.append(example)
    return written


def parse_with_mermaid(texts: list[str]) -> list[dict]:
    """Mermaid's own parser's verdict on each text (tools/mermaid_parse.mjs, on Node)."""
    import subprocess

    from harness.authorization.simulator import node_modules

    script = Path(__file__).with_name("mermaid_parse.mjs")
    env = {**os.environ, "HARNESS_NODE_MODULES": str(node_modules())}
    done = subprocess.run(
        ["node", str(script)], input=json.dumps(texts), capture_output=True, text=True, env=env, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"mermaid_parse.mjs failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    from tools.cost.plans import examples_plan

    parser = argparse.ArgumentParser(prog="python -m tools.diagrams", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a README's diagram is stale")
    args = parser.parse_args(argv)
    plan = examples_plan(say=lambda message: print(f"==> {message}"))
    if args.check:
        found = stale(plan)
        for example in found:
            print(f"examples/{example}/README.md: the diagram is stale: run make docs")
        return 1 if found else 0
    for example in write(plan):
        print(f"wrote examples/{example}/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
