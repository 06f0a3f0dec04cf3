"""Reading checkov's view of an attribute, shared by the checks in this folder.

checkov puts each folder it loads external checks from on sys.path, so the checks
import this module by its bare name. It defines no check itself.
"""

from __future__ import annotations

from typing import Any


def first(value: Any) -> Any:
    """checkov wraps HCL values in lists; plan values sometimes too."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def unresolved(value: Any) -> bool:
    """An HCL expression checkov could not resolve to a literal (a reference, a module input)."""
    return isinstance(value, str) and value.startswith("${")
