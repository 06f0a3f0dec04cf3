"""harness/terraform/staging.py and roots.py: roots run on copies, the shared roots are assembled
from the per-module folders, and the repository is never written."""

from __future__ import annotations

import os

import pytest

from harness.paths import EXAMPLES
from harness.terraform.roots import assemble
from harness.terraform.staging import stage

pytestmark = pytest.mark.unit


def test_staging_never_writes_through_a_link_into_the_repository(tmp_path):
    before = sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir())
    assemble("plan", tmp_path)  # links examples/ into the scratch tree
    assert (tmp_path / "examples").is_symlink()
    staged = stage("examples/thumbnails", tmp_path, emulator_kind="moto")
    assert not (tmp_path / "examples").is_symlink()
    assert (staged / "zz_emulator_override.tf").is_file()
    assert (tmp_path / "modules" / "fargate-service" / "zz_emulator_override.tf").is_file()
    # The repository's example is untouched: no override file, nothing removed.
    assert sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir()) == before
    assert not (EXAMPLES / "thumbnails" / "zz_emulator_override.tf").exists()


def test_each_plan_case_stands_alone_for_the_naive_bench():
    """make bench plans every case on its own beside one root per layer: each case, with its
    file's locals and the root's providers.tf, must declare every local it uses."""
    import re

    from harness.terraform.roots import LOCALS_BLOCK, ROOT_PROVIDERS, ROOTS, standalone_cases

    declared_in = lambda text: {  # noqa: E731
        name for block in LOCALS_BLOCK.findall(text) for name in re.findall(r"^  ([a-z_][a-z0-9_]*)\s*=", block, re.M)
    }
    for root in ROOTS:
        shared = declared_in(ROOT_PROVIDERS.read_text())
        for name, _, case in standalone_cases(root):
            used = set(re.findall(r"\blocal\.([a-z_][a-z0-9_]*)", case))
            assert used <= shared | declared_in(case), (
                f"{root}: {name} uses undeclared {used - shared - declared_in(case)}"
            )


def test_the_shared_roots_hold_every_module_folder_case_and_every_example(tmp_path):
    """A module's folder and an example are picked up by staging alone: no central list."""
    import json

    from harness.terraform.roots import cases, example_call, example_names, module_folders

    plan = assemble("plan", tmp_path)
    with_plan_cases = {f.name for f in module_folders() if (f / "plan.tf").is_file()}
    assert {p.stem for p in plan.glob("*.tf")} == with_plan_cases | {"providers"}
    examples = json.loads((plan / "examples.tf.json").read_text())["module"]
    assert set(examples) == {example_call(name) for name in example_names()}
    assert examples["example_order_fanout"] == {"source": "../../../examples/order-fanout"}  # its defaults
    # An example with inputs that have no default gets those of its inputs.yml.
    assert examples["example_edge_personalization"] == {
        "source": "../../../examples/edge-personalization",
        "domain_name": "shop.example.com",
        "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    }
    for root in ("invalid", "preconditions"):
        staged = assemble(root, tmp_path)
        calls = {
            call: body for f in staged.glob("*.tf.json") for call, body in json.loads(f.read_text())["module"].items()
        }
        assert set(calls) == {case.call for case in cases(root)}
        # Each call's source resolves from the staged root, as it does from tests/modules/<module>/.
        assert all((staged / body["source"]).resolve().is_dir() for body in calls.values())


def test_a_case_starts_from_the_base_inputs_with_its_own_replacing_them(tmp_path, monkeypatch):
    from harness.terraform import roots

    folder = tmp_path / "tests" / "modules" / "some-module"
    folder.mkdir(parents=True)
    (folder / "invalid.yml").write_text(
        "base: {name: ok, handler: h.handler, package: {path: x.zip}}\n"
        "cases:\n"
        "  memory: {inputs: {memory_size: 64}, message: too small}\n"
        "  no_package: {inputs: {name: other}, unset: [package], message: needs a package}\n"
    )
    monkeypatch.setattr(roots, "MODULE_TESTS", folder.parent)
    found = {case.name: case for case in roots.cases("invalid")}
    assert found["memory"].inputs == {
        "name": "ok",
        "handler": "h.handler",
        "package": {"path": "x.zip"},
        "memory_size": 64,
    }
    assert found["no_package"].inputs == {"name": "other", "handler": "h.handler"}
    assert found["memory"].call == "some_module__memory" and found["no_package"].messages == ("needs a package",)


def test_every_emulator_override_file_names_a_module_or_example_that_exists():
    """harness/emulators/overrides/<emulator>/modules/<module>.tf and .../examples/<example>.tf: a stale
    one would silently stop applying."""
    from harness.emulators.gaps import EMULATOR_MODULE_OVERRIDES, EMULATOR_ROOT_OVERRIDES
    from harness.paths import MODULES, REPO

    for overrides in EMULATOR_MODULE_OVERRIDES.values():
        assert all((MODULES / module).is_dir() for module in overrides), sorted(overrides)
    for overrides in EMULATOR_ROOT_OVERRIDES.values():
        assert all((REPO / root).is_dir() for root in overrides), sorted(overrides)
    assert EMULATOR_MODULE_OVERRIDES["moto"] and EMULATOR_ROOT_OVERRIDES["moto"]


def test_terraform_runs_with_the_harness_go_collector_settings_unless_the_environment_sets_its_own(tmp_path):
    """Terraform and the provider spend a third of their CPU in Go's collector at its defaults
    (make bench: go_collector); every root the harness drives gets GO_RUNTIME_ENV."""
    from harness.terraform.staging import GO_RUNTIME_ENV, cli_env, terraform

    (tmp_path / "main.tf").write_text('output "gc" { value = "ok" }\n')
    handle = terraform(tmp_path, {"PATH": os.environ["PATH"]})
    assert {name: handle.env[name] for name in GO_RUNTIME_ENV} == GO_RUNTIME_ENV
    assert cli_env({"GOGC": "100"})["GOGC"] == "100"  # a person's own setting wins
    assert cli_env({"GOGC": "100"})["GOMEMLIMIT"] == GO_RUNTIME_ENV["GOMEMLIMIT"]
