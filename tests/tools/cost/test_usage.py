"""Bad usage files: each gets one clear message naming the field, never a traceback or a zero."""

from __future__ import annotations

import pytest
import yaml

from tools.cost import estimate as estimate_module
from tools.cost.__main__ import main
from tools.cost.estimate import estimate
from tools.cost.prices import CostInputError, PriceTable
from tools.cost.resources import Resource
from tools.cost.usage import Usage

pytestmark = pytest.mark.unit

FUNCTION = Resource(
    "module.f.aws_lambda_function.this[0]",
    "aws_lambda_function",
    {"function_name": "orders", "memory_size": 256, "architectures": ["x86_64"]},
)
QUEUE = Resource("aws_sqs_queue.q", "aws_sqs_queue", {"name": "orders-dlq"})
GOOD = {
    "functions": {"orders": {"requests_per_month": 1000, "duration_ms": 50}},
    "queues": {"*-dlq": {"messages_per_month": 10, "payload_kb": 1, "receive_batch_size": 10}},
}

# (usage.yml as written, the message it must fail with)
BAD = {
    "missing_field": (
        {"functions": {"orders": {"requests_per_month": 1000}}, "queues": GOOD["queues"]},
        "usage.yml: functions.orders.duration_ms is missing (average billed duration of one invocation, in ms)",
    ),
    "negative_field": (
        {**GOOD, "functions": {"orders": {"requests_per_month": -1, "duration_ms": 50}}},
        "usage.yml: functions.orders.requests_per_month is -1: it must be zero or more",
    ),
    "not_a_number": (
        {**GOOD, "functions": {"orders": {"requests_per_month": "lots", "duration_ms": 50}}},
        "usage.yml: functions.orders.requests_per_month is 'lots': it must be a number",
    ),
    "a_boolean": (
        {**GOOD, "functions": {"orders": {"requests_per_month": True, "duration_ms": 50}}},
        "usage.yml: functions.orders.requests_per_month is True: it must be a number",
    ),
    "pattern_field_negative": (
        {**GOOD, "queues": {"*-dlq": {"messages_per_month": 10, "payload_kb": -2, "receive_batch_size": 10}}},
        "usage.yml: queues.'*-dlq' (for orders-dlq).payload_kb is -2: it must be zero or more",
    ),
    "no_entry": (
        {"functions": GOOD["functions"]},
        "usage.yml: queues has no entry for 'orders-dlq': queues.orders-dlq.messages_per_month is missing",
    ),
    "unknown_section": ({**GOOD, "lambdas": {}}, "usage.yml: 'lambdas' is not a section this tool reads"),
    "unknown_field": (
        {**GOOD, "functions": {"orders": {"requests_per_month": 1, "duration_ms": 5, "duraton_ms": 5}}},
        "usage.yml: functions.orders has fields this tool does not read (duraton_ms):"
        " it reads duration_ms, requests_per_month",
    ),
    "a_list_for_a_section": ({**GOOD, "functions": ["orders"]}, "usage.yml: functions must map names to fields"),
    "traced_without_traces": (
        {**GOOD, "functions": GOOD["functions"]},
        "usage.yml: traces_per_month is missing (X-Ray traces recorded a month (needed when anything is traced))",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_usage_names_the_field(case):
    data, message = BAD[case]
    resources = [FUNCTION, QUEUE]
    if case == "traced_without_traces":
        resources = [
            Resource(FUNCTION.address, FUNCTION.type, {**FUNCTION.values, "tracing_config": [{"mode": "Active"}]}),
            QUEUE,
        ]
    with pytest.raises(CostInputError) as raised:
        estimate("test", resources, Usage.of(data), PriceTable.load())
    assert str(raised.value).startswith(message)


def test_good_usage_prices_both_and_reports_entries_that_match_nothing():
    result = estimate(
        "test", [FUNCTION, QUEUE], Usage.of({**GOOD, "tables": {"gone": {"stored_gb": 1}}}), PriceTable.load()
    )
    assert {row.address for row in result.rows} == {FUNCTION.address, QUEUE.address}
    assert result.warnings == ["usage.yml: tables.gone matches nothing in the plan"]


def test_an_exact_entry_wins_over_a_pattern():
    usage = Usage.of({"queues": {"*": {"payload_kb": 1}, "orders-dlq": {"payload_kb": 9}}})
    assert usage.number("queues", "orders-dlq", "payload_kb") == 9
    assert usage.number("queues", "other", "payload_kb") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "examples/demo/usage.yml is missing: write what a month of traffic looks like there"),
        ("functions: [unclosed", "examples/demo/usage.yml is not valid YAML"),
        ("- a list", "examples/demo/usage.yml must be a mapping of sections, not list"),
    ],
)
def test_a_missing_or_broken_usage_file_is_a_clear_error(tmp_path, monkeypatch, capsys, text, message):
    example = tmp_path / "demo"
    example.mkdir()
    (example / "main.tf").write_text("")
    if text is not None:
        (example / "usage.yml").write_text(text)
    monkeypatch.setattr(estimate_module, "EXAMPLES", tmp_path)
    monkeypatch.setattr("tools.cost.__main__.example_names", lambda: ["demo"])
    monkeypatch.setattr("tools.cost.__main__.examples_plan", lambda say, folder: {"resource_changes": []})
    assert main(["estimate", "demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}")
    assert "Traceback" not in err


def test_an_unknown_example_or_region_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setattr("tools.cost.__main__.examples_plan", lambda say, folder: {"resource_changes": []})
    assert main(["estimate", "no-such-example"]) == 2
    assert "unknown example(s) no-such-example: the examples are claims-processing" in capsys.readouterr().err
    assert main(["estimate", "thumbnails", "--region", "eu-west-9"]) == 2
    assert "no price table for region 'eu-west-9'" in capsys.readouterr().err


def test_every_example_has_a_usage_file_that_reads():
    from harness.terraform.roots import example_names

    for name in example_names():
        usage = estimate_module.usage_of(name)
        assert usage.data.get("description"), f"examples/{name}/usage.yml says what its month looks like"
        yaml.safe_dump(usage.data)  # plain data, nothing a reader cannot see
