"""Rules every module writes out for itself agree: the CloudWatch Logs retention values and
the KMS key ARN pattern.

A published module is called on its own, and Terraform 1.5's validation blocks may read
only their own variable, so each module carries its copy (no shared local can reach a
validation). One wrong copy would refuse a valid value in one module and accept it in
the next; this reads every copy in modules/ and examples/ and compares it with the one here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.paths import EXAMPLES, MODULES

pytestmark = pytest.mark.unit

# CloudWatch Logs PutRetentionPolicy, retentionInDays: "Possible values are: 1, 3, 5, 7, 14,
# 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
RETENTION_DAYS = [
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
]
# A key's ARN, never an alias's: key ids are UUIDs, multi-Region keys mrk-<32 hex>.
KMS_KEY_ARN = r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$"

TF_FILES = sorted([*MODULES.rglob("*.tf"), *EXAMPLES.rglob("*.tf")])
RETENTION_LIST = re.compile(r"contains\(\[([0-9, ]+)\]")
RETENTION_MESSAGE = re.compile(r"retention value: ([0-9, ]+ or [0-9]+)\.")
KMS_REGEX = re.compile(r'regex\("(\^arn:[^"]*:kms:[^"]*)"')


def _copies(pattern: re.Pattern, keep=lambda found: True) -> list[tuple[str, str]]:
    return [
        (f"{path.relative_to(MODULES.parent)}:{text[: m.start()].count(chr(10)) + 1}", m.group(1))
        for path in TF_FILES
        for text in [path.read_text()]
        for m in pattern.finditer(text)
        if keep(m.group(1))
    ]


def test_every_retention_list_is_cloudwatch_logs_list():
    copies = _copies(RETENTION_LIST, keep=lambda found: "3653" in found or "365," in found)
    assert len(copies) >= 6  # lambda-with-layers, lambda-at-edge, fargate, apigw, pipes, step functions
    wrong = [(where, found) for where, found in copies if [int(d) for d in found.split(",")] != RETENTION_DAYS]
    assert wrong == []


def test_every_retention_message_names_the_same_values():
    copies = _copies(RETENTION_MESSAGE)
    assert len(copies) >= 6
    wanted = ", ".join(map(str, RETENTION_DAYS[:-1])) + f" or {RETENTION_DAYS[-1]}"
    assert [(where, found) for where, found in copies if found != wanted] == []


def test_every_kms_key_arn_pattern_is_the_same():
    copies = _copies(KMS_REGEX)
    assert len(copies) >= 14
    # HCL's "\\" is one backslash; none of these patterns has one.
    assert [(where, found) for where, found in copies if found != KMS_KEY_ARN] == []


@pytest.mark.parametrize(
    ("value", "is_key_arn"),
    [
        ("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", True),
        ("arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab", True),
        ("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", True),
        ("arn:aws:kms:eu-west-1:123456789012:alias/orders", False),
        ("arn:aws:kms:eu-west-1:123456789012:key/alias/orders", False),
        ("alias/aws/sqs", False),
        ("1234abcd-12ab-34cd-56ef-1234567890ab", False),
    ],
)
def test_the_kms_pattern_takes_key_arns_only(value, is_key_arn):
    assert bool(re.match(KMS_KEY_ARN, value)) is is_key_arn


def test_the_copies_are_read_from_every_module():
    # A module folder the reader skips (a new file layout) would make the tests above pass on nothing.
    files = {Path(where.split(":")[0]).parts[1] for where, _ in _copies(KMS_REGEX)}
    assert {"lambda-with-layers", "pipes-pipeline", "step-functions-workflow", "fargate-service"} <= files
