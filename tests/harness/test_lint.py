"""Formatting and lint, so CI (which runs `make test`) enforces what `make lint` shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit

PYTHON_DIRS = ["harness", "tools", "tests", "lambda_src", "policies"]


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


def test_terraform_is_formatted():
    result = run("terraform", "fmt", "-check", "-recursive", "-list=true", ".")
    assert result.returncode == 0, f"terraform fmt would change: {result.stdout.split()} (run make fmt)"


def test_python_is_formatted_and_lint_free():
    ruff = str(Path(sys.executable).with_name("ruff"))
    formatted = run(ruff, "format", "--check", *PYTHON_DIRS)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = run(ruff, "check", *PYTHON_DIRS)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _constraints(versions_tf: Path) -> str:
    """The terraform block of a versions.tf, comments, blank lines and a module's own provider
    aliases (configuration_aliases: what it takes, not a version constraint) aside."""
    return "\n".join(
        line
        for line in versions_tf.read_text().splitlines()
        if line.strip() and not line.startswith("#") and not line.strip().startswith("configuration_aliases")
    )


@pytest.mark.parametrize(
    "folder",
    sorted(p.relative_to(REPO).as_posix() for p in [*(REPO / "modules").iterdir(), *(REPO / "examples").iterdir()]),
)
def test_every_versions_tf_matches_the_root_constraints(folder):
    """Each module repeats the library's constraints so it can be consumed on its own; they must not drift.
    A module may raise a floor for a feature it needs (RAISED_FLOORS, with the feature), nothing else."""
    expected = _constraints(REPO / "versions.tf")
    for root_floor, raised in RAISED_FLOORS.get(folder, {}).items():
        assert root_floor in expected, f"{folder}: the root no longer has {root_floor}"
        expected = expected.replace(root_floor, raised)
    assert _constraints(REPO / folder / "versions.tf") == expected


# Floors raised above the root's, by folder: the root's constraint -> the folder's (and why).
_WRITE_ONLY_PASSWORD = {
    # ephemeral resources and write-only arguments (Terraform 1.11); secret_string_wo and the
    # ephemeral aws_secretsmanager_random_password (provider 5.88): the proxy user's password.
    '">= 1.5"': '">= 1.11"',
    '">= 5.70, < 7.0"': '">= 5.88, < 7.0"',
}
RAISED_FLOORS = {"modules/vpc-lambda-rds-proxy": _WRITE_ONLY_PASSWORD, "examples/orders-db": _WRITE_ONLY_PASSWORD}


def test_collection_and_bool_inputs_are_not_nullable():
    """A caller's explicit null on a bool or collection input means its default, never a null
    the module would have to guard against (terraform-aws-modules' convention)."""
    import hcl2

    loose = []
    for variables_tf in sorted((REPO / "modules").glob("*/variables*.tf")):
        for block in hcl2.loads(variables_tf.read_text()).get("variable", []):
            for name, spec in block.items():
                kind = str(spec.get("type", "")).strip("${}")
                collection = kind.startswith(("bool", "list(", "map(", "set("))
                if collection and spec.get("default") is not None and spec.get("nullable") is not False:
                    loose.append(f"{variables_tf.parent.name}.{name.strip(chr(34))}")
    assert loose == []


def test_shared_rules_have_one_wording_in_every_module():
    """A KMS key ARN and a CloudWatch Logs retention are validated and worded the same everywhere."""
    messages = re.findall(
        r'error_message\s*=\s*"([^\n]*)"\n', "".join(p.read_text() for p in (REPO / "modules").glob("*/variables*.tf"))
    )
    kms = [m for m in messages if "KMS key ARN" in m]
    retention = [m for m in messages if "retention_in_days" in m]
    assert kms and all("arn:aws:kms:<region>:<account>:key/<id>" in m and "(arn:" not in m for m in kms), kms
    values = (
        "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
    )
    assert retention and all(m.endswith(f"must be a CloudWatch Logs retention value: {values}") for m in retention), (
        retention
    )


ESCAPE_JAVASCRIPT = re.compile(r"\$util\.escapeJavaScript\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(\.replaceAll\()?")


def test_every_escaped_value_in_a_mapping_template_undoes_the_single_quote_escape():
    """API Gateway's $util.escapeJavaScript turns ' into \\', which is not valid JSON (the AWS
    mapping template reference): an image key or error message with an apostrophe would
    break the answer. Every use must be followed by .replaceAll("\\\\'", "'")."""
    missing = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in sorted([*REPO.glob("modules/**/*.tf"), *REPO.glob("examples/**/*.tf")])
        for text in [path.read_text()]
        for match in ESCAPE_JAVASCRIPT.finditer(text)
        if not match.group(1)
    ]
    assert missing == [], f'$util.escapeJavaScript(...) without .replaceAll("\\\\\'", "\'") at {missing}'
