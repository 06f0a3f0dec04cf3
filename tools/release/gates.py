"""What `make release VERSION=x.y.z` checks before it tags, and the record `make test` leaves.

A release is refused, with every reason at once, when:
- the working tree has uncommitted changes (the tag would not name what was tested);
- `make test` has not passed on this commit: a whole-suite pytest run that passed on a
  clean tree writes build/test-runs/<commit>.json (tests/conftest.py), nothing else does;
- CHANGELOG.md has no `## [x.y.z]` section;
- x.y.z is not greater than the last tag's version, or that tag exists;
- a public module breaks its callers of the last tag (tools/release/interface.py) and
  the major version does not move. Strict semantic versioning, 0.x included: a consumer's
  `~> 0.2` would take a breaking 0.3.0 otherwise.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tools.release import interface, package, registry

TAG_PREFIX = "v"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


# A fixed identity and no signing, for repositories the harness's tests make and throw away:
# a CI machine may have no git identity configured, and the tags a test makes are nobody's.
THROWAWAY_IDENTITY = ("-c", "user.name=harness", "-c", "user.email=harness@localhost", "-c", "commit.gpgsign=false")


def throwaway_git(repo: Path, *args: str) -> str:
    """git in a throwaway repository, under THROWAWAY_IDENTITY; its output as printed."""
    command = ["git", *THROWAWAY_IDENTITY, *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


def working_tree_clone(
    repo: Path, parent: Path, paths: tuple[str, ...] = ("harness", "tools", "pyproject.toml")
) -> Path:
    """A throwaway clone of `repo` in `parent`/library whose `paths` hold the working tree's
    files (uncommitted code included, as a test of this checkout needs), with a tests/ folder
    holding nothing but the working tree's tests/conftest.py."""
    clone = parent / "library"
    throwaway_git(parent, "clone", "--quiet", str(repo), str(clone))
    for tracked in git(repo, "ls-files", *paths).split():
        if (repo / tracked).is_file():
            (clone / tracked).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(repo / tracked, clone / tracked)
    shutil.rmtree(clone / "tests")
    (clone / "tests").mkdir()
    shutil.copy(repo / "tests" / "conftest.py", clone / "tests" / "conftest.py")
    return clone


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD")


def uncommitted(repo: Path) -> list[str]:
    """`git status --porcelain` lines ("XY path"; the leading blank of " M" kept)."""
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, check=True, capture_output=True, text=True)
    return [line for line in status.stdout.splitlines() if line.strip()]


def test_run_record(repo: Path, commit: str) -> Path:
    return repo / "build" / "test-runs" / f"{commit}.json"


def record_test_run(repo: Path, commit: str, tests_passed: int) -> Path:
    record = test_run_record(repo, commit)
    record.parent.mkdir(parents=True, exist_ok=True)
    finished = datetime.now(UTC).isoformat(timespec="seconds")
    stamp = {"commit": commit, "tests_passed": tests_passed, "finished": finished}
    record.write_text(json.dumps(stamp, indent=2) + "\n")
    return record


def tags(repo: Path) -> dict[str, str]:
    """Release tags reachable from HEAD, version -> tag."""
    names = git(repo, "tag", "--merged", "HEAD", "--list", f"{TAG_PREFIX}*").split()
    return {name[len(TAG_PREFIX) :]: name for name in names if registry.SEMVER.match(name[len(TAG_PREFIX) :])}


def last_release(repo: Path) -> str | None:
    found = tags(repo)
    return max(found, key=registry.semver) if found else None


def release_ref(repo: Path, version: str) -> str:
    """What a release was cut from: its tag, or for a release made before tags were cut
    (0.1.0), the commit its CHANGELOG section names (`Commit <sha>`)."""
    found = tags(repo).get(version)
    if found:
        return found
    changelog = (repo / "CHANGELOG.md").read_text()
    named = re.search(r"^Commit ([0-9a-f]{7,40})\b", changelog_section(changelog, version) or "", re.MULTILINE)
    if not named:
        raise SystemExit(f"release {version}: no tag {TAG_PREFIX}{version} and no 'Commit <sha>' line in its CHANGELOG")
    return named.group(1)


def released_versions(changelog: str) -> list[str]:
    """The versions with a CHANGELOG section, newest first (Unreleased left out)."""
    found = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    return sorted(found, key=registry.semver, reverse=True)


def changelog_section(changelog: str, version: str) -> str | None:
    found = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |\Z)", changelog, re.MULTILINE | re.DOTALL)
    return found.group(1).strip() if found else None


def extract_tree(repo: Path, ref: str, dest: Path, *folders: str) -> Path:
    """The folders as they were at `ref`, unpacked under dest (returned)."""
    command = ["git", "archive", "--format=tar", ref, *folders]
    archive = subprocess.run(command, cwd=repo, check=True, capture_output=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def extract_modules(repo: Path, ref: str, dest: Path) -> Path:
    """The modules/ folder as it was at `ref`, unpacked under dest."""
    return extract_tree(repo, ref, dest, "modules") / "modules"


@dataclass(frozen=True)
class Verdict:
    version: str
    previous: str | None
    refusals: tuple[str, ...]
    breaking: dict[str, list[str]]


def judge(repo: Path, version: str) -> Verdict:
    registry.semver(version)
    refusals = []
    dirty = uncommitted(repo)
    if dirty:
        refusals.append(f"uncommitted changes ({len(dirty)}: {', '.join(line[3:] for line in dirty[:5])}): commit them")
    commit = head(repo)
    if not test_run_record(repo, commit).is_file():
        refusals.append(f"make test has not passed on {commit[:12]} (no {test_run_record(repo, commit).name}): run it")
    changelog = repo / "CHANGELOG.md"
    if changelog_section(changelog.read_text() if changelog.is_file() else "", version) is None:
        refusals.append(f"CHANGELOG.md has no section '## [{version}]': move the Unreleased entries under it")
    previous = last_release(repo)
    breaking: dict[str, list[str]] = {}
    if previous is not None:
        if registry.semver(version) <= registry.semver(previous):
            refusals.append(f"{version} is not greater than the last release {previous}")
        with tempfile.TemporaryDirectory(prefix="release-") as tmp:
            # The commit the tag would name, not the working tree.
            old = extract_modules(repo, tags(repo)[previous], Path(tmp) / "previous")
            new = extract_modules(repo, "HEAD", Path(tmp) / "head")
            breaking = interface.compare_trees(old, new, package.public_modules(old))
        if breaking and registry.semver(version)[0] == registry.semver(previous)[0]:
            lines = "; ".join(f"{module}: {', '.join(changes)}" for module, changes in breaking.items())
            major = registry.semver(previous)[0] + 1
            refusals.append(f"breaking changes since {previous} need a major version ({major}.0.0): {lines}")
    if f"{TAG_PREFIX}{version}" in git(repo, "tag", "--list").split():
        refusals.append(f"the tag {TAG_PREFIX}{version} exists already")
    return Verdict(version, previous, tuple(refusals), breaking)


def tag(repo: Path, version: str) -> str:
    """An annotated tag whose message is the version's CHANGELOG section."""
    name = f"{TAG_PREFIX}{version}"
    notes = changelog_section((repo / "CHANGELOG.md").read_text(), version) or ""
    git(repo, "tag", "-a", name, "-m", f"{version}\n\n{notes}")
    return name
