"""lambda_src/lib/function_settings: the one way every handler reads its environment."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from function_settings import ConfigurationError, from_env, variable
from harness.paths import REPO

LAMBDA_SRC = REPO / "lambda_src"
LIBRARY = LAMBDA_SRC / "lib" / "function_settings"


@dataclasses.dataclass(frozen=True)
class Example:
    table: str = variable("TABLE")
    limit: int = variable("LIMIT", 20)
    ratio: float = variable("RATIO", 0.5)
    strict: bool = variable("STRICT", False)
    ca_file: str | None = variable("CA_FILE", None)
    computed: str = "not read from the environment"

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= 100:
            raise ConfigurationError(f"LIMIT must be 1-100, got {self.limit}")


def test_values_are_read_by_their_variable_and_converted_to_the_field_type():
    read = from_env(Example, {"TABLE": "orders", "LIMIT": "7", "RATIO": "0.25", "STRICT": "True", "CA_FILE": "/ca.pem"})
    assert (read.table, read.limit, read.ratio, read.strict, read.ca_file) == ("orders", 7, 0.25, True, "/ca.pem")
    assert read.computed == "not read from the environment"


def test_unset_or_empty_variables_take_the_default():
    read = from_env(Example, {"TABLE": "orders", "LIMIT": "", "CA_FILE": ""})
    assert (read.limit, read.ratio, read.strict, read.ca_file) == (20, 0.5, False, None)


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({}, "TABLE must be set"),
        ({"TABLE": ""}, "TABLE must be set"),
        ({"TABLE": "t", "LIMIT": "ten"}, "LIMIT must be a whole number, got 'ten'"),
        ({"TABLE": "t", "LIMIT": "2.5"}, "LIMIT must be a whole number, got '2.5'"),
        ({"TABLE": "t", "RATIO": "half"}, "RATIO must be a number, got 'half'"),
        ({"TABLE": "t", "STRICT": "yes"}, "STRICT must be true or false, got 'yes'"),
        ({"TABLE": "t", "LIMIT": "500"}, "LIMIT must be 1-100, got 500"),
    ],
)
def test_a_wrong_environment_is_refused_naming_the_variable(environment, message):
    with pytest.raises(ConfigurationError, match=message):
        from_env(Example, environment)


def test_a_configuration_error_is_not_a_value_error():
    # Handlers treat ValueError from a record as a malformed record (reported, dead-lettered);
    # a wrong environment must fail the invocation instead.
    assert not issubclass(ConfigurationError, ValueError)


def _reads_the_environment(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os")
        and node.attr in ("environ", "getenv", "environb")
    ]


def test_every_handler_reads_its_settings_through_the_library():
    readers = {
        str(path.relative_to(REPO)): lines
        for path in sorted(LAMBDA_SRC.rglob("*.py"))
        if LIBRARY not in path.parents and (lines := _reads_the_environment(ast.parse(path.read_text())))
    }
    assert readers == {}, "read settings with lib/function_settings (from_env and variable), not os.environ"


def test_the_check_finds_a_direct_read():
    assert _reads_the_environment(ast.parse("import os\nTABLE = os.environ['TABLE']\nX = os.getenv('X')\n")) == [2, 3]
    assert Path(LIBRARY / "__init__.py").is_file()
