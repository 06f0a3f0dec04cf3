"""Module archives and release assets, byte-identical for identical inputs.

A module's archive holds `modules/<name>/` and every sibling module it calls by a
relative source (`../lambda-with-layers`), transitively, under the same layout, so
those paths still resolve where Terraform unpacks it; nothing else (no tests, harness
or examples). The registry answers with `<archive>//modules/<name>`, the subdirectory.

Determinism: entries sorted, mtime 0, owner 0:0 with no names, modes 0644/0755, and a
gzip header without a timestamp or a file name.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tarfile
from pathlib import Path

# Called by the public modules, never by a consumer: packaged inside them, not published.
INTERNAL_MODULES = frozenset({"iam-statement-rules", "private-bucket", "queue-with-dead-letter"})
RELATIVE_SOURCE = re.compile(r'^\s*source\s*=\s*"\.\./([A-Za-z0-9_-]+)/?"', re.MULTILINE)
# functions/<name>.zip, layers/<name>.zip, and an example's own build: functions/<example>/<name>.zip
ASSET_PATH = re.compile(r"/(functions|layers)/((?:[A-Za-z0-9_-]+/)?[A-Za-z0-9_-]+)\.zip")
# What a module folder may hold that is not part of the module.
LEFT_OUT = re.compile(r"(^|/)(\.[^/]*|zz_[^/]*|[^/]*\.tfstate[^/]*|[^/]*\.tfplan)$")


def public_modules(modules_dir: Path) -> list[str]:
    return sorted(
        p.name for p in modules_dir.iterdir() if (p / "versions.tf").is_file() and p.name not in INTERNAL_MODULES
    )


def called_modules(modules_dir: Path, name: str) -> list[str]:
    """The module and every sibling it calls by relative path, transitively, sorted."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        folder = modules_dir / current
        if not (folder / "versions.tf").is_file():
            caller = "" if current == name else f" (called by a module of {name})"
            raise SystemExit(f"module {current}{caller}: {folder} is not a module folder")
        seen.add(current)
        for tf in sorted(folder.glob("*.tf")):
            pending += RELATIVE_SOURCE.findall(tf.read_text())
    return sorted(seen)


def archive_entries(modules_dir: Path, name: str) -> list[tuple[str, Path]]:
    entries = []
    for module in called_modules(modules_dir, name):
        folder = modules_dir / module
        for path in folder.rglob("*"):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and not LEFT_OUT.search(rel) and ".terraform" not in path.parts:
                entries.append((f"modules/{module}/{rel}", path))
    return sorted(entries)


def write_archive(target: Path, entries: list[tuple[str, Path]]) -> None:
    """A tar.gz of `entries` (archive name, file) that depends only on their names, bytes and x bit."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        directories = sorted({str(Path(arcname).parent) for arcname, _ in entries} - {"."})
        parents = sorted({p for d in directories for p in [d, *map(str, Path(d).parents)] if p != "."})
        for directory in parents:
            tar.addfile(_member(directory, tarfile.DIRTYPE, 0o755))
        for arcname, path in entries:
            data = path.read_bytes()
            member = _member(arcname, tarfile.REGTYPE, 0o755 if path.stat().st_mode & 0o111 else 0o644)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue())


def _member(name: str, kind: bytes, mode: int) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type, member.mode, member.mtime = kind, mode, 0
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_checksum(path: Path) -> Path:
    """`<file>.sha256` in sha256sum's format, so `sha256sum -c` verifies the download."""
    checksum = path.with_name(path.name + ".sha256")
    checksum.write_text(f"{sha256(path)}  {path.name}\n")
    return checksum


EXAMPLE_MODULE_SOURCE = re.compile(r'source\s*=\s*"\.\./\.\./modules/([A-Za-z0-9_-]+)"')


def module_assets(examples_dir: Path) -> dict[str, list[str]]:
    """For each module, the built zips (`functions/<name>.zip`, `layers/<name>.zip`) that the
    examples calling it name; each example's .tf files are read once."""
    assets: dict[str, set[str]] = {}
    examples = sorted(p for p in examples_dir.iterdir() if p.is_dir()) if examples_dir.is_dir() else []
    for example in examples:
        text = "\n".join(tf.read_text() for tf in sorted(example.glob("*.tf")))
        files = {f"{kind}/{name}.zip" for kind, name in ASSET_PATH.findall(text)}
        for module in EXAMPLE_MODULE_SOURCE.findall(text):
            assets.setdefault(module, set()).update(files)
    return {module: sorted(files) for module, files in sorted(assets.items())}
