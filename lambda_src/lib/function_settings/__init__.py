"""A function's settings, read from its environment the same way in every handler.

Each handler declares a frozen dataclass whose fields name their variable, and reads it
once per environment:

    @dataclass(frozen=True)
    class Settings:
        table: str = variable("LABELS_TABLE")               # required
        max_labels: int = variable("MAX_LABELS", 20)        # converted to the field's type

        def __post_init__(self) -> None:                    # ranges and relations, if any
            ...

    @functools.cache
    def settings() -> Settings:
        return from_env(Settings)

A variable that is missing (or empty) without a default, or that does not convert to
its field's type, raises ConfigurationError naming the variable and what it holds: the
module sets these, so every invocation would fail the same way, and the log says why.
Tests set the environment and call `settings.cache_clear()`.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")
_VARIABLE = "environment_variable"


class ConfigurationError(RuntimeError):
    """The function's environment is wrong; every invocation would fail the same way."""


def variable(name: str, default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field read from the environment variable `name`; required without a default."""
    return dataclasses.field(default=default, metadata={_VARIABLE: name})


def _convert(name: str, raw: str, kind: Any) -> Any:
    arguments = [a for a in typing.get_args(kind) if a is not type(None)]
    if len(arguments) == 1 and type(None) in typing.get_args(kind):  # str | None: the default is None
        kind = arguments[0]
    if kind is bool:
        if raw.lower() not in ("true", "false"):
            raise ConfigurationError(f"{name} must be true or false, got {raw!r}")
        return raw.lower() == "true"
    if kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            what = "a whole number" if kind is int else "a number"
            raise ConfigurationError(f"{name} must be {what}, got {raw!r}") from None
    if kind is str:
        return raw
    raise TypeError(f"{name}: settings are str, int, float or bool, not {kind!r}")


def from_env(cls: type[T], environ: Mapping[str, str] | None = None) -> T:
    """An instance of the settings dataclass `cls` from `environ` (the process's by default)."""
    environ = os.environ if environ is None else environ
    kinds = typing.get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        name = field.metadata.get(_VARIABLE)
        if name is None:
            continue
        raw = environ.get(name, "")
        if raw == "":
            if field.default is dataclasses.MISSING:
                raise ConfigurationError(f"{name} must be set (the module sets it from its inputs)")
            continue
        values[field.name] = _convert(name, raw, kinds[field.name])
    return cls(**values)


__all__ = ["ConfigurationError", "from_env", "variable"]
