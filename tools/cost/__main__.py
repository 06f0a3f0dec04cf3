"""The cost tool: what each example costs a month, and the decisions users ask about.

    python -m tools.cost estimate thumbnails [--format table|markdown|json]
    python -m tools.cost estimate --all                 # `make cost`
    python -m tools.cost compare lambda-managed-instances --requests-per-month 50000000 \\
        --duration-ms 200 --memory-mb 1024 --instance-type c7g.large --instances 2
    python -m tools.cost compare pipes-vs-sns-sqs --events-per-month 10000000
    python -m tools.cost compare fargate-spot
    python -m tools.cost readmes [--check]              # the estimates in the READMEs

Prices come from tools/cost/price_tables/<region>.yml, usage from examples/<name>/usage.yml,
resources from the examples' plan (tools/cost/plans.py: planned once, then kept).
"""

from __future__ import annotations

import argparse
import inspect
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from harness.terraform.roots import example_call, example_names
from tools.cost import compare
from tools.cost.estimate import Estimate, estimate, resources_of, usage_of
from tools.cost.plans import PLANS, examples_plan
from tools.cost.prices import CostInputError, PriceTable
from tools.cost.readmes import check_readmes, write_readmes
from tools.cost.render import FORMATS, render_comparison, render_estimate


def number(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def estimates(names: list[str], plan: dict, region: str | None = None) -> list[Estimate]:
    """The estimate of each named example from one plan holding them all."""
    known = example_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CostInputError(f"unknown example(s) {', '.join(unknown)}: the examples are {', '.join(known)}")
    found = []
    for name in names:
        usage = usage_of(name)
        table = PriceTable.load(region or usage.region)
        found.append(estimate(name, resources_of(plan, example_call(name)), usage, table))
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.cost", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    est = commands.add_parser("estimate", help="price examples from their plan and usage.yml")
    est.add_argument("examples", nargs="*", help="example folder names (examples/<name>)")
    est.add_argument("--all", action="store_true", help="every example")
    est.add_argument("--format", choices=FORMATS, default="table")
    est.add_argument("--region", help="price table to use instead of usage.yml's region")
    est.add_argument("--plans", type=Path, default=PLANS, help="where the examples' plan is kept (build/plans)")

    cmp_ = commands.add_parser("compare", help="one of the decisions, with the arithmetic")
    which = cmp_.add_subparsers(dest="comparison", required=True)

    lmi = which.add_parser("lambda-managed-instances", help="standard Lambda or Lambda Managed Instances")
    lmi.add_argument("--requests-per-month", type=number, required=True)
    lmi.add_argument("--duration-ms", type=number, required=True)
    lmi.add_argument("--memory-mb", type=number, required=True)
    lmi.add_argument("--instance-type", default="c7g.large")
    lmi.add_argument("--instances", type=int, default=compare.LMI_DEFAULT_INSTANCES)
    lmi.add_argument("--architecture", default="x86_64", help="of the standard Lambda function")
    lmi.add_argument("--savings-plan-discount", type=number, help="percent off the instances' on-demand price")
    lmi.add_argument("--instance-hourly-price", type=number, help="a quoted on-demand price instead of the table's")
    lmi.add_argument("--peak-factor", type=number, default=Decimal(3), help="peak load over the average (3)")
    lmi.add_argument("--runtime", default="python", help="sets the per-vCPU concurrency (python 16, nodejs 64)")
    lmi.add_argument("--concurrency-per-vcpu", type=number)

    pipes = which.add_parser("pipes-vs-sns-sqs", help="EventBridge Pipes or SNS + SQS for the order pipeline")
    pipes.add_argument("--events-per-month", type=number, required=True)
    pipes.add_argument("--payload-kb", type=number, default=Decimal(1))
    pipes.add_argument("--batch-size", type=int, default=10)
    pipes.add_argument("--duration-ms", type=number, default=Decimal(100), help="processor, per batch")
    pipes.add_argument("--publisher-duration-ms", type=number, default=Decimal(50), help="publisher, per batch")
    pipes.add_argument("--memory-mb", type=number, default=Decimal(256))

    spot = which.add_parser("fargate-spot", help="Fargate on demand or with the web-service example's Spot share")
    spot.add_argument("--tasks", type=number, default=Decimal(4), help="tasks running on average")
    spot.add_argument("--base", type=int, default=1)
    spot.add_argument("--on-demand-weight", type=int, default=1)
    spot.add_argument("--spot-weight", type=int, default=1)
    spot.add_argument("--cpu", type=int, default=256, help="task CPU units")
    spot.add_argument("--memory", type=int, default=512, help="task memory, MiB")
    spot.add_argument("--architecture", default="x86_64")
    spot.add_argument("--spot-discount", type=number, default=Decimal(70), help="percent")

    for sub in (lmi, pipes, spot):
        sub.add_argument("--format", choices=FORMATS, default="table")
        sub.add_argument("--region", default="us-east-1")

    readmes = commands.add_parser("readmes", help="write the estimates into the READMEs (--check: exit 1 if stale)")
    readmes.add_argument("--check", action="store_true")
    readmes.add_argument("--plans", type=Path, default=PLANS, help="where the examples' plan is kept (build/plans)")
    return parser


COMPARISONS = {
    "lambda-managed-instances": compare.lambda_managed_instances,
    "pipes-vs-sns-sqs": compare.pipes_vs_sns_sqs,
    "fargate-spot": compare.fargate_spot,
}


def comparison_of(args: argparse.Namespace) -> compare.Comparison:
    """The comparison named on the command line; its options are the function's keywords."""
    function = COMPARISONS[args.comparison]
    keywords = set(inspect.signature(function).parameters) - {"table"}
    return function(PriceTable.load(args.region), **{k: v for k, v in vars(args).items() if k in keywords})


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    say = lambda line: print(line, file=sys.stderr)  # noqa: E731 - progress stays off stdout (JSON)
    try:
        if args.command == "compare":
            print(render_comparison(comparison_of(args), args.format))
            return 0
        if args.command == "readmes":
            plan = examples_plan(say, args.plans)
            if args.check:
                stale = check_readmes(plan)
                for line in stale:
                    say(line)
                return 1 if stale else 0
            for path in write_readmes(plan):
                say(f"wrote {path}")
            return 0
        names = example_names() if args.all else args.examples
        if not names:
            raise CostInputError("name an example (examples/<name>) or give --all")
        results = estimates(names, examples_plan(say, args.plans), args.region)
        if args.format == "json":
            single = len(results) == 1 and not args.all
            print(
                render_estimate(results[0], "json")
                if single
                else "[" + ",\n".join(render_estimate(e, "json") for e in results) + "]"
            )
        else:
            print("\n".join(render_estimate(e, args.format) for e in results))
        return 0
    except CostInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
