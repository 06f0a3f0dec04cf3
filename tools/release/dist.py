"""`make dist VERSION=x.y.z`: every public module's archive and the release assets into dist/.

A version already in dist/ is rebuilt and must come out byte-identical: a published
version never changes under its consumers (their lock on a version would lie).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.paths import BUILD, DIST, REPO
from tools.release import package, registry

NAMESPACE = "platform"


@dataclass(frozen=True)
class Dist:
    version: str
    root: Path
    archives: dict[str, Path]  # module -> archive
    assets: dict[str, Path]  # functions/<name>.zip -> file

    def archive(self, module: str) -> Path:
        return self.archives[module]


def build_dist(
    version: str, *, source: Path = REPO, dist: Path = DIST, build: Path = BUILD, namespace: str = NAMESPACE
) -> Dist:
    registry.semver(version)
    modules_dir, examples_dir = source / "modules", source / "examples"
    archives = {}
    with tempfile.TemporaryDirectory(prefix="dist-") as tmp:
        for name in package.public_modules(modules_dir):
            target = registry.module_dir(dist, namespace, name) / version / registry.archive_name(name, version)
            fresh = Path(tmp) / target.name
            package.write_archive(fresh, package.archive_entries(modules_dir, name))
            if target.exists() and target.read_bytes() != fresh.read_bytes():
                raise SystemExit(
                    f"dist: {name} {version} is already in {dist} with other contents; a published version "
                    "never changes: release a new version (or remove dist/ if it was never published)"
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh, target)
            package.write_checksum(target)
            archives[name] = target
    assets_by_module = package.module_assets(examples_dir)
    assets = _copy_assets(version, assets_by_module, build, dist)
    release = {
        "version": version,
        "modules": {
            name: {
                "address": f"{namespace}/{name}/{registry.SYSTEM}",
                "archive": archive.relative_to(dist).as_posix(),
                "sha256": package.sha256(archive),
                "packaged_modules": package.called_modules(modules_dir, name),
                "assets": assets_by_module.get(name, []),
            }
            for name, archive in archives.items()
        },
        "assets": {file: package.sha256(path) for file, path in assets.items()},
    }
    releases = dist / "releases" / version
    (releases / "release.json").write_text(json.dumps(release, indent=2, sort_keys=True) + "\n")
    registry.write_tree(dist)
    return Dist(version, dist, archives, assets)


def _copy_assets(version: str, assets_by_module: dict[str, list[str]], build: Path, dist: Path) -> dict[str, Path]:
    wanted = sorted({file for files in assets_by_module.values() for file in files})
    missing = [file for file in wanted if not (build / file).is_file()]
    if missing:
        raise SystemExit(f"dist: the examples use {', '.join(missing)}, not in {build}: run make build first")
    releases = dist / "releases" / version
    releases.mkdir(parents=True, exist_ok=True)
    copied = {}
    for file in wanted:
        target = releases / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() != (build / file).read_bytes():
            raise SystemExit(f"dist: release {version} already holds another {file}; a published asset never changes")
        shutil.copyfile(build / file, target)
        copied[file] = target
    sums = "".join(f"{package.sha256(path)}  {file}\n" for file, path in copied.items())
    (releases / "SHA256SUMS").write_text(sums)
    return copied
