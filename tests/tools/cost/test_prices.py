"""The price tables: every price sourced and dated, tiers summed as AWS bills them, stale prices flagged."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import yaml

from tools.cost.prices import PRICE_TABLES, CostInputError, PriceTable

pytestmark = pytest.mark.unit

TABLES = sorted(PRICE_TABLES.glob("*.yml"))
# What the issue names, at least: each must be in every region's table.
REQUIRED = [
    "lambda.duration.x86_64", "lambda.duration.arm64", "lambda.requests", "lambda.provisioned_concurrency.x86_64",
    "lambda.managed_instances.management_fee", "ec2.c7g.large", "sqs.standard", "sqs.fifo", "sns.standard.publish",
    "sns.standard.delivery.sqs", "pipes.requests", "dynamodb.streams.read", "dynamodb.on_demand.read",
    "dynamodb.on_demand.write", "dynamodb.storage", "stepfunctions.standard.transition",
    "stepfunctions.express.request",
    "stepfunctions.express.duration", "apigateway.rest.requests", "logs.ingestion", "logs.storage",
    "fargate.x86_64.vcpu", "fargate.x86_64.memory", "fargate.arm64.vcpu", "fargate.arm64.memory",
    "vpc.nat_gateway.hour", "vpc.nat_gateway.data", "rds_proxy.vcpu", "elb.application.hour", "elb.application.lcu",
    "kms.key", "kms.requests",
]  # fmt: skip


def test_there_is_a_table_for_us_east_1():
    assert PRICE_TABLES / "us-east-1.yml" in TABLES


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_price_has_a_unit_a_value_a_source_and_a_date(path):
    raw = yaml.safe_load(path.read_text())
    assert raw["region"] == path.stem
    for key, price in raw["prices"].items():
        assert price.get("unit"), key
        assert ("value" in price) != ("tiers" in price), key
        assert str(price.get("source", "")).startswith("https://"), key
        assert isinstance(price.get("read"), datetime.date), key
    table = PriceTable.load(path.stem)
    assert set(REQUIRED) <= set(table.prices)


def test_tiers_are_billed_in_turn():
    table = PriceTable.load("us-east-1")
    streams = table["dynamodb.streams.read"]
    assert streams.cost(Decimal(2_500_000)) == 0
    assert streams.cost(Decimal(2_600_000)) == Decimal("0.02")  # 100k past the free 2.5M
    duration = table["lambda.duration.x86_64"]
    # 6B GB-s at the first rate, then 1B at the second: 100,000.2 + 15,000
    assert duration.cost(Decimal(7_000_000_000)) == Decimal("115000.2")
    assert duration.cost(Decimal(16_000_000_000)) == Decimal("100000.2") + Decimal(135000) + Decimal("13333.4")
    api = table["apigateway.rest.requests"]
    assert api.cost(Decimal(400_000_000)) == Decimal("1165.5") + Decimal("187.6")  # 333M × 3.50 + 67M × 2.80


def test_a_price_read_over_a_year_ago_is_printed_with_a_warning(tmp_path):
    (tmp_path / "xx-test-1.yml").write_text(
        "region: xx-test-1\ncurrency: USD\nprices:\n"
        "  old: {unit: request, value: 1, source: https://example.com/a, read: 2024-01-01}\n"
        "  fresh: {unit: request, value: 1, source: https://example.com/b, read: 2025-06-01}\n"
    )
    table = PriceTable.load("xx-test-1", tmp_path)
    today = datetime.date(2025, 6, 30)
    assert table.warnings(today=today) == [
        "WARNING: old was read on 2024-01-01 (over a year ago): check https://example.com/a"
    ]
    assert table.warnings({"fresh"}, today=today) == []  # only the prices an estimate used


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{unit: request, value: 1, read: 2025-01-01}", "has no 'source'"),
        ("{unit: request, value: 1, source: https://example.com}", "has no 'read'"),
        ("{unit: request, value: 1, source: http://example.com, read: 2025-01-01}", "source must be the https://"),
        ("{unit: request, value: 1, source: https://example.com, read: soon}", "read must be a date"),
        ("{unit: request, source: https://example.com, read: 2025-01-01}", "needs exactly one of value or tiers"),
        ("{unit: request, tiers: [{value: 1}, {up_to: 5, value: 2}], source: https://example.com, read: 2025-01-01}",
         "every tier but the last needs up_to"),
    ],
)  # fmt: skip
def test_a_price_without_its_source_date_or_value_is_refused(tmp_path, entry, message):
    (tmp_path / "xx-test-1.yml").write_text(f"region: xx-test-1\ncurrency: USD\nprices:\n  thing: {entry}\n")
    with pytest.raises(CostInputError, match=message):
        PriceTable.load("xx-test-1", tmp_path)


def test_an_unknown_region_or_instance_type_names_what_there_is():
    with pytest.raises(CostInputError, match="no price table for region 'mars-1': the tables cover us-east-1"):
        PriceTable.load("mars-1")
    with pytest.raises(CostInputError, match="unknown instance type 't2.nano'.*c7g.large"):
        PriceTable.load().instance("t2.nano")
    with pytest.raises(CostInputError, match="has no price 'nothing.here'"):
        PriceTable.load()["nothing.here"]
