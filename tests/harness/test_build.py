"""harness/build.py: deterministic zips, the python/ prefix, wheels for Lambda's platform."""

from __future__ import annotations

import json
import os
import time
import zipfile

import pytest

from harness import build
from harness.paths import BUILD, LAMBDA_SRC

pytestmark = pytest.mark.unit


@pytest.fixture
def package(tmp_path):
    """A small function package, like lambda_src/<name>/."""
    pkg = tmp_path / "src" / "greeter"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "handler.py").write_text("def lambda_handler(event, context):\n    return 'hi'\n")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "handler.cpython-312.pyc").write_bytes(b"\0bytecode")
    return pkg


def artifact(pkg, tmp_path, name="greeter.zip"):
    return build.Artifact("function", pkg.name, pkg, tmp_path / "out" / name)


def test_same_inputs_give_byte_identical_zips(package, tmp_path):
    first = artifact(package, tmp_path, "first.zip")
    second = artifact(package, tmp_path, "second.zip")
    build.build(first, build.Target())
    # Different file times and a second build: the bytes must not change.
    later = time.time() + 3600
    for path in package.rglob("*"):
        os.utime(path, (later, later))
    build.build(second, build.Target())
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()


def test_function_zip_holds_the_package_without_bytecode(package, tmp_path):
    target = artifact(package, tmp_path)
    build.build(target, build.Target())
    with zipfile.ZipFile(target.zip_path) as zf:
        assert sorted(zf.namelist()) == ["greeter/__init__.py", "greeter/handler.py"]
        assert {info.date_time for info in zf.infolist()} == {build.ZIP_EPOCH}


def test_unchanged_inputs_are_not_rebuilt_and_changes_are(package, tmp_path):
    target = artifact(package, tmp_path)
    assert build.build(target, build.Target()) is True
    assert build.build(target, build.Target()) is False
    (package / "handler.py").write_text("def lambda_handler(event, context):\n    return 'hello'\n")
    assert build.build(target, build.Target()) is True
    manifest = json.loads(target.manifest_path.read_text())
    assert manifest["inputs"] == build.inputs_hash(target, build.Target())


def test_layer_target_is_part_of_its_inputs(tmp_path):
    spec = tmp_path / "requirements.txt"
    spec.write_text("pillow==13.0.0\n")
    layer = build.Artifact("layer", "pillow", spec, tmp_path / "pillow.zip")
    assert build.inputs_hash(layer, build.Target("3.12", "x86_64")) != build.inputs_hash(
        layer, build.Target("3.12", "arm64")
    )
    assert build.inputs_hash(layer, build.Target("3.12", "x86_64")) != build.inputs_hash(
        layer, build.Target("3.13", "x86_64")
    )


def test_pip_is_asked_for_lambda_wheels():
    args = build.Target("3.12", "arm64").pip_platform_args()
    assert "manylinux2014_aarch64" in args and "manylinux_2_28_aarch64" in args
    assert args[args.index("--python-version") + 1] == "3.12"
    assert "--only-binary=:all:" in args


def test_every_function_package_and_layer_spec_is_built():
    # `make test` builds first; every lambda_src package, example settings file and layer spec has its zip.
    built = build.functions() + build.configured_functions() + build.layers()
    assert {"thumbnail", "pillow", "powertools"} <= {a.name for a in built}
    assert BUILD / "functions" / "edge-personalization" / "edge_variant.zip" in {a.zip_path for a in built}
    for item in built:
        assert item.zip_path.is_file(), f"{item.zip_path} missing: run make build"
        assert json.loads(item.manifest_path.read_text())["inputs"] == build.inputs_hash(item, _target(item)), (
            f"{item.zip_path} is stale"
        )


def _target(item: build.Artifact) -> build.Target:
    manifest = json.loads(item.manifest_path.read_text())
    return build.Target(manifest["python_version"], manifest["arch"])


def test_layer_zip_has_python_prefix_and_lambda_platform_binaries():
    layer = BUILD / "layers" / "pillow.zip"
    target = _target(next(a for a in build.layers() if a.name == "pillow"))
    with zipfile.ZipFile(layer) as zf:
        names = zf.namelist()
    assert names and all(name.startswith("python/") for name in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or n.startswith("python/bin/")]
    machine = build.ARCH_MACHINE[target.arch]
    tag = f"cpython-{target.python_version.replace('.', '')}-{machine}-linux-gnu.so"
    assert [n for n in names if n.startswith("python/PIL/_imaging.") and n.endswith(tag)], "no Lambda-platform _imaging"
    assert "python/pillow-13.0.0.dist-info/METADATA" in names


def test_thumbnail_zip_matches_its_source():
    """Its own package and the libraries it imports (function_settings, jpeg_scans, observability), nothing else."""
    with zipfile.ZipFile(BUILD / "functions" / "thumbnail.zip") as zf:
        names = set(zf.namelist())
    sources = {f"thumbnail/{p.name}" for p in (LAMBDA_SRC / "thumbnail").glob("*.py")}
    for library in ("function_settings", "jpeg_scans", "observability"):
        sources |= {f"{library}/{p.name}" for p in (LAMBDA_SRC / "lib" / library).glob("*.py")}
    assert names == sources


def test_a_function_zip_carries_the_shared_libraries_it_imports(tmp_path):
    """lambda_src/lib/<name>/ packages go into each zip that imports them, and only those."""
    libraries = tmp_path / "lib"
    for name in ("money", "unused"):
        (libraries / name).mkdir(parents=True)
        (libraries / name / "__init__.py").write_text(f"NAME = {name!r}\n")
    pkg = tmp_path / "src" / "orders"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "handler.py").write_text("import json\n\nfrom money import NAME\n")
    found = build.libraries_imported(pkg, libraries)
    assert [p.name for p in found] == ["money"]
    target = build.Artifact("function", "orders", pkg, tmp_path / "out" / "orders.zip", found)
    build.build(target, build.Target())
    with zipfile.ZipFile(target.zip_path) as zf:
        assert sorted(zf.namelist()) == ["money/__init__.py", "orders/__init__.py", "orders/handler.py"]
    # A change in the library is a change in the function's inputs.
    before = build.inputs_hash(target, build.Target())
    (libraries / "money" / "__init__.py").write_text("NAME = 'changed'\n")
    assert build.inputs_hash(target, build.Target()) != before


def test_the_order_handlers_zips_hold_the_libraries_they_import():
    with zipfile.ZipFile(BUILD / "functions" / "order_events.zip") as zf:
        names = zf.namelist()
    assert "order_values/__init__.py" in names and "batch_records/__init__.py" in names
    assert not any(name.startswith("rest_requests/") for name in names)


def _configured(tmp_path, settings: str):
    """A package with a config.py like edge_variant's, and an example that configures it."""
    src = tmp_path / "src"
    pkg = src / "shopfront"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "handler.py").write_text("def lambda_handler(event, context):\n    return event\n")
    (pkg / "config.json").write_text('{"colours": ["default"]}\n')
    (pkg / "config.py").write_text(
        "import json\n"
        "class ConfigError(ValueError):\n    pass\n"
        "def load(path):\n"
        "    raw = json.loads(path.read_text())\n"
        "    if not raw.get('colours'):\n"
        "        raise ConfigError('colours must be a non-empty list')\n"
        "    return raw\n"
    )
    example = tmp_path / "examples" / "shop"
    example.mkdir(parents=True)
    (example / "shopfront.config.json").write_text(settings)
    [artifact] = build.configured_functions(tmp_path / "examples", src, tmp_path / "build")
    return artifact


def test_an_examples_settings_become_the_packages_config_json_in_its_own_zip(tmp_path):
    artifact = _configured(tmp_path, '{"colours": ["red", "tan"]}\n')
    assert artifact.zip_path == tmp_path / "build" / "functions" / "shop" / "shopfront.zip"
    assert build.build(artifact, build.Target()) is True
    with zipfile.ZipFile(artifact.zip_path) as zf:
        assert zf.read("shopfront/config.json") == b'{"colours": ["red", "tan"]}\n'  # the package default replaced
        assert sorted(zf.namelist()) == [
            "shopfront/__init__.py",
            "shopfront/config.json",
            "shopfront/config.py",
            "shopfront/handler.py",
        ]
    # A change of the settings alone rebuilds the zip.
    assert build.build(artifact, build.Target()) is False
    artifact.config.write_text('{"colours": ["navy"]}\n')
    assert build.build(artifact, build.Target()) is True


def test_settings_the_package_cannot_use_fail_the_build_naming_the_file(tmp_path):
    artifact = _configured(tmp_path, '{"colours": []}\n')
    with pytest.raises(SystemExit, match=r"shopfront\.config\.json: colours must be a non-empty list"):
        build.build(artifact, build.Target())
    assert not artifact.zip_path.exists()


def test_settings_for_a_package_that_does_not_exist_are_refused(tmp_path):
    (tmp_path / "examples" / "shop").mkdir(parents=True)
    (tmp_path / "examples" / "shop" / "nothing.config.json").write_text("{}")
    (tmp_path / "src").mkdir()
    with pytest.raises(SystemExit, match="no function package lambda_src/nothing/"):
        build.configured_functions(tmp_path / "examples", tmp_path / "src", tmp_path / "build")


def test_edge_personalizations_zip_carries_its_settings_and_the_edge_limits_hold():
    [artifact] = [a for a in build.configured_functions() if a.zip_path.parent.name == "edge-personalization"]
    with zipfile.ZipFile(artifact.zip_path) as zf:
        assert zf.read("edge_variant/config.json") == artifact.config.read_bytes()
    assert artifact.zip_path.stat().st_size < 1_000_000  # even a viewer-event package may not exceed 1 MB


def test_edge_variant_settings_are_checked_by_its_own_config_load(tmp_path):
    # The real package (a frozen dataclass, which needs its module registered while loading).
    example = tmp_path / "examples" / "shop"
    example.mkdir(parents=True)
    (example / "edge_variant.config.json").write_text('{"cookie_name": "bag_colour", "allowed_colours": ["Red/.."]}')
    [artifact] = build.configured_functions(tmp_path / "examples", LAMBDA_SRC, tmp_path / "build")
    with pytest.raises(SystemExit, match=r"allowed_colours must be lower-case letters .*Red/\.\."):
        build.build(artifact, build.Target())
    (example / "edge_variant.config.json").write_text('{"cookie_name": "bag_colour", "allowed_colours": ["red"]}')
    assert build.build(artifact, build.Target()) is True


def test_layers_leave_out_what_the_lambda_runtime_provides():
    # aws-xray-sdk (the Tracer's) asks for botocore: shipped, it would weigh 17 MB and shadow
    # the runtime's botocore under the runtime's boto3.
    with zipfile.ZipFile(BUILD / "layers" / "powertools.zip") as zf:
        tops = {name.split("/")[1] for name in zf.namelist() if name.count("/") > 1}
    assert {"aws_lambda_powertools", "aws_xray_sdk", "wrapt"} <= tops
    assert [t for t in tops if t.split("-")[0] in build.RUNTIME_PROVIDED] == []
