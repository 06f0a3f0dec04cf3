"""tools/bench.py parts that can break without any figure being wrong: the code they load.

`make bench` runs `python -m tools.bench`, outside pytest and its `pythonpath`, so a
handler it times has to come from build/ (the zip as deployed), not from lambda_src/."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit

CLAIM_ANSWERS = """
import json, sys
from tools import bench
answers = bench.claim_task_answers(int(sys.argv[1]))
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
