"""`make cost` on the examples as planned: the shared plan root (planned once per session,
and kept for `make cost`), every example priced with nothing NOT PRICED, and the READMEs'
figures what the tool prints."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from harness.terraform.plan import ModulePlan
from harness.terraform.roots import example_call, example_names
from tools.cost import compare
from tools.cost.__main__ import estimates, main
from tools.cost.estimate import estimate, resources_in_state, usage_of
from tools.cost.plans import PLANS, current
from tools.cost.prices import PriceTable
from tools.cost.readmes import check_readmes
from tools.cost.render import render_estimate

pytestmark = pytest.mark.plan


@pytest.fixture(scope="module")
def plan(plan_root) -> dict:
    return plan_root._raw


@pytest.fixture(scope="module")
def every_estimate(plan):
    return {e.example: e for e in estimates(example_names(), plan)}


def test_every_example_is_priced_from_its_plan_with_nothing_not_priced(every_estimate, plan_root):
    assert sorted(every_estimate) == example_names()
    for name, result in every_estimate.items():
        assert result.not_priced == [], name
        assert result.warnings == [], name  # no stale price, no usage entry left unused
        assert result.total > 0 and result.rows, name
        managed = ModulePlan.of(plan_root, example_call(name)).managed
        priced_or_free = {row.address for row in result.rows}
        assert priced_or_free <= set(managed) | {"(example)"}, name
        # Every planned resource is either on a row or counted as costing nothing.
        assert len(managed) == len({r for r in priced_or_free if r != "(example)"}) + sum(result.free.values()), name


def test_a_deployed_state_is_priced_as_its_plan(every_estimate, plan):
    """`make demo` prices what it deployed from `terraform show -json` of the state, whose
    `values` have the shape of a plan's `planned_values`: the same resources, the same total."""
    shown = {"values": plan["planned_values"]}
    for name, from_plan in every_estimate.items():
        usage = usage_of(name)
        from_state = estimate(name, resources_in_state(shown, example_call(name)), usage, PriceTable.load(usage.region))
        assert (from_state.total, from_state.not_priced) == (from_plan.total, []), name
        assert sorted(r.address for r in from_state.rows) == sorted(r.address for r in from_plan.rows), name


def test_the_examples_pay_for_what_they_plan(every_estimate):
    prices = {name: {row.price_key for row in e.rows} for name, e in every_estimate.items()}
    assert {"vpc.nat_gateway.hour", "elb.application.hour", "fargate.x86_64.vcpu"} <= prices["web-service"]
    assert {"rds.postgres.db.t4g.micro", "rds_proxy.vcpu", "vpc.interface_endpoint.hour"} <= prices["orders-db"]
    assert {"pipes.requests", "dynamodb.streams.read", "dynamodb.point_in_time_recovery"} <= prices["order-pipeline"]
    assert {"stepfunctions.standard.transition", "stepfunctions.express.request"} <= prices["claims-processing"]
    assert {"sns.standard.publish", "sqs.standard"} <= prices["order-fanout"]
    assert "elb.network.hour" in prices["integration-types"]
    spot = [row for row in every_estimate["web-service"].rows if "Spot" in row.counted]
    assert spot and all("less 70%" in row.unit_price for row in spot)


def test_json_rows_add_up_to_the_total_and_markdown_is_a_table(every_estimate):
    for result in every_estimate.values():
        data = json.loads(render_estimate(result, "json"))
        assert sum(Decimal(row["monthly_exact"]) for row in data["rows"]) == result.total
        assert data["total"] == str(result.total.quantize(Decimal("0.01")))
        markdown = render_estimate(result, "markdown")
        assert "| Resource | Counted | Quantity | Unit price | Monthly |" in markdown


def test_the_readmes_show_what_the_tool_prints(plan):
    assert check_readmes(plan) == []


def test_the_fargate_spot_defaults_are_the_web_service_examples(plan_root):
    web = ModulePlan.of(plan_root, "example_web_service")
    task = web.one("aws_ecs_task_definition")
    service = web.one("aws_ecs_service")
    strategy = {s["capacity_provider"]: s for s in service["capacity_provider_strategy"]}
    defaults = compare.fargate_spot.__kwdefaults__
    assert (int(task["cpu"]), int(task["memory"])) == (defaults["cpu"], defaults["memory"])
    assert strategy["FARGATE"]["base"] == defaults["base"]
    assert (strategy["FARGATE"]["weight"], strategy["FARGATE_SPOT"]["weight"]) == (
        defaults["on_demand_weight"],
        defaults["spot_weight"],
    )


def test_make_cost_reuses_the_sessions_plan_instead_of_planning_again(plan_root, capsys):
    found = current()
    assert found is not None and found[1] == PLANS / "plan.json"
    assert main(["estimate", "--all", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "plan: build/plans/plan.json (current" in captured.err
    assert [e["example"] for e in json.loads(captured.out)] == example_names()
