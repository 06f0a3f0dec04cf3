"""The estimates the READMEs show, written from the tool's own output.

Each example README has its estimate at its usage between <!-- BEGIN_COST --> and
<!-- END_COST -->; the top README's "What it costs" shows `make cost` for one example and
the comparisons, each between its own markers. `python -m tools.cost readmes` rewrites
them; tests/tools/cost/test_plan.py fails when one no longer matches what the tool prints.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from harness.paths import EXAMPLES, REPO
from harness.terraform.roots import example_call, example_names
from tools.cost.estimate import estimate, resources_of, usage_of
from tools.cost.prices import PriceTable
from tools.cost.render import render_comparison, render_estimate

README_EXAMPLE = "thumbnails"  # the example whose `make cost` output the top README shows
# The comparisons the top README shows, as the command lines it prints (and runs here).
README_COMPARISONS = {
    "LMI": "lambda-managed-instances --requests-per-month 50000000 --duration-ms 200 --memory-mb 1024 "
    "--instance-type c7g.large --instances 2 --instance-hourly-price 0.07 --savings-plan-discount 36.4",
    "PIPES": "pipes-vs-sns-sqs --events-per-month 10000000",
    "SPOT": "fargate-spot",
}


def _block(name: str) -> tuple[str, str]:
    return f"<!-- BEGIN_COST{name} -->", f"<!-- END_COST{name} -->"


def example_block(plan: dict, example: str) -> str:
    usage = usage_of(example)
    result = estimate(example, resources_of(plan, example_call(example)), usage, PriceTable.load(usage.region))
    return (
        render_estimate(result, "markdown")
        + f"\n\nAt the month described in [usage.yml](usage.yml); `python -m tools.cost estimate {example}`"
        " prints it again (`--format json` for tools)."
    )


def top_blocks(plan: dict) -> dict[str, str]:
    from tools.cost.__main__ import _parser, comparison_of  # the CLI's own parsing of each line

    usage = usage_of(README_EXAMPLE)
    table = PriceTable.load(usage.region)
    result = estimate(README_EXAMPLE, resources_of(plan, example_call(README_EXAMPLE)), usage, table)
    blocks = {"_ESTIMATE": f"```text\n$ python -m tools.cost estimate {README_EXAMPLE}\n{render_estimate(result)}```"}
    for name, line in README_COMPARISONS.items():
        args = _parser().parse_args(["compare", *shlex.split(line), "--format", "markdown"])
        blocks[f"_{name}"] = (
            f"```sh\npython -m tools.cost compare {line}\n```\n\n{render_comparison(comparison_of(args), 'markdown')}"
        )
    return blocks


def _wanted(plan: dict) -> dict[Path, dict[str, str]]:
    wanted = {EXAMPLES / name / "README.md": {"": example_block(plan, name)} for name in example_names()}
    wanted[REPO / "README.md"] = top_blocks(plan)
    return wanted


def _replace(text: str, name: str, content: str) -> str | None:
    begin, end = _block(name)
    pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        return None
    return pattern.sub(lambda _: f"{begin}\n{content}\n{end}", text)


def write_readmes(plan: dict) -> list[Path]:
    written = []
    for path, blocks in _wanted(plan).items():
        text = path.read_text()
        for name, content in blocks.items():
            replaced = _replace(text, name, content)
            if replaced is None:
                if name:
                    raise ValueError(f"{path.relative_to(REPO)} has no {_block(name)[0]} block")
                begin, end = _block(name)
                replaced = text.rstrip("\n") + f"\n\n## What it costs\n\n{begin}\n{content}\n{end}\n"
            text = replaced
        if text != path.read_text():
            path.write_text(text)
            written.append(path.relative_to(REPO))
    return written


def check_readmes(plan: dict) -> list[str]:
    """One line per README block that is missing or differs from what the tool prints now."""
    stale = []
    for path, blocks in _wanted(plan).items():
        text = path.read_text()
        for name, content in blocks.items():
            if _replace(text, name, content) != text:
                stale.append(
                    f"{path.relative_to(REPO)}: {_block(name)[0]} is missing or stale (python -m tools.cost readmes)"
                )
    return stale
