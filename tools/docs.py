"""Requirements, resources, inputs and outputs in each module's README, from its .tf files;
and the table of our policies in policies/README.md, from the checks themselves.

Like terraform-docs (which is not on this machine): the tables sit between
<!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS -->; tests/tools/test_docs.py fails when a
README no longer matches its variables.tf and outputs.tf. The policy table (between
<!-- BEGIN_POLICY_TABLE --> and <!-- END_POLICY_TABLE -->) has a row per checkov check in
policies/checks (its id, supported_resources and class docstring, read from the source:
checkov lives in its own virtualenv) and per rule in policies.deployed.RULES.

    python -m tools.docs            # rewrite the tables
    python -m tools.docs --check    # exit 1 when a README is out of date
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import hcl2

from harness.paths import MODULES, REPO

BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"
USAGE = re.compile(r"## Usage\n\n```hcl\n(.*?)\n```", re.DOTALL)
# The usage blocks call the modules by registry address and version (README "Publishing").
README_REGISTRY = "registry.example.com/platform"
REGISTRY_SOURCE = re.compile(
    r'source\s*=\s*"' + re.escape(README_REGISTRY) + r'/([a-z0-9-]+)/aws"\n\s*version\s*=\s*"([^"]*)"\n'
)


def usage_blocks() -> dict[str, str]:
    """The HCL of each module README's "Usage" block, by module, as a consumer copies it."""
    blocks = {}
    for readme in sorted(MODULES.glob("*/README.md")):
        found = USAGE.search(readme.read_text())
        if found:
            blocks[readme.parent.name] = found.group(1)
    return blocks


def registry_calls(block: str) -> list[tuple[str, str]]:
    """(module, version constraint) of each registry source in a block, in order."""
    return REGISTRY_SOURCE.findall(block)


def with_sources(block: str, source: Callable[[str], str]) -> str:
    """The block with each registry source and its version line replaced by `source = source(module)`
    (a local path or a git address, which take no version)."""
    return REGISTRY_SOURCE.sub(lambda found: f'source = "{source(found.group(1))}"\n', block)


def _unquote(value: object) -> str:
    """python-hcl2 keeps HCL's quotes on strings and ${} around expressions."""
    text = str(value)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return json.loads(text, strict=False)  # heredocs keep their newlines
        except json.JSONDecodeError:
            return text[1:-1]  # a heredoc's inner quotes come back unescaped
    if text.startswith("${") and text.endswith("}"):
        return text[2:-1]
    return text


def _text(value: object) -> str:
    """A description: heredoc markers (<<-EOT ... EOT) dropped."""
    text = _unquote(value).strip()
    if text.startswith("<<"):
        lines = text.splitlines()
        text = "\n".join(lines[1:-1] if lines[-1].strip().isidentifier() else lines[1:])
    return text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _default(spec: dict) -> str:
    if "default" not in spec:
        return "n/a"
    value = spec["default"]
    if value is None:
        return "`null`"
    if isinstance(value, str):
        return f"`{_cell(_unquote(value))}`" if value.startswith("${") else f"`{value}`"
    return f"`{_cell(json.dumps(value))}`"


def _blocks(module: Path, pattern: str, kind: str) -> list[dict]:
    """Every `kind` block of the module's files matching pattern (variables*.tf, say): the main
    file's first (variables.tf), then each concern's (variables-<concern>.tf) by name."""
    files = sorted(module.glob(pattern), key=lambda tf: ("-" in tf.stem, tf.name))
    return [block for tf in files for block in hcl2.load(tf.open()).get(kind, [])]


def _named(block: dict) -> list[tuple[str, object]]:
    """A block's labelled entries, without python-hcl2's bookkeeping keys (__is_block__)."""
    return [(key, value) for key, value in block.items() if not key.startswith("__")]


def _requirements(module: Path) -> list[str]:
    versions = hcl2.load((module / "versions.tf").open()).get("terraform", [{}])[0]
    lines = ["## Requirements", "", "| Name | Version |", "|---|---|"]
    lines.append(f"| terraform | `{_unquote(versions.get('required_version', 'any'))}` |")
    for providers in versions.get("required_providers", []):
        for name, spec in _named(providers):
            lines.append(f"| {name} | `{_unquote(spec.get('version', 'any'))}` |")
    return lines


def _resources(module: Path) -> list[str]:
    lines = ["## Resources", "", "| Name | Type |", "|---|---|"]
    found = []
    for tf in sorted(module.glob("*.tf")):
        parsed = hcl2.load(tf.open())
        for kind, label in (("resource", "resource"), ("data", "data source")):
            for block in parsed.get(kind, []):
                for resource_type, named in _named(block):
                    found += [(f"{_unquote(resource_type)}.{_unquote(name)}", label) for name, _ in _named(named)]
        for block in parsed.get("module", []):
            for name, spec in _named(block):
                found.append((f"module.{_unquote(name)}", f"module `{_unquote(spec.get('source', ''))}`"))
    lines += [f"| `{name}` | {label} |" for name, label in sorted(found)]
    return lines


def render(module: Path) -> str:
    variables = _blocks(module, "variables*.tf", "variable")
    outputs = _blocks(module, "outputs*.tf", "output")
    lines = [*_requirements(module), "", *_resources(module), ""]
    lines += ["## Inputs", "", "| Name | Description | Type | Default | Required |", "|---|---|---|---|:---:|"]
    for block in variables:
        [(name, spec)] = block.items()
        required = "yes" if "default" not in spec else "no"
        lines.append(
            f"| `{_unquote(name)}` | {_cell(_text(spec.get('description', '')))} | "
            f"`{_cell(_unquote(spec.get('type', 'any')))}` | {_default(spec)} | {required} |"
        )
    lines += ["", "## Outputs", "", "| Name | Description |", "|---|---|"]
    for block in outputs:
        [(name, spec)] = block.items()
        lines.append(f"| `{_unquote(name)}` | {_cell(_text(spec.get('description', '')))} |")
    return "\n".join(lines)


def updated_readme(module: Path) -> tuple[str, str]:
    readme = module / "README.md"
    current = readme.read_text()
    if BEGIN not in current or END not in current:
        raise SystemExit(f"{readme} has no {BEGIN} ... {END} section")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    return current, pattern.sub(lambda _: f"{BEGIN}\n{render(module)}\n{END}", current)


POLICIES = REPO / "policies"
POLICY_BEGIN, POLICY_END = "<!-- BEGIN_POLICY_TABLE -->", "<!-- END_POLICY_TABLE -->"


@dataclass(frozen=True)
class PolicyRule:
    id: str
    resources: str
    rule: str
    source: str  # the file that holds it, for a message that says where to fix it

    @property
    def number(self) -> int:
        return int(self.id.rsplit("_", 1)[1])


def _init_keywords(cls: ast.ClassDef) -> dict[str, ast.expr]:
    """The keywords of the class's super().__init__(...) call, where checkov checks name themselves."""
    for node in ast.walk(cls):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
            and isinstance(node.func.value, ast.Call)
            and getattr(node.func.value.func, "id", "") == "super"
        ):
            return {k.arg: k.value for k in node.keywords if k.arg}
    return {}


def checkov_rules(folder: Path) -> list[PolicyRule]:
    """Every checkov check class under `folder`: its id, resources and docstring."""
    rules = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.ClassDef):
                continue
            keywords = _init_keywords(node)
            if "id" not in keywords:
                continue
            resources = ast.literal_eval(keywords["supported_resources"])
            rule = " ".join((ast.get_docstring(node) or "").split())
            where = str(path.relative_to(REPO))
            rules.append(
                PolicyRule(ast.literal_eval(keywords["id"]), ", ".join(f"`{r}`" for r in resources), rule, where)
            )
    return rules


def policy_rules() -> list[PolicyRule]:
    from policies.deployed import RULES  # noqa: PLC0415 (boto3 comes with it; only this table needs it)

    deployed = [
        PolicyRule(i, resources, rule, "policies/deployed/__init__.py") for i, (resources, rule) in RULES.items()
    ]
    return sorted(checkov_rules(POLICIES / "checks") + deployed, key=lambda r: r.number)


def render_policy_table(rules: list[PolicyRule]) -> str:
    lines = ["| ID | Resource | Rule |", "|---|---|---|"]
    lines += [f"| {r.id} | {r.resources} | {_cell(r.rule)} |" for r in rules]
    return "\n".join(lines)


def updated_policy_readme() -> tuple[str, str]:
    readme = POLICIES / "README.md"
    current = readme.read_text()
    if POLICY_BEGIN not in current or POLICY_END not in current:
        raise SystemExit(f"{readme} has no {POLICY_BEGIN} ... {POLICY_END} section")
    pattern = re.compile(re.escape(POLICY_BEGIN) + ".*?" + re.escape(POLICY_END), re.DOTALL)
    table = render_policy_table(policy_rules())
    return current, pattern.sub(lambda _: f"{POLICY_BEGIN}\n{table}\n{POLICY_END}", current)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for module in sorted(p for p in MODULES.iterdir() if (p / "variables.tf").is_file()):
        current, wanted = updated_readme(module)
        if current != wanted:
            stale.append(module.name)
            if not args.check:
                (module / "README.md").write_text(wanted)
    current, wanted = updated_policy_readme()
    if current != wanted:
        stale.append("policies")
        if not args.check:
            (POLICIES / "README.md").write_text(wanted)
    if args.check and stale:
        print(f"README tables out of date: {', '.join(stale)} (run make docs)")
        return 1
    print(
        "==> module and policy READMEs "
        + ("need updating: " + ", ".join(stale) if args.check and stale else "up to date")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
