"""No module, example, test root or README reads what AWS provider 6 deprecated, so a plan on 6.x
prints no deprecation warning while 5.x keeps working.

The references are read from the HCL itself (every .tf, and every ```hcl block of a README,
which callers copy). Each deprecation is listed with the form valid on both 5.70+ and 6.x and
its source; only 5.100 runs here, so this is a static check, not a plan on 6.x.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit

# reference pattern -> (what to write instead, valid on 5.70+ and 6.x; the source)
DEPRECATED_ON_6 = {
    r"data\.aws_region\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.name\b": (
        "data.aws_region.<name>.id (the region's name on 5.x and 6.x; .region exists on 6.x only)",
        "AWS provider 6.0.0 upgrade guide, 'data-source/aws_region': name is deprecated, use region",
    ),
}

SOURCES = [*sorted((REPO / "modules").rglob("*.tf")), *sorted((REPO / "examples").rglob("*.tf"))]
SOURCES += sorted((REPO / "tests").rglob("*.tf"))
READMES = [REPO / "README.md", *sorted(REPO.glob("modules/*/README.md")), *sorted(REPO.glob("examples/*/README.md"))]


def hcl_of(path: Path) -> str:
    text = path.read_text()
    return "\n".join(re.findall(r"```(?:hcl|terraform)\n(.*?)```", text, re.S)) if path.suffix == ".md" else text


def uses(text: str) -> list[str]:
    return [match.group(0) for pattern in DEPRECATED_ON_6 for match in re.finditer(pattern, text)]


def test_the_check_finds_each_deprecated_reference_it_lists():
    assert uses('region = data.aws_region.current[0].name\nx = "${data.aws_region.here.name}"') == [
        "data.aws_region.current[0].name",
        "data.aws_region.here.name",
    ]
    assert uses("region = data.aws_region.current[0].id\nname = data.aws_caller_identity.current.name") == []


@pytest.mark.parametrize("path", SOURCES + READMES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_reference_provider_6_deprecated(path):
    found = uses(hcl_of(path))
    advice = "; ".join(f"{instead} ({source})" for instead, source in DEPRECATED_ON_6.values())
    assert found == [], f"{path.relative_to(REPO)} reads {found}: use {advice}"
