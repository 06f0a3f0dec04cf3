"""What `make release` refuses, on throwaway git repositories (tools/release/gates.py).

Each repository holds this checkout's modules/ and a CHANGELOG, committed and tagged
v1.0.0; a test then changes what its case needs. The record `make test` leaves is
written by the test where a case needs the commit tested (tests/conftest.py writes
it for real after a passing whole-suite run on a clean tree).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from harness.paths import MODULES, REPO
from tools.release import gates
from tools.release.gates import throwaway_git

pytestmark = pytest.mark.unit

CHANGELOG = """# Changelog

## [Unreleased]

## [1.1.0] - 2026-12-03

### Added
- Something a caller can use.

## [2.0.0] - 2026-12-03

### Removed
- Something a caller used.

## [1.0.0] - 2026-12-01

First release.
"""


def _commit(repo: Path, message: str) -> str:
    throwaway_git(repo, "add", "-A")
    throwaway_git(repo, "commit", "-q", "-m", message)
    return gates.head(repo)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "library"
    shutil.copytree(MODULES, repo / "modules", ignore=shutil.ignore_patterns(".terraform*"))
    (repo / "CHANGELOG.md").write_text(CHANGELOG)
    (repo / ".gitignore").write_text("build/\n")
    throwaway_git(repo, "init", "-q", "-b", "main")
    _commit(repo, "1.0.0")
    throwaway_git(repo, "tag", "-a", "v1.0.0", "-m", "1.0.0")
    return repo


def _change(repo: Path, path: str, old: str, new: str, message: str) -> str:
    file = repo / path
    text = file.read_text()
    assert old in text, f"{path} no longer holds {old!r}: the case needs updating"
    file.write_text(text.replace(old, new, 1))
    commit = _commit(repo, message)
    gates.record_test_run(repo, commit, tests_passed=1)
    return commit


def _additive(repo: Path) -> None:
    (repo / "modules" / "pipes-pipeline" / "outputs_extra.tf").write_text(
        'output "pipe_name_upper" {\n  description = "The name, upper case."\n  value       = upper(var.name)\n}\n'
    )
    gates.record_test_run(repo, _commit(repo, "an output more"), tests_passed=1)


def test_an_additive_release_passes_and_is_tagged_with_its_changelog_section(repo):
    _additive(repo)
    verdict = gates.judge(repo, "1.1.0")
    assert verdict.refusals == () and verdict.breaking == {} and verdict.previous == "1.0.0"
    dist = repo.parent / "dist"
    command = [sys.executable, "-m", "tools.release", "release", "--version", "1.1.0", "--repo", str(repo)]
    result = subprocess.run([*command, "--dist", str(dist)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "==> tagged v1.1.0; push it with: git push origin v1.1.0" in result.stdout
    archive = dist / "v1/modules/platform/pipes-pipeline/aws/1.1.0/pipes-pipeline-1.1.0.tar.gz"
    with tarfile.open(archive) as tar:
        assert "modules/pipes-pipeline/outputs_extra.tf" in tar.getnames()  # built from the tagged commit
    message = throwaway_git(repo, "tag", "-l", "--format=%(contents)", "v1.1.0")
    assert message.startswith("1.1.0\n") and "Something a caller can use." in message
    assert gates.last_release(repo) == "1.1.0"
    assert "the tag v1.1.0 exists already" in " ".join(gates.judge(repo, "1.1.0").refusals)


def test_uncommitted_changes_are_refused(repo):
    _additive(repo)
    (repo / "modules" / "pipes-pipeline" / "main.tf").write_text("# edited\n", encoding="utf-8")
    (repo / "notes.txt").write_text("untracked")
    [refusal] = gates.judge(repo, "1.1.0").refusals
    assert refusal.startswith("uncommitted changes (2: modules/pipes-pipeline/main.tf, notes.txt)")


def test_a_commit_make_test_has_not_passed_on_is_refused(repo):
    _additive(repo)
    gates.test_run_record(repo, gates.head(repo)).unlink()
    [refusal] = gates.judge(repo, "1.1.0").refusals
    assert re.match(r"make test has not passed on [0-9a-f]{12} \(no [0-9a-f]{40}\.json\)", refusal)


def test_a_version_without_a_changelog_section_is_refused(repo):
    _additive(repo)
    [refusal] = gates.judge(repo, "1.2.0").refusals
    assert refusal == "CHANGELOG.md has no section '## [1.2.0]': move the Unreleased entries under it"


@pytest.mark.parametrize("version", ["1.0.0", "0.9.0"])
def test_a_version_not_greater_than_the_last_tag_is_refused(repo, version):
    _additive(repo)
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(changelog.read_text() + f"\n## [{version}] - 2026-11-01\n")
    gates.record_test_run(repo, _commit(repo, "changelog"), tests_passed=1)
    refusals = gates.judge(repo, version).refusals
    assert f"{version} is not greater than the last release 1.0.0" in refusals


BREAKING = {
    "removed input": (
        "modules/pipes-pipeline/variables.tf",
        'variable "desired_state" {',
        'variable "renamed_desired_state" {',
        "pipes-pipeline: input desired_state removed",
    ),
    "removed output": (
        "modules/sns-sqs-fanout/outputs.tf",
        'output "topic_arn" {',
        'output "the_topic_arn" {',
        "sns-sqs-fanout: output topic_arn removed",
    ),
    "renamed resource without moved": (
        "modules/sns-sqs-fanout/main.tf",
        'resource "aws_sns_topic" "this" {',
        'resource "aws_sns_topic" "topic" {',
        "sns-sqs-fanout: aws_sns_topic.this is gone and no moved block leads to a new address",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKING))
def test_a_breaking_change_needs_a_major_version(repo, case):
    path, old, new, expected = BREAKING[case]
    _change(repo, path, old, new, case)
    [refusal] = gates.judge(repo, "1.1.0").refusals
    assert refusal.startswith("breaking changes since 1.0.0 need a major version (2.0.0): ")
    assert expected in refusal
    verdict = gates.judge(repo, "2.0.0")
    assert verdict.refusals == () and verdict.breaking


def test_an_input_that_becomes_required_is_breaking(repo):
    variables = repo / "modules" / "pipes-pipeline" / "variables.tf"
    text = variables.read_text()
    block = re.search(r'variable "desired_state" \{.*?\n\}\n', text, re.DOTALL).group(0)
    required = re.sub(r"\n  default\s*=.*?\n", "\n", block, count=1)
    assert required != block
    variables.write_text(text.replace(block, required))
    gates.record_test_run(repo, _commit(repo, "desired_state required"), tests_passed=1)
    [refusal] = gates.judge(repo, "1.1.0").refusals
    assert "pipes-pipeline: input desired_state is now required" in refusal


def test_a_renamed_resource_with_a_moved_block_is_not_breaking(repo):
    main = repo / "modules" / "sns-sqs-fanout" / "main.tf"
    text = main.read_text().replace('resource "aws_sns_topic" "this" {', 'resource "aws_sns_topic" "topic" {', 1)
    main.write_text(text.replace("aws_sns_topic.this", "aws_sns_topic.topic"))
    (repo / "modules" / "sns-sqs-fanout" / "moved.tf").write_text(
        "moved {\n  from = aws_sns_topic.this\n  to   = aws_sns_topic.topic\n}\n"
    )
    gates.record_test_run(repo, _commit(repo, "topic renamed, state moved"), tests_passed=1)
    verdict = gates.judge(repo, "1.1.0")
    assert verdict.refusals == () and verdict.breaking == {}


def test_every_reason_is_given_at_once_and_the_command_exits_1(repo):
    _change(repo, "modules/pipes-pipeline/variables.tf", 'variable "desired_state" {', 'variable "state" {', "x")
    gates.test_run_record(repo, gates.head(repo)).unlink()
    (repo / "scratch.txt").write_text("dirty")
    command = [sys.executable, "-m", "tools.release", "release", "--version", "1.0.0", "--repo", str(repo)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    reasons = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert [r.split()[1] for r in reasons] == ["uncommitted", "make", "1.0.0", "breaking", "the"]
    assert "Traceback" not in result.stderr
    assert throwaway_git(repo, "tag", "-l").split() == ["v1.0.0"]


def test_the_previous_release_of_this_checkout_is_found(tmp_path):
    """0.1.0 predates the tags: its CHANGELOG section names the commit, and both agree."""
    ref = gates.release_ref(REPO, "0.1.0")
    commit = gates.git(REPO, "rev-parse", f"{ref}^{{commit}}")
    assert commit.startswith("12b2ea6")
    modules = gates.extract_modules(REPO, ref, tmp_path)
    assert (modules / "lambda-with-layers" / "versions.tf").is_file()
    assert not (modules / "iam-statement-rules").exists()  # 0.1.0 had no internal module yet
