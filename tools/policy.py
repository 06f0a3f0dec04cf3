"""checkov over the library: built-in checks plus our own (policies/).

checkov lives in its own virtualenv (it pins an old boto3 and ships an `hcl2`
that overwrites python-hcl2), so it runs as a subprocess. Its start-up costs
~5 s, so each kind of scan is one process over every folder: the HCL scan of
all modules, examples and policy fixtures, and the scan of the session's plan
JSON (which sees resolved values that HCL scanning cannot). The two run side
by side, one per core.

    python -m tools.policy        # HCL scan; prints failures; exit 1 if any
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.paths import CHECKOV_CHECKS, EXAMPLES, MODULES, REPO
from harness.processes import stop_process_group

POLICY_FIXTURES = CHECKOV_CHECKS / "fixtures"
CHECKOV_TIMEOUT_SECONDS = 600


def checkov_bin() -> str:
    return os.environ.get("CHECKOV_BIN") or str(REPO / ".venv-checkov" / "bin" / "checkov")


def hcl_targets() -> list[Path]:
    """Every module and example folder, and the fixtures our own checks are tested on."""
    folders = sorted(p for p in MODULES.iterdir() if p.is_dir()) + sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
    return folders + sorted(p for p in POLICY_FIXTURES.iterdir() if p.is_dir())


@dataclass(frozen=True)
class Finding:
    check_id: str
    result: str  # PASSED, FAILED, SKIPPED
    resource: str
    file: str  # absolute path of the .tf file, or of the plan JSON
    reason: str = ""  # the skip reason
    check_name: str = ""

    def __str__(self) -> str:
        return f"{self.result} {self.check_id} {self.resource} ({self.file}) {self.check_name}".strip()


def _common_args() -> list[str]:
    return [
        "--external-checks-dir",
        str(CHECKOV_CHECKS),
        "--output",
        "json",
        "--skip-download",  # no network here; nothing to fetch from a platform
        "--compact",
    ]


def stage_targets(targets: list[Path], scratch: Path) -> Path:
    """Copy the folders to scan into `scratch`, keeping their paths below the repo.

    checkov takes one --directory reliably (with several it repeats the first
    folder's results), and scanning the repo root would also evaluate the test
    roots' dozens of module calls. A copy holds exactly what is scanned.
    """
    for target in targets:
        shutil.copytree(
            target, scratch / target.relative_to(REPO), ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*")
        )
    return scratch


def hcl_command(root: Path) -> list[str]:
    return [checkov_bin(), "--directory", str(root), "--framework", "terraform", *_common_args()]


def plan_command(plan_json: Path) -> list[str]:
    return [
        checkov_bin(),
        "--file",
        str(plan_json),
        "--framework",
        "terraform_plan",
        # Lets inline `#checkov:skip` comments in the .tf files apply to the plan scan.
        "--repo-root-for-plan-enrichment",
        str(REPO),
        *_common_args(),
    ]


def _parse(output: str, base: Path | None, default_file: str = "") -> list[Finding]:
    # One JSON document per scanned folder, written one after another.
    decoder = json.JSONDecoder()
    reports: list = []
    position = min((i for i in (output.find("{"), output.find("[")) if i >= 0), default=len(output))
    while position < len(output):
        document, position = decoder.raw_decode(output, position)
        reports.extend(document if isinstance(document, list) else [document])
        while position < len(output) and output[position].isspace():
            position += 1
    findings = []
    for report in reports:
        results = report.get("results", {}) if isinstance(report, dict) else {}
        for key, result in (("passed_checks", "PASSED"), ("failed_checks", "FAILED"), ("skipped_checks", "SKIPPED")):
            for item in results.get(key, []):
                findings.append(
                    Finding(
                        check_id=item["check_id"],
                        result=result,
                        resource=item.get("resource", ""),
                        file=str(base / item["file_path"].lstrip("/")) if base else default_file,
                        reason=(item.get("check_result") or {}).get("suppress_comment", "") or "",
                        check_name=item.get("check_name", ""),
                    )
                )
    return findings


def run_scans(
    plan_json: Path | None = None, targets: list[Path] | None = None, hcl: bool = True
) -> dict[str, list[Finding]]:
    """Run the HCL scan (unless `hcl` is false) and the plan scan when given a plan, side by side."""
    with tempfile.TemporaryDirectory(prefix="checkov-") as scratch:
        commands = {}
        if hcl:
            commands["hcl"] = hcl_command(stage_targets(targets or hcl_targets(), Path(scratch)))
        if plan_json is not None:
            commands["plan"] = plan_command(plan_json)
        processes = {
            name: subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, start_new_session=True
            )
            for name, cmd in commands.items()
        }
        results = {}
        try:
            for name, process in processes.items():
                try:
                    out, err = process.communicate(timeout=CHECKOV_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    raise RuntimeError(
                        f"checkov {name} scan did not finish within {CHECKOV_TIMEOUT_SECONDS}s"
                    ) from None
                # checkov exits 1 when a check fails; anything else is its own trouble.
                if process.returncode not in (0, 1) or not out.strip():
                    raise RuntimeError(f"checkov {name} scan failed ({process.returncode}):\n{err[-3000:]}")
                # HCL findings name files relative to the scanned copy: map them back to the repo.
                results[name] = _parse(out, base=REPO if name == "hcl" else None, default_file=str(plan_json))
        finally:
            # One scan failing or timing out ends the other too: nothing is left running.
            for process in processes.values():
                stop_process_group(process)
    return results


def main() -> int:
    findings = run_scans()["hcl"]
    ours = [f for f in findings if not f.file.startswith(str(POLICY_FIXTURES))]
    failed = [f for f in ours if f.result == "FAILED"]
    skipped = [f for f in ours if f.result == "SKIPPED"]
    passed = [f for f in ours if f.result == "PASSED"]
    print(f"==> checkov: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped (each with its reason)")
    for finding in failed:
        print(f"    {finding}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
