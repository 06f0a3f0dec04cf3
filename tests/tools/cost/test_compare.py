"""The decisions, reproduced to the cent: the published worked example for Lambda Managed
Instances, and the Pipes and Fargate Spot arithmetic computed here by hand."""

from __future__ import annotations

import json
import shlex
from decimal import Decimal

import pytest

from tools.cost import compare
from tools.cost.__main__ import main
from tools.cost.prices import CostInputError, PriceTable
from tools.cost.render import cents, render_comparison

pytestmark = pytest.mark.unit

TABLE = PriceTable.load("us-east-1")
# The article's inputs: 50M requests of 200 ms at 1024 MB; 2 × c7g.large at $0.07/h.
WORKED = dict(
    requests_per_month=Decimal(50_000_000),
    duration_ms=Decimal(200),
    memory_mb=Decimal(1024),
    instance_type="c7g.large",
    instances=2,
    instance_hourly_price=Decimal("0.07"),
)


def parts(option) -> dict[str, Decimal]:
    return {line.part: cents(line.amount) for line in option.lines}


def test_the_managed_instances_worked_example_to_the_cent():
    result = compare.lambda_managed_instances(TABLE, **WORKED, savings_plan_discount=Decimal("36.4"))
    standard, on_demand, discounted = result.options
    # 10M GB-s × $0.0000166667 = $166.67 compute; 50M × $0.20/M = $10.00 requests.
    assert parts(standard) == {"compute": Decimal("166.67"), "requests": Decimal("10.00")}
    assert cents(standard.total) == Decimal("176.67")
    # 2 × $0.07 × 730 h = $102.20; 15% fee $15.33; $10.00 requests: $127.53.
    assert parts(on_demand) == {
        "instances": Decimal("102.20"),
        "management fee": Decimal("15.33"),
        "requests": Decimal("10.00"),
    }
    assert cents(on_demand.total) == Decimal("127.53")
    # Instances discounted to $65.00; the fee stays on the on-demand price: $90.33.
    assert parts(discounted) == {
        "instances": Decimal("65.00"),
        "management fee": Decimal("15.33"),
        "requests": Decimal("10.00"),
    }
    assert cents(discounted.total) == Decimal("90.33")
    assert "10,000,000 GB-s × $0.0000166667" in standard.lines[0].arithmetic
    text = "\n".join(result.findings)
    assert "$90.33, 48.9% below Lambda's $176.67" in text  # "about 48%" in the article
    assert "$127.53, 27.8% below" in text
    assert "Capacity: enough" in text


def test_the_break_even_volume_is_where_the_fixed_fleet_meets_lambdas_compute():
    result = compare.lambda_managed_instances(TABLE, **WORKED)
    # ($102.20 + $15.33) / (0.2 s × 1 GB × $0.0000166667) = 35,258,929.3 → 35,258,930 requests.
    assert any("Break-even with Managed Instances, on demand: 35,258,930 requests" in f for f in result.findings)
    # One more request than that, Managed Instances is the cheaper; one fewer, Lambda is.
    for requests, lmi_cheaper in ((35_258_931, True), (35_258_929, False)):
        standard, on_demand = compare.lambda_managed_instances(
            TABLE, **{**WORKED, "requests_per_month": Decimal(requests)}
        ).options
        assert (on_demand.total < standard.total) is lmi_cheaper


def test_a_fleet_that_cannot_carry_the_peak_is_not_called_cheaper():
    # 2 billion requests of 1 s: 761 requests/s on average, 2,283 concurrent at 3× the average;
    # 2 × c7g.large carry 2 × 2 × 16 = 64.
    result = compare.lambda_managed_instances(
        TABLE, **{**WORKED, "requests_per_month": Decimal(2_000_000_000), "duration_ms": Decimal(1000)}
    )
    text = "\n".join(result.findings)
    assert "Capacity: NOT ENOUGH" in text
    # ceil(2283.1 / 32 per instance) = 72 instances: 72 × $0.07 × 730 h × 1.15 (the fee)
    assert "it takes 72 × c7g.large, $4,231.08 before requests" in text
    assert "below Lambda" not in text


def test_the_table_price_and_the_runtime_set_the_fleet_and_its_capacity():
    result = compare.lambda_managed_instances(TABLE, **{**WORKED, "instance_hourly_price": None}, runtime="nodejs")
    assert parts(result.options[1])["instances"] == Decimal("105.85")  # 2 × $0.0725 × 730
    assert "× 64 per vCPU (nodejs) = 256" in result.findings[0]
    assert any("3 instances by default" in w for w in result.warnings)


def test_pipes_against_sns_and_sqs_component_by_component():
    result = compare.pipes_vs_sns_sqs(TABLE, events_per_month=Decimal(30_000_000))
    pipes, standard, fifo = (parts(o) for o in result.options)
    # 3M GetRecords (batches of 10): 0.5M after the 2.5M free × $0.02/100k = $0.10.
    assert pipes["stream reads"] == Decimal("0.10")
    assert pipes["pipe events"] == Decimal("12.00")  # 30M × $0.40/M
    assert pipes["processor requests"] == Decimal("0.60")  # 3M invocations × $0.20/M
    # 3M × 0.1 s × 0.25 GB = 75,000 GB-s × $0.0000166667 = $1.25
    assert pipes["processor duration"] == Decimal("1.25")
    assert standard["stream reads"] == 0  # Lambda's GetRecords are free
    assert standard["SNS publishes"] == Decimal("15.00")  # 30M × $0.50/M
    assert standard["SNS to SQS deliveries"] == 0
    # 30M sends + 3M receives + 3M deletes = 36M × $0.40/M
    assert standard["SQS standard requests"] == Decimal("14.40")
    assert fifo["SQS fifo requests"] == Decimal("18.00")  # 36M × $0.50/M
    assert fifo["SNS FIFO publishes"] == Decimal("9.00")  # 30M × $0.30/M
    assert "Per million events: Pipes $0.40, SNS $0.50, SQS FIFO $0.50, Lambda $0.20" in result.findings[-1]
    assert result.findings[0].startswith("Cheapest: EventBridge Pipes")


def test_payloads_over_64_kb_are_billed_in_chunks():
    result = compare.pipes_vs_sns_sqs(TABLE, events_per_month=Decimal(1_000_000), payload_kb=Decimal(100))
    pipes, standard, _ = (parts(o) for o in result.options)
    assert pipes["pipe events"] == Decimal("0.80")  # 2 chunks each
    assert standard["SNS publishes"] == Decimal("1.00")
    # 2M sends + 100k receives of 10 × 100 KB (16 chunks each) + 100k deletes = 3.7M × $0.40/M
    assert standard["SQS standard requests"] == Decimal("1.48")


def test_fargate_spot_for_the_web_service_strategy():
    result = compare.fargate_spot(TABLE, tasks=Decimal(5))
    on_demand, mix, spot = result.options
    # 5 tasks × 730 h × 0.25 vCPU × $0.04048 = $36.94; × 0.5 GB × $0.004445 = $8.11.
    assert parts(on_demand) == {"on demand vCPU": Decimal("36.94"), "on demand memory": Decimal("8.11")}
    # Base 1 on demand, the other 4 shared 1:1: 3 on demand, 2 on Spot at 70% off.
    assert parts(mix) == {
        "on demand vCPU": Decimal("22.16"),
        "on demand memory": Decimal("4.87"),
        "Spot vCPU": Decimal("4.43"),  # 2 × 730 × 0.25 × 0.04048 × 0.3
        "Spot memory": Decimal("0.97"),
    }
    assert cents(spot.total) == Decimal("13.52")
    assert "2 of 5 tasks on Spot" in result.findings[0]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_every_format_carries_the_totals(fmt):
    text = render_comparison(
        compare.lambda_managed_instances(TABLE, **WORKED, savings_plan_discount=Decimal("36.4")), fmt
    )
    if fmt == "json":
        assert [o["total"] for o in json.loads(text)["options"]] == ["176.67", "127.53", "90.33"]
    else:
        assert all(total in text for total in ("$176.67", "$127.53", "$90.33"))
    if fmt == "markdown":
        assert "| Option | Part | Arithmetic | Monthly |" in text


def test_the_command_line_reproduces_the_worked_example(capsys):
    code = main(
        shlex.split(
            "compare lambda-managed-instances --requests-per-month 50000000 --duration-ms 200 --memory-mb 1024"
            " --instance-type c7g.large --instances 2 --instance-hourly-price 0.07 --savings-plan-discount 36.4"
        )
    )
    out = capsys.readouterr().out
    assert code == 0
    for figure in ("$166.67", "$10.00", "$102.20", "$15.33", "$127.53", "$65.00", "$90.33"):
        assert figure in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            "lambda-managed-instances --requests-per-month 1 --duration-ms 1 --memory-mb 128 --instance-type c9z.large",
            "unknown instance type 'c9z.large' in the us-east-1 price table: it has c7g.large",
        ),
        (
            "lambda-managed-instances --requests-per-month -5 --duration-ms 1 --memory-mb 128",
            "--requests-per-month is -5: it must be zero or more",
        ),
        (
            "lambda-managed-instances --requests-per-month 1 --duration-ms 1 --memory-mb 128"
            " --savings-plan-discount 120",
            "--savings-plan-discount is 120: it must be a percentage from 0 to below 100",
        ),
        (
            "lambda-managed-instances --requests-per-month 1 --duration-ms 1 --memory-mb 128 --runtime cobol",
            "--runtime is 'cobol': the table knows python, nodejs",
        ),
        (
            "lambda-managed-instances --requests-per-month 1 --duration-ms 1 --memory-mb 128 --region eu-west-9",
            "no price table for region 'eu-west-9': the tables cover us-east-1",
        ),
        ("pipes-vs-sns-sqs --events-per-month 10 --batch-size 0", "--batch-size is 0: it must be more than zero"),
        ("fargate-spot --spot-discount -1", "--spot-discount is -1: it must be a percentage"),
        ("fargate-spot --on-demand-weight 0 --spot-weight 0", "one must be above 0"),
    ],
)
def test_bad_comparison_input_is_a_clear_error_not_a_traceback(argv, message, capsys):
    assert main(["compare", *argv.split()]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err


def test_a_number_that_is_not_one_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["compare", "pipes-vs-sns-sqs", "--events-per-month", "lots"])
    assert stopped.value.code == 2
    assert "'lots' is not a number" in capsys.readouterr().err


def test_inputs_are_checked_before_any_price_is_read():
    with pytest.raises(CostInputError, match="--instances is 0"):
        compare.lambda_managed_instances(TABLE, **{**WORKED, "instances": 0})
