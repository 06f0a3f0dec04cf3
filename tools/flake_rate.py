"""How often `make test` fails on a clean checkout, and why: whole-suite runs from fresh clones.

    python -m tools.flake_rate --runs 5          (make flake-rate RUNS=5)
    python -m tools.flake_rate --report          what the recorded runs say

Each run clones the repository into a scratch folder at one commit (HEAD when the series
starts), runs exactly what CI runs (`make test`, setup included) with the pytest temp
folder kept (TMPDIR), and records one line in build/flake-runs.jsonl: the commit, pass or fail,
wall seconds, the failed tests with the first error line of each, and what the emulators'
logs show of the known causes (moto requests that failed with a traceback, creates
answered again, requests served beside a stuck one). Runs go one after another, on the
machine as CI loads it; the report gives the flake rate over the recorded runs of each
commit, and `make bench` prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.paths import REPO

RECORD = REPO / "build" / "flake-runs.jsonl"
_NOT_INHERITED = ("AWS_", "LOCALSTACK_", "HARNESS_", "PYTEST_", "VIRTUAL_ENV", "TF_")
RUN_TIMEOUT = 90 * 60  # CI's limit
# What an emulator log line says about a known cause of flakes (harness/emulators/moto_server.py).
LOG_MARKERS = {
    "moto request failed with a traceback": re.compile(r"^Error on request:"),
    "create answered again (its first answer was lost)": re.compile(r"^harness: .* sent again"),
    "request served beside a stuck one": re.compile(r"^harness: served beside"),
    "request that held the others over 5 s": re.compile(r"^harness: slow request"),
}
KEPT_LINES = 40  # of the marked log lines, per run, in the record
LOGS = REPO / "build" / "flake-logs"  # each failed run's emulator logs and output, by the time it ended


@dataclass
class Run:
    commit: str
    passed: bool
    seconds: float
    tests: str = ""  # pytest's summary line
    failures: list[str] = field(default_factory=list)  # "<test id>: <first error line>"
    log_markers: dict[str, int] = field(default_factory=dict)
    marked: list[str] = field(default_factory=list)  # the log lines behind log_markers, the first KEPT_LINES
    errors: list[str] = field(default_factory=list)  # Terraform's errors in the output, each once


def failures(output: str) -> list[str]:
    """Each FAILED or ERROR test of pytest's short summary, with its reason."""
    return [
        line.removeprefix("FAILED ").removeprefix("ERROR ").strip()
        for line in output.splitlines()
        if line.startswith(("FAILED ", "ERROR "))
    ]


def emulator_logs(temp: Path) -> list[Path]:
    """The emulators' logs of a run: not the files a test wrote into its own tmp_path (pytest
    names that folder after the test, test_...), which may hold these very markers as data."""
    return sorted(
        log for log in temp.rglob("*.log") if not any(part.startswith("test_") for part in log.relative_to(temp).parts)
    )


# Terraform's "Error: <summary>", at a line start, after its box (│) or after an escaped newline
# (tftest's message is a repr with its newlines as \n).
TERRAFORM_ERROR = re.compile(r"(?:^|\\n|\u2502 )Error: (.+?)(?=\\n|$)", re.M)


def terraform_errors(output: str) -> list[str]:
    """Terraform's error summaries in a run's output (a failed apply's cause), each once."""
    found = (m.group(1).strip()[:300] for m in TERRAFORM_ERROR.finditer(output))
    return list(dict.fromkeys(e for e in found if not e.startswith("running command")))[:KEPT_LINES]


def log_markers(temp: Path) -> tuple[dict[str, int], list[str]]:
    """How often each known cause shows in the emulators' logs of a run, and the lines."""
    counts, lines = dict.fromkeys(LOG_MARKERS, 0), []
    for log in emulator_logs(temp):
        for line in log.read_text(errors="replace").splitlines():
            for cause, marker in LOG_MARKERS.items():
                if marker.search(line):
                    counts[cause] += 1
                    lines.append(f"{log.name}: {line.strip()}")
    return counts, lines[:KEPT_LINES]


def keep_logs(temp: Path, into: Path) -> None:
    """The emulators' logs of a run, copied flat (a folder per pytest temp path)."""
    for log in emulator_logs(temp):
        target = into / "_".join(log.relative_to(temp).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, target)


def head(source: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, check=True
    ).stdout.strip()


def one_run(source: Path, commit: str, scratch: Path) -> Run:
    """`make test` on a fresh clone of `source` at `commit`."""
    checkout, temp = scratch / "checkout", scratch / "tmp"
    temp.mkdir()
    # As /tmp is: the throwaway PostgreSQL's initdb runs as the postgres user, in here.
    scratch.chmod(0o755)
    temp.chmod(0o1777)
    subprocess.run(["git", "clone", "--quiet", str(source), str(checkout)], check=True)
    subprocess.run(["git", "checkout", "--quiet", commit], cwd=checkout, check=True)
    started = time.monotonic()
    # As CI starts it: nothing of this shell's emulators, venvs or pytest options. The run's
    # temporary files (pytest's, the emulators' logs among them) go to a folder of its own,
    # through TMPDIR: a --basetemp would reach the suite's own nested pytest runs too, which
    # refuse a base folder above their working directory. A wide terminal keeps each
    # failure's reason on its summary line.
    env = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    env.update(TMPDIR=str(temp), COLUMNS="400")
    try:
        ran = subprocess.run(
            ["make", "test"], cwd=checkout, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env
        )
        output, passed = ran.stdout + ran.stderr, ran.returncode == 0
    except subprocess.TimeoutExpired as expired:
        output, passed = f"{expired.stdout or ''}\nmake test ran past {RUN_TIMEOUT} s", False
    seconds = time.monotonic() - started
    summary = next((line.strip("= ") for line in reversed(output.splitlines()) if " in " in line and "=" in line), "")
    found = failures(output) or ([] if passed else [output.strip().splitlines()[-1] if output.strip() else "no output"])
    counts, marked = log_markers(temp)
    if not passed:
        kept = LOGS / time.strftime("%Y%m%dT%H%M%S")
        keep_logs(temp, kept)
        kept.mkdir(parents=True, exist_ok=True)
        (kept / "make-test.out").write_text(output)
    errors = terraform_errors(output) if not passed else []
    return Run(commit, passed, round(seconds, 1), summary, found, counts, marked, errors)


def record(run: Run) -> None:
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    with RECORD.open("a") as out:
        out.write(json.dumps(asdict(run)) + "\n")


def recorded() -> list[Run]:
    if not RECORD.exists():
        return []
    return [Run(**json.loads(line)) for line in RECORD.read_text().splitlines() if line.strip()]


def report(runs: list[Run]) -> str:
    """Per commit: runs, failures, the flake rate, wall times, and every failure with its cause."""
    if not runs:
        return f"no runs recorded in {RECORD.relative_to(REPO)}: python -m tools.flake_rate --runs 5"
    lines = []
    for commit in dict.fromkeys(r.commit for r in runs):
        mine = [r for r in runs if r.commit == commit]
        failed = [r for r in mine if not r.passed]
        times = sorted(r.seconds for r in mine)
        lines.append(
            f"{commit[:10]}: {len(mine)} runs, {len(failed)} failed (flake rate {len(failed) / len(mine):.0%}); "
            f"wall {times[0]:.0f}-{times[-1]:.0f} s"
        )
        for run in mine:
            markers = ", ".join(f"{cause}: {n}" for cause, n in run.log_markers.items() if n) or "nothing in the logs"
            lines.append(f"    {'pass' if run.passed else 'FAIL'} {run.seconds:5.0f} s  {run.tests}  [{markers}]")
            lines += [f"        {failure}" for failure in run.failures]
            lines += [f"        terraform: {error}" for error in run.errors]
            lines += [f"        log {line}" for line in run.marked if "Error on request" not in line]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commit", help="the commit every run checks out (default: HEAD when the series starts)")
    parser.add_argument("--report", action="store_true", help="print what the recorded runs say, run nothing")
    args = parser.parse_args(argv)
    if not args.report:
        commit = args.commit or head(REPO)  # every run of the series on one commit
        for index in range(1, args.runs + 1):
            scratch = Path(tempfile.mkdtemp(prefix="asm-flake-"))
            try:
                run = one_run(REPO, commit, scratch)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            record(run)
            print(f"run {index}/{args.runs}: {'pass' if run.passed else 'FAIL'} in {run.seconds:.0f} s {run.tests}")
            for failure in run.failures:
                print(f"    {failure}")
    print(report(recorded()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
