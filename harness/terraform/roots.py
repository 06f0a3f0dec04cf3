"""The three shared test roots, assembled from the per-module and per-example folders.

Everything about a module lives in tests/modules/<module>/ and everything about an
example in tests/examples/<example>/; the harness puts them together so that each
shared root is still planned once per session. Each gets tests/roots/providers.tf
(terraform, provider, shared locals), then:

- `plan`: every tests/modules/<module>/plan.tf (module cases
  whose plan the tests slice by module call), and one call per folder of examples/
  (`example_<name>`), written here: adding an example needs no edit. An example with
  inputs that have no default takes them from tests/examples/<name>/inputs.yml (the
  plan root, `make cost` and `make bench` call it alike).
- `invalid`: every tests/modules/<module>/invalid.yml,
  rendered to `<module>.tf.json`: one module call per case, `<module>__<case>`; and
  every tests/examples/<example>/invalid.yml, as calls `example_<example>__<case>`
  of the example (its inputs.yml under the case's).
- `preconditions`: the same from preconditions.yml (inputs valid one by one, wrong
  together). Kept apart because Terraform stops before planning resources when any
  variable is invalid.

A case file (YAML): `base` holds the inputs every case starts from; a case's
`inputs` replace base inputs of the same name and `unset` leaves base inputs out.
Strings are Terraform templates, so "${...}" is an expression; `local.build`,
`local.account` and `local.region` come from tests/roots/providers.tf.

Roots are staged at tests/roots/<root> of the scratch tree, the depth of
tests/modules/<module>/, so the relative paths a case uses (`../../../modules/x`)
are the same in the repository and in the staged root.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from harness.paths import EXAMPLES, REPO
from harness.terraform.staging import link_repo

TESTS = REPO / "tests"
MODULE_TESTS = TESTS / "modules"
EXAMPLE_TESTS = TESTS / "examples"
ROOT_PROVIDERS = TESTS / "roots" / "providers.tf"  # every shared root's terraform, provider and shared locals
ROOTS = ("plan", "invalid", "preconditions")
CASE_DATA = {"invalid": "invalid.yml", "preconditions": "preconditions.yml"}
PLAN_CASES = "plan.tf"
EXAMPLE_INPUTS = "inputs.yml"  # an example's inputs without defaults, as the shared roots call it


@dataclass(frozen=True)
class Case:
    """One bad-input case: the module call it becomes and the message(s) it must fail with."""

    module: str  # the folder under modules/ (or examples/)
    name: str  # the case's key in the YAML file
    inputs: dict = field(hash=False)
    messages: tuple[str, ...] = ()
    tree: str = "modules"  # or "examples": what the case calls

    @property
    def call(self) -> str:
        prefix = "example_" if self.tree == "examples" else ""
        return f"{prefix}{self.module.replace('-', '_')}__{self.name}"

    @property
    def id(self) -> str:
        return f"{self.module}/{self.name}" if self.tree == "modules" else f"examples/{self.module}/{self.name}"

    @property
    def source(self) -> str:
        return f"../../../{self.tree}/{self.module}"


def module_folders() -> list[Path]:
    return sorted(p for p in MODULE_TESTS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def example_names() -> list[str]:
    return sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and any(p.glob("*.tf")))


def example_call(example: str) -> str:
    """The plan root's module call for an example: `example_order_fanout`."""
    return "example_" + example.replace("-", "_")


def cases(root: str) -> list[Case]:
    """Every case of the `invalid` or `preconditions` root, from all module folders (and,
    for `invalid`, the example folders)."""
    folders = [(folder, "modules") for folder in module_folders()]
    if root == "invalid":
        folders += [(EXAMPLE_TESTS / name, "examples") for name in example_names()]
    found = []
    for folder, tree in folders:
        data_file = folder / CASE_DATA[root]
        if not data_file.is_file():
            continue
        data = yaml.safe_load(data_file.read_text())
        base = (example_inputs(folder.name) if tree == "examples" else {}) | (data.get("base") or {})
        for name, case in data["cases"].items():
            unknown = set(case) - {"inputs", "unset", "message", "messages"}
            if unknown:
                raise ValueError(f"{data_file}: case {name} has unknown keys {sorted(unknown)}")
            inputs = {key: value for key, value in base.items() if key not in case.get("unset", [])}
            inputs.update(case.get("inputs") or {})
            messages = case.get("messages") or [case["message"]]
            found.append(Case(folder.name, name, inputs, tuple(messages), tree))
    return found


def _module_calls(calls: dict[str, dict]) -> str:
    """Module calls in Terraform's JSON syntax."""
    return json.dumps({"module": calls}, indent=2) + "\n"


def render_cases(selected: list[Case]) -> str:
    """The cases as module calls, each sourcing its module from a staged root."""
    return _module_calls({case.call: {"source": case.source, **case.inputs} for case in selected})


def example_inputs(example: str) -> dict:
    """The inputs the shared roots call an example with: tests/examples/<example>/inputs.yml, or none."""
    path = EXAMPLE_TESTS / example / EXAMPLE_INPUTS
    return (yaml.safe_load(path.read_text()) or {}) if path.is_file() else {}


def _example_calls(names: list[str]) -> str:
    """One call per example, with its defaults and inputs.yml, sourced from a staged root."""
    return _module_calls(
        {example_call(name): {"source": f"../../../examples/{name}", **example_inputs(name)} for name in names}
    )


def assemble(root: str, scratch: Path) -> Path:
    """Write the shared root `root` into the scratch tree; returns its folder there."""
    if root not in ROOTS:
        raise ValueError(f"unknown shared root {root!r}: one of {ROOTS}")
    link_repo(scratch)
    staged = scratch / "tests" / "roots" / root
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    shutil.copy(ROOT_PROVIDERS, staged / ROOT_PROVIDERS.name)
    if root == "plan":
        for folder in module_folders():
            if (folder / PLAN_CASES).is_file():
                shutil.copy(folder / PLAN_CASES, staged / f"{folder.name}.tf")
        (staged / "examples.tf.json").write_text(_example_calls(example_names()))
    else:
        by_module: dict[str, list[Case]] = {}
        for case in cases(root):
            by_module.setdefault(case.module if case.tree == "modules" else f"example-{case.module}", []).append(case)
        for module, module_cases in by_module.items():
            (staged / f"{module}.tf.json").write_text(render_cases(module_cases))
    return staged


def assemble_examples(scratch: Path) -> Path:
    """A root of the examples alone, called as in the plan root (`make cost` without a current plan)."""
    link_repo(scratch)
    staged = scratch / "tests" / "roots" / "examples"
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    shutil.copy(ROOT_PROVIDERS, staged / ROOT_PROVIDERS.name)
    (staged / "examples.tf.json").write_text(_example_calls(example_names()))
    return staged


# ------------------------------------------------------------------- one case alone (make bench)

MODULE_BLOCK = re.compile(r'^module "([^"]+)" \{\n.*?^\}\n', re.MULTILINE | re.DOTALL)
LOCALS_BLOCK = re.compile(r"^locals \{\n.*?^\}\n", re.MULTILINE | re.DOTALL)


def standalone_cases(root: str) -> list[tuple[str, str, str]]:
    """(call, file name, content) for every case of a root on its own, as the naive bench
    plans them: a plan case carries its file's locals (api_every_kind uses the apigw file's)."""
    if root == "plan":
        result = []
        for folder in module_folders():
            plan_file = folder / PLAN_CASES
            if not plan_file.is_file():
                continue
            text = plan_file.read_text()
            file_locals = "".join(m.group(0) for m in LOCALS_BLOCK.finditer(text))
            result += [(m.group(1), "main.tf", file_locals + m.group(0)) for m in MODULE_BLOCK.finditer(text)]
        result += [(example_call(name), "main.tf.json", _example_calls([name])) for name in example_names()]
        return result
    return [(case.call, "main.tf.json", render_cases([case])) for case in cases(root)]
