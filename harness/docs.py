"""Input and output tables in each module's README, rendered from its .tf files.

Like terraform-docs (which is not on this machine): the tables sit between
<!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS -->; tests/test_docs.py fails when a
README no longer matches its variables.tf and outputs.tf.

    python -m harness.docs            # rewrite the tables
    python -m harness.docs --check    # exit 1 when a README is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import hcl2

from harness.paths import MODULES

BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


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


def render(module: Path) -> str:
    variables = hcl2.load((module / "variables.tf").open()).get("variable", [])
    outputs = hcl2.load((module / "outputs.tf").open()).get("output", [])
    lines = ["## Inputs", "", "| Name | Description | Type | Default | Required |", "|---|---|---|---|:---:|"]
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
    if args.check and stale:
        print(f"README tables out of date: {', '.join(stale)} (run make docs)")
        return 1
    print("==> module READMEs " + ("need updating: " + ", ".join(stale) if args.check and stale else "up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
