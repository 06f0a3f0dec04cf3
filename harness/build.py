"""Build Lambda function and layer zips, deterministically.

- A function is a Python package `lambda_src/<name>/` (it has `__init__.py`); its zip
  holds the package under its own name, so the handler is `<name>.handler.lambda_handler`.
- A library is a package `lambda_src/lib/<name>/` that several functions share; each
  function zip that imports it carries it beside the function's own package.
- An example may configure a function for itself: `examples/<example>/<name>.config.json`
  becomes `<name>/config.json` in `build/functions/<example>/<name>.zip` (a function with no
  environment, such as Lambda@Edge's, reads its settings from there). When the package has
  a `config.py` with `load(path)`, the build calls it on the file first, so settings the
  handler could not use fail the build, not the first request.
- A layer is a requirements file `lambda_src/layers/<name>/requirements.txt`; pip
  resolves manylinux wheels for Lambda's platform (Python version, architecture)
  into `python/`, the prefix Lambda puts on `sys.path`. What the runtime already has
  (boto3, botocore and theirs: RUNTIME_PROVIDED) is left out, as AWS's own Powertools
  layer leaves it out: aws-xray-sdk asks for botocore, which would otherwise ship 17 MB
  and shadow the runtime's botocore under the runtime's boto3.

Zips are byte-identical for identical inputs (sorted entries, fixed timestamps and
modes, no bytecode), so `source_code_hash` never drifts. Each zip has a manifest
holding the hash of its inputs; an unchanged input is not rebuilt.

    python -m harness.build [--python-version 3.12] [--arch x86_64] [--force]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from harness.paths import BUILD, EXAMPLES, LAMBDA_LIBRARIES, LAMBDA_SRC, LAYER_SPECS

# Bump when the zip layout or the pip invocation changes: it invalidates every build.
BUILDER_VERSION = "3"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", "tests"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo"}
# Lambda's Python runtimes from 3.12 run on Amazon Linux 2023 (glibc 2.34).
MANYLINUX_TAGS = ("manylinux_2_34", "manylinux_2_28", "manylinux2014")
ARCH_MACHINE = {"x86_64": "x86_64", "arm64": "aarch64"}
PIP_TIMEOUT_SECONDS = 900
CONFIG_FILE = "config.json"  # where an example's settings land inside its function's package
CONFIG_SUFFIX = ".config.json"
_IMPORTED = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


@dataclass(frozen=True)
class Target:
    python_version: str = "3.12"
    arch: str = "x86_64"

    def pip_platform_args(self) -> list[str]:
        machine = ARCH_MACHINE[self.arch]
        args = []
        for tag in MANYLINUX_TAGS:
            args += ["--platform", f"{tag}_{machine}"]
        return args + ["--implementation", "cp", "--python-version", self.python_version, "--only-binary=:all:"]


@dataclass(frozen=True)
class Artifact:
    kind: str  # "function" or "layer"
    name: str
    source: Path
    zip_path: Path
    libraries: tuple[Path, ...] = ()  # shared packages (lambda_src/lib/) the function imports
    config: Path | None = None  # an example's settings, written into the zip as <name>/config.json

    @property
    def manifest_path(self) -> Path:
        return self.zip_path.with_suffix(".inputs.json")


def libraries_imported(package: Path, library_root: Path = LAMBDA_LIBRARIES) -> tuple[Path, ...]:
    """The shared library packages a function's sources import, by name."""
    if not library_root.is_dir():
        return ()
    available = {p.name: p for p in library_root.iterdir() if (p / "__init__.py").is_file()}
    names = {
        name for path in _source_files(package) if path.suffix == ".py" for name in _IMPORTED.findall(path.read_text())
    }
    return tuple(available[name] for name in sorted(names & set(available)))


def function_zip(name: str, example: str | None = None, build_dir: Path = BUILD) -> Path:
    """Where the build writes a function's zip: `functions/<name>.zip`, or with an example's
    settings inside, `functions/<example>/<name>.zip`."""
    folder = build_dir / "functions"
    return (folder / example if example else folder) / f"{name}.zip"


def functions() -> list[Artifact]:
    return [
        Artifact("function", pkg.name, pkg, function_zip(pkg.name), libraries_imported(pkg))
        for pkg in sorted(LAMBDA_SRC.iterdir())
        if (pkg / "__init__.py").is_file()
    ]


def configured_functions(
    examples: Path = EXAMPLES, lambda_src: Path = LAMBDA_SRC, build_dir: Path = BUILD
) -> list[Artifact]:
    """One zip per example settings file `examples/<example>/<name>.config.json`."""
    found = []
    for config in sorted(examples.glob(f"*/*{CONFIG_SUFFIX}")):
        name = config.name.removesuffix(CONFIG_SUFFIX)
        pkg = lambda_src / name
        if not (pkg / "__init__.py").is_file():
            raise SystemExit(f"{config}: no function package lambda_src/{name}/ to configure")
        zip_path = function_zip(name, config.parent.name, build_dir)
        found.append(Artifact("function", name, pkg, zip_path, libraries_imported(pkg, lambda_src / "lib"), config))
    return found


def check_config(artifact: Artifact) -> None:
    """Load an example's settings with the package's own `config.load`, when it has one."""
    config_py = artifact.source / "config.py"
    if artifact.config is None or not config_py.is_file():
        return
    # Loaded from its file under a name of its own: never a copy imported earlier.
    name = f"_build_check_{artifact.name}_config"
    spec = importlib.util.spec_from_file_location(name, config_py)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        module.load(artifact.config)
    except ValueError as error:  # the package's ConfigError
        raise SystemExit(f"{artifact.config}: {error}") from None
    finally:
        del sys.modules[name]


def layers() -> list[Artifact]:
    return [
        Artifact("layer", spec.parent.name, spec, BUILD / "layers" / f"{spec.parent.name}.zip")
        for spec in sorted(LAYER_SPECS.glob("*/requirements.txt"))
    ]


def _source_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and not EXCLUDED_PARTS.intersection(path.relative_to(root).parts)
        and path.suffix not in EXCLUDED_SUFFIXES
    )


def inputs_hash(artifact: Artifact, target: Target) -> str:
    digest = hashlib.sha256(f"{BUILDER_VERSION}|{artifact.kind}|{artifact.name}".encode())
    if artifact.kind == "layer":
        digest.update(f"|{target.python_version}|{target.arch}|".encode())
        digest.update(artifact.source.read_bytes())
    else:
        for root in (artifact.source, *artifact.libraries):
            for path in _source_files(root):
                digest.update(f"{root.name}/{path.relative_to(root).as_posix()}".encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
        if artifact.config is not None:
            digest.update(b"config\0" + artifact.config.read_bytes())
    return digest.hexdigest()


def code_sha256(zip_path: Path) -> str:
    """A zip's hash as Lambda reports it (CodeSha256) and Terraform plans it (filebase64sha256)."""
    return base64.b64encode(hashlib.sha256(zip_path.read_bytes()).digest()).decode()


def write_zip(
    zip_path: Path, root: Path, prefix: str, libraries: tuple[Path, ...] = (), config: Path | None = None
) -> None:
    """Zip every file under `root` as `prefix/<relative path>` (and each library
    under its own name, and `config` as `prefix/config.json`), reproducibly."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.tmp")
    entries = [(f"{prefix}/{p.relative_to(root).as_posix()}", p) for p in _source_files(root)]
    for library in libraries:
        entries += [(f"{library.name}/{p.relative_to(library).as_posix()}", p) for p in _source_files(library)]
    if config is not None:
        entries = [e for e in entries if e[0] != f"{prefix}/{CONFIG_FILE}"] + [(f"{prefix}/{CONFIG_FILE}", config)]
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arcname, path in sorted(entries):
            info = zipfile.ZipInfo(arcname, date_time=ZIP_EPOCH)
            executable = path.stat().st_mode & 0o111
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever machine builds it
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(zip_path)


# Distributions Lambda's Python runtimes provide (boto3 and what it needs), by top-level name.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "dateutil", "python_dateutil", "six")


def _drop_runtime_provided(dest: Path) -> None:
    for entry in list(dest.iterdir()):
        name = entry.name.removesuffix(".py")
        dist = entry.name.split("-", 1)[0] if entry.name.endswith(".dist-info") else None
        if name in RUNTIME_PROVIDED or dist in RUNTIME_PROVIDED:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _pip_install_layer(spec: Path, target: Target, dest: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-compile",
        "--disable-pip-version-check",
        "--target",
        str(dest),
        *target.pip_platform_args(),
        "-r",
        str(spec),
    ]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=PIP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"pip did not resolve layer {spec} within {PIP_TIMEOUT_SECONDS}s") from None
    if result.returncode != 0:
        raise SystemExit(f"pip could not resolve layer {spec} for {target}:\n{result.stderr.strip()}")


def build(artifact: Artifact, target: Target, force: bool = False) -> bool:
    """Build one artifact; return False when it was already up to date."""
    wanted = inputs_hash(artifact, target)
    if not force and artifact.zip_path.exists() and artifact.manifest_path.exists():
        recorded = json.loads(artifact.manifest_path.read_text())
        if recorded.get("inputs") == wanted:
            return False
    if artifact.kind == "layer":
        with tempfile.TemporaryDirectory(prefix=f"layer-{artifact.name}-") as tmp:
            _pip_install_layer(artifact.source, target, Path(tmp))
            _drop_runtime_provided(Path(tmp))
            # Console scripts carry this machine's interpreter path; Lambda never runs them.
            shutil.rmtree(Path(tmp) / "bin", ignore_errors=True)
            write_zip(artifact.zip_path, Path(tmp), "python")
    else:
        check_config(artifact)
        write_zip(artifact.zip_path, artifact.source, artifact.name, artifact.libraries, artifact.config)
    manifest = {
        "inputs": wanted,
        "sha256": hashlib.sha256(artifact.zip_path.read_bytes()).hexdigest(),
        "python_version": target.python_version,
        "arch": target.arch,
    }
    artifact.manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return True


def build_all(target: Target, force: bool = False, quiet: bool = False) -> list[Artifact]:
    artifacts = functions() + configured_functions() + layers()
    for artifact in artifacts:
        built = build(artifact, target, force=force)
        if not quiet:
            state = "built" if built else "up to date"
            rel = artifact.zip_path.relative_to(BUILD.parent)
            print(f"==> {artifact.kind:8} {artifact.name:12} {state:10} {rel}")
    return artifacts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python-version", default="3.12", help="Lambda runtime's Python (default 3.12)")
    parser.add_argument("--arch", default="x86_64", choices=sorted(ARCH_MACHINE), help="function architecture")
    parser.add_argument("--force", action="store_true", help="rebuild even when inputs are unchanged")
    args = parser.parse_args(argv)
    build_all(Target(args.python_version, args.arch), force=args.force)


if __name__ == "__main__":
    main()
