"""tools/diagrams.py: each example README's architecture diagram, drawn from the session's
one plan of the examples, is current, parses with Mermaid's own parser, and draws the data
flow each example is for."""

from __future__ import annotations

import json

import pytest

from harness.paths import EXAMPLES
from harness.terraform.roots import example_names
from tools import diagrams

pytestmark = pytest.mark.plan


@pytest.fixture(scope="module")
def plan(plan_root_json) -> dict:
    return json.loads(plan_root_json.read_text())


@pytest.fixture(scope="module")
def drawn(plan) -> dict[str, diagrams.Diagram]:
    return {example: diagrams.diagram(plan, example) for example in example_names()}


def _edges(diagram: diagrams.Diagram) -> set[tuple[str, str, str]]:
    """(source, target, edge label) as a reader sees them: "Lambda: thumbnails"."""
    label = {node: text.replace("<br/>", ": ") for node, (text, _, _) in diagram.nodes.items()}
    return {(label[source], label[target], edge) for (source, target), edge in diagram.edges.items()}


def test_every_example_readme_shows_its_current_diagram(plan):
    assert diagrams.stale(plan) == [], "run make docs"
    for example in example_names():
        assert "```mermaid\nflowchart LR\n" in (EXAMPLES / example / "README.md").read_text(), example


def test_every_diagram_parses_with_mermaids_parser(drawn):
    texts = [diagram.render() for diagram in drawn.values()]
    verdicts = diagrams.parse_with_mermaid(texts)
    assert [v for v in verdicts if not v["ok"]] == []
    assert {v["type"] for v in verdicts} == {"flowchart-v2"}


def test_the_parser_refuses_a_broken_diagram():
    # The check above could not fail if the parser accepted anything.
    [verdict] = diagrams.parse_with_mermaid(['flowchart LR\n  a["x"] -->|"y"| \n  subgraph'])
    assert not verdict["ok"] and "Parse error" in verdict["error"]


def test_the_data_flow_of_each_pattern_is_drawn(drawn):
    assert ("S3 bucket: thumbnails-123456789012-us-east-1", "Lambda: thumbnails", "object events") in _edges(
        drawn["thumbnails"]
    )
    fanout = _edges(drawn["order-fanout"])
    for consumer in ("billing", "shipping", "analytics"):
        queue = f"SQS queue: orders-{consumer}"
        assert ("SNS topic: orders", queue, "filtered messages") in fanout
        # Each queue feeds its own consumer only, and fails over to its own dead-letter queue.
        assert {t for s, t, e in fanout if s == queue and e == "batches"} == {f"Lambda: orders-{consumer}"}
        assert {t for s, t, e in fanout if s == queue and e == "fails over"} == {f"{queue}-dlq"}
    assert {
        ("DynamoDB table: shop-orders", "EventBridge Pipe: shop-new-orders", "records"),
        ("EventBridge Pipe: shop-new-orders", "Lambda: shop-order-enrichment", "enrich"),
        ("EventBridge Pipe: shop-new-orders", "Lambda: shop-order-processor", "events"),
        ("EventBridge Pipe: shop-new-orders", "SQS queue: shop-new-orders-pipe-dlq", "failed records"),
        ("Lambda: shop-order-enrichment", "DynamoDB table: shop-customers", "uses"),
    } <= _edges(drawn["order-pipeline"])
    assert ("API Gateway: contact-form", "SQS queue: contact-form-messages", "integration") in _edges(
        drawn["contact-form"]
    )
    assert {
        ("S3 bucket: claims-123456789012-us-east-1", "EventBridge rule: claims-intake-upload", "events"),
        ("EventBridge rule: claims-intake-upload", "Step Functions: claims-intake", "matching events"),
        ("Step Functions: claims-intake", "Step Functions: claims", "calls"),
        ("Step Functions: claims", "Lambda: claims-validate", "calls"),
        ("SQS queue: claims-review-requests", "Lambda: claims-review", "batches"),
        ("API Gateway: claims", "Lambda: claims-decisions", "integration"),
        # Named in an environment unknown at plan, through a local map of ARNs built from names.
        ("Lambda: claims-review", "SNS topic: claims-adjusters", "uses"),
        ("Lambda: claims-review", "DynamoDB table: claims", "uses"),
    } <= _edges(drawn["claims-processing"])
    # A DynamoDB service integration names its table in its request template only.
    assert ("API Gateway: image-labels", "DynamoDB table: image-labels", "integration") in _edges(drawn["image-labels"])
    web = _edges(drawn["web-service"])
    assert {(s.split(":")[0], e) for s, t, e in web if t == "ECS service: web-service"} == {
        ("Target group", "forwards")
    }
    assert {(s, e) for s, t, e in web if t.startswith("Target group")} == {("Load balancer: web-service", "listens")}


def test_nodes_are_grouped_by_the_module_call_that_makes_them(drawn):
    fanout = drawn["order-fanout"]
    assert fanout.groups == {"orders": "module.orders (sns-sqs-fanout)"}
    assert {group for _, _, group in fanout.nodes.values()} == {"", "orders"}
    text = fanout.render()
    assert text.count("subgraph ") == 1 and text.count("\n  end\n") == 1
