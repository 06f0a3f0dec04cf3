"""tools/bench parts that can break without any figure being wrong: the code they load, and
which measurements run.

`make bench` runs `python -m tools.bench`, outside pytest and its `pythonpath`, so a
handler it times has to come from build/ (the zip as deployed), not from lambda_src/."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from harness.paths import REPO
from tools.bench import NEEDS, ORDER, load_all

pytestmark = pytest.mark.unit

CLAIM_ANSWERS = """
import json, sys
from tools.bench.claims_workflow import claim_task_answers
answers = claim_task_answers(int(sys.argv[1]))
print(json.dumps(answers, default=str))
"""


def test_the_claims_bench_runs_its_handlers_from_the_built_zips_outside_pytest(emulator):
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", CLAIM_ANSWERS, "30000"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout.splitlines()[-1])
    assert set(answers) == {"claim", "photo", "validation", "analysis", "history"}
    assert answers["validation"]["format"] == "png"  # what the workflow hands to the analysis
    # The bench's stubbed Bedrock answer, parsed by the analysis handler as deployed:
    assert answers["analysis"]["assessment"]["damage_type"] == "crushed front wing"
    assert answers["history"]["context_ref"]["claim_id"] == "claim-bench"  # checkpointed in the emulator


def test_every_file_is_one_measurement_and_runs_in_the_order():
    files = {p.stem for p in (REPO / "tools" / "bench").glob("*.py")} - {"__init__", "__main__", "common"}
    measurements = load_all()
    assert set(ORDER) == files, "a measurement file missing from ORDER, or a name in ORDER without its file"
    assert list(measurements) == list(ORDER)
    assert all(m.title and m.needs <= NEEDS for m in measurements.values())


def _bench(*args: str) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    command = [sys.executable, "-m", "tools.bench", *args]
    return subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)


def test_only_runs_the_named_measurement_and_starts_only_what_it_needs():
    done = _bench("--only", "flake_runs")  # reads build/flake-runs.jsonl: needs nothing, no emulator started
    assert done.returncode == 0, done.stderr[-3000:]
    headers = [line for line in done.stdout.splitlines() if line.startswith("==> ")]
    assert headers == ["==> make test from fresh clones (python -m tools.flake_rate; make flake-rate RUNS=5 adds runs)"]
    assert "Emulator" not in done.stdout


def test_list_names_each_measurement_with_what_it_needs():
    done = _bench("--list")
    assert done.returncode == 0, done.stderr[-3000:]
    listed = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert list(listed) == list(ORDER)
    assert "needs localstack" in listed["api_routes"] and "needs nothing" in listed["edge_variant"]


def test_an_unknown_measurement_is_refused_with_the_names():
    done = _bench("--only", "nonesuch")
    assert done.returncode == 2
    assert "invalid choice: 'nonesuch'" in done.stderr and "edge_variant" in done.stderr
