"""Module packages and release assets as `make dist` writes them (python -m tools.release dist)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from harness.paths import BUILD, EXAMPLES, MODULES, REPO
from tools.release import package, registry
from tools.release.dist import build_dist

pytestmark = pytest.mark.unit


def _source_copy(tmp_path: Path, name: str = "source") -> Path:
    """modules/ and examples/ of this checkout in a folder of their own."""
    source = tmp_path / name
    shutil.copytree(MODULES, source / "modules", ignore=shutil.ignore_patterns(".terraform*"))
    shutil.copytree(EXAMPLES, source / "examples", ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
    return source


def _members(archive: Path) -> list[tarfile.TarInfo]:
    with tarfile.open(archive) as tar:
        return tar.getmembers()


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("dist")
    build_dist("1.2.3", dist=tree)
    return tree


def _archive(dist: Path, module: str, version: str = "1.2.3") -> Path:
    return registry.module_dir(dist, "platform", module) / version / registry.archive_name(module, version)


def test_every_public_module_is_packaged_and_the_internal_one_only_inside_them(dist):
    packaged = {p.parent.name for p in (dist / registry.MODULES_PREFIX / "platform").glob("*/aws")}
    assert packaged == set(package.public_modules(MODULES))
    assert not packaged & package.INTERNAL_MODULES
    assert {"iam-statement-rules", "private-bucket", "queue-with-dead-letter"} <= package.INTERNAL_MODULES
    assert "modules/iam-statement-rules/main.tf" in {m.name for m in _members(_archive(dist, "lambda-with-layers"))}


def test_public_modules_are_the_folders_with_versions_tf_less_the_internal_ones(tmp_path):
    assert package.public_modules(tmp_path) == []  # its own empty folder: nothing another test wrote
    for folder in ("queue-worker", "iam-statement-rules", "notes"):
        (tmp_path / folder).mkdir()
    (tmp_path / "queue-worker" / "versions.tf").write_text("terraform {}\n")
    (tmp_path / "iam-statement-rules" / "versions.tf").write_text("terraform {}\n")
    (tmp_path / "notes" / "README.md").write_text("not a module\n")
    (tmp_path / "versions.tf").write_text("terraform {}\n")  # a file, not a module folder
    assert package.public_modules(tmp_path) == ["queue-worker"]


def test_an_archive_holds_the_module_and_the_siblings_it_calls_and_nothing_else(dist):
    expected = {
        "sns-sqs-fanout": {"sns-sqs-fanout", "lambda-with-layers", "iam-statement-rules", "queue-with-dead-letter"},
        "vpc-lambda-rds-proxy": {"vpc-lambda-rds-proxy", "lambda-with-layers", "iam-statement-rules"},
        "apigw-integrations": {"apigw-integrations"},
    }
    for module in package.public_modules(MODULES):
        members = _members(_archive(dist, module))
        files = {m.name for m in members if m.isfile()}
        folders = {name.split("/")[1] for name in files}
        assert folders == set(package.called_modules(MODULES, module)), module
        if module in expected:
            assert folders == expected[module]
        assert all(name.startswith("modules/") for name in files)
        for folder in folders:  # every file of each packaged module, byte for byte
            on_disk = {p.relative_to(REPO).as_posix() for p in (MODULES / folder).rglob("*") if p.is_file()}
            assert {n for n in files if n.startswith(f"modules/{folder}/")} == on_disk
        # Every relative source inside the package resolves inside it.
        for member in (m for m in members if m.name.endswith(".tf")):
            with tarfile.open(_archive(dist, module)) as tar:
                text = tar.extractfile(member).read().decode()
            for sibling in package.RELATIVE_SOURCE.findall(text):
                assert sibling in folders, f"{module}: {member.name} calls ../{sibling}, not in the package"


def test_archives_are_byte_identical_whatever_the_file_times_and_the_folder(dist, tmp_path):
    source = _source_copy(tmp_path)
    for path in (source / "modules").rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    again = build_dist("1.2.3", source=source, dist=tmp_path / "dist")
    for module, archive in again.archives.items():
        assert archive.read_bytes() == _archive(dist, module).read_bytes(), module
    member = _members(again.archive("sns-sqs-fanout"))[-1]
    assert (member.mtime, member.uid, member.gid, member.uname, member.gname) == (0, 0, 0, "", "")
    assert again.archive("sns-sqs-fanout").read_bytes()[4:8] == b"\0\0\0\0", "the gzip header carries no time"


def test_what_is_not_the_module_is_left_out(tmp_path):
    source = _source_copy(tmp_path)
    folder = source / "modules" / "pipes-pipeline"
    (folder / ".terraform" / "modules").mkdir(parents=True)
    (folder / ".terraform" / "modules" / "modules.json").write_text("{}")
    for leftover in ("zz_emulator_override.tf", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.lock.hcl"):
        (folder / leftover).write_text("left over")
    built = build_dist("1.2.3", source=source, dist=tmp_path / "dist")
    names = {m.name for m in _members(built.archive("pipes-pipeline"))}
    assert not [n for n in names if re.search(r"\.terraform|zz_|tfstate", n)], sorted(names)


def test_a_module_that_calls_a_missing_sibling_is_refused_by_name(tmp_path):
    source = _source_copy(tmp_path)
    (source / "modules" / "pipes-pipeline" / "extra.tf").write_text('module "x" {\n  source = "../no-such-module"\n}\n')
    with pytest.raises(SystemExit, match=r"module no-such-module \(called by a module of pipes-pipeline\)"):
        build_dist("1.2.3", source=source, dist=tmp_path / "dist")


def test_a_published_version_never_changes_under_its_consumers(dist, tmp_path):
    source = _source_copy(tmp_path)
    tree = tmp_path / "dist"
    shutil.copytree(dist, tree)
    build_dist("1.2.3", source=source, dist=tree)  # the same inputs: accepted, nothing changes
    (source / "modules" / "pipes-pipeline" / "main.tf").write_text("# changed\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="pipes-pipeline 1.2.3 is already in .* a published version never changes"):
        build_dist("1.2.3", source=source, dist=tree)
    assert _archive(tree, "pipes-pipeline").read_bytes() == _archive(dist, "pipes-pipeline").read_bytes()


def test_every_archive_checksum_verifies_with_sha256sum(dist):
    for module in package.public_modules(MODULES):
        archive = _archive(dist, module)
        check = subprocess.run(["sha256sum", "-c", archive.name + ".sha256"], cwd=archive.parent, capture_output=True)
        assert check.returncode == 0, check.stdout


def test_the_zips_each_module_s_examples_use_are_release_assets_with_checksums(dist):
    releases = dist / "releases" / "1.2.3"
    release = json.loads((releases / "release.json").read_text())
    assert {"functions/thumbnail.zip", "layers/pillow.zip"} <= set(release["modules"]["lambda-with-layers"]["assets"])
    assert "functions/order_events.zip" in release["modules"]["sns-sqs-fanout"]["assets"]
    # An example's own build (its settings inside) is an asset of the module it calls.
    assert release["modules"]["lambda-at-edge"]["assets"] == ["functions/edge-personalization/edge_variant.zip"]
    assert release["modules"]["sns-sqs-fanout"]["packaged_modules"] == [
        "iam-statement-rules",
        "lambda-with-layers",
        "queue-with-dead-letter",
        "sns-sqs-fanout",
    ]
    named = {file for module in release["modules"].values() for file in module["assets"]}
    assert named == set(release["assets"]) == {p.relative_to(releases).as_posix() for p in releases.rglob("*.zip")}
    for file in named:
        assert (releases / file).read_bytes() == (BUILD / file).read_bytes()
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=releases, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len(named), check.stdout


def test_a_missing_build_is_refused_with_what_to_run(tmp_path):
    with pytest.raises(SystemExit, match=r"functions/.*\.zip.*run make build first"):
        build_dist("1.2.3", dist=tmp_path / "dist", build=tmp_path / "no-build")
