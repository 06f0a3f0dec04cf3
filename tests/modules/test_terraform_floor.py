"""The Terraform floor each module and example declares is honest: no language feature newer than
its `required_version` is used. Only one Terraform runs here (1.11), so this is read from the HCL.

FEATURES lists each feature with the release that introduced it, from Terraform's changelog
(github.com/hashicorp/terraform, CHANGELOG.md of each v1.x branch, "NEW FEATURES"/"ENHANCEMENTS").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit

# (pattern over a folder's .tf text, first Terraform version, what it is)
FEATURES: list[tuple[str, tuple[int, int], str]] = [
    (r"^\s*moved\s*\{", (1, 1), "moved blocks"),
    (r"^\s*nullable\s*=", (1, 1), "nullable variables"),
    (r"\boptional\([^()]*,", (1, 3), "optional() object attributes with a default"),
    (r"\bterraform_data\b", (1, 4), "the terraform_data resource"),
    (r"^\s*import\s*\{", (1, 5), "import blocks"),
    (r"^\s*check\s+\"", (1, 5), "check blocks"),
    (r"\b(strcontains|plantimestamp)\(", (1, 5), "strcontains() and plantimestamp()"),
    (r"^\s*removed\s*\{", (1, 7), "removed blocks"),
    (r"\bprovider::", (1, 8), "provider-defined functions"),
    (r"\bissensitive\(", (1, 8), "issensitive()"),
    (r"\btemplatestring\(", (1, 9), "templatestring()"),
    (r"^\s*ephemeral\s+\"", (1, 10), "ephemeral resources"),
    (r"^\s*ephemeral\s*=\s*true", (1, 10), "ephemeral variables and outputs"),
    (r"^\s*[a-z0-9_]+_wo(_version)?\s*=", (1, 11), "write-only arguments"),
]
CROSS_VARIABLE_VALIDATION = ((1, 9), "a variable validation that refers to another variable")

FOLDERS = sorted([*(REPO / "modules").iterdir(), *(REPO / "examples").iterdir()])


def floor(folder: Path) -> tuple[int, int]:
    declared = re.search(r'required_version\s*=\s*">=\s*(\d+)\.(\d+)', (folder / "versions.tf").read_text())
    assert declared, f"{folder.relative_to(REPO)}: versions.tf declares no '>= x.y' Terraform floor"
    return int(declared.group(1)), int(declared.group(2))


def _cross_variable_validations(text: str) -> list[str]:
    """Variables whose validation condition reads another variable (allowed from 1.9)."""
    found = []
    for name, body in re.findall(r'^variable\s+"([^"]+)"\s*\{(.*?)^\}', text, re.S | re.M):
        for condition in re.findall(r"condition\s*=\s*(.*?)\n\s*error_message", body, re.S):
            others = set(re.findall(r"\bvar\.([A-Za-z0-9_]+)", condition)) - {name}
            if others:
                found.append(f"variable {name} reads var.{', var.'.join(sorted(others))}")
    return found


def features_used(text: str) -> list[tuple[tuple[int, int], str]]:
    used = [(version, what) for pattern, version, what in FEATURES if re.search(pattern, text, re.M)]
    if _cross_variable_validations(text):
        used.append(CROSS_VARIABLE_VALIDATION)
    return used


def test_the_reader_finds_each_feature_and_no_other():
    assert features_used('ephemeral "aws_x" "y" {}\nresource "a" "b" {\n  secret_string_wo = 1\n}') == [
        ((1, 10), "ephemeral resources"),
        ((1, 11), "write-only arguments"),
    ]
    text = 'variable "a" {\n  validation {\n    condition = var.a != var.b\n    error_message = "x"\n  }\n}\n'
    assert features_used(text) == [CROSS_VARIABLE_VALIDATION]
    assert features_used(text.replace("var.b", '"b"')) == []
    assert features_used("locals {\n  x = data.aws_region.current.id\n}\n") == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: str(p.relative_to(REPO)))
def test_no_feature_newer_than_the_declared_floor(folder):
    declared = floor(folder)
    text = "\n".join(p.read_text() for p in sorted(folder.glob("*.tf")))
    newer = [f"{what} (Terraform {v[0]}.{v[1]})" for v, what in features_used(text) if v > declared]
    assert newer == [], f"{folder.relative_to(REPO)} declares >= {declared[0]}.{declared[1]} but uses {newer}"
