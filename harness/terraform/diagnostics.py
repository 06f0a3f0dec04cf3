"""Errors of a plan that is meant to fail, keyed by the module call that caused them."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
from dataclasses import dataclass

import tftest

# The calling block as a variable error names it: `module "bad_memory"` in HCL,
# `module.bad_memory` in a .tf.json file.
_MODULE_CONTEXT = re.compile(r'^module(?: "([^"]+)"|\.([A-Za-z0-9_-]+))')
_MODULE_ADDRESS = re.compile(r"^module\.([A-Za-z0-9_-]+)")


@dataclass
class Diagnostic:
    summary: str
    detail: str

    @property
    def message(self) -> str:
        """The validation message as the user sees it, without Terraform's trailer."""
        return self.detail.split("\n\nThis was checked by")[0].strip()


_quiet_lock = threading.Lock()
_quiet_count = 0


@contextlib.contextmanager
def _quiet_tftest():
    """tftest's logger off while any thread plans a root meant to fail (make bench plans them
    side by side: one thread must not switch it back on under another)."""
    global _quiet_count
    with _quiet_lock:
        _quiet_count += 1
        logging.getLogger("tftest").disabled = True
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_count -= 1
            logging.getLogger("tftest").disabled = _quiet_count > 0


def plan_errors(tf: tftest.TerraformTest) -> dict[str, list[Diagnostic]]:
    """Plan a root that is meant to fail; return its errors keyed by module call.

    A variable validation error names the calling block in its snippet context
    (`module "bad_memory"`, or `module.bad_memory` from a .tf.json file). A failed
    precondition names no call: Terraform 1.11's diagnostic carries only the
    condition's place in the module's source, so those errors are keyed "<root>",
    and each module's messages name the call themselves (`<name>: ...`).
    """
    with _quiet_tftest():  # it logs a failed command at CRITICAL; here failure is the point
        try:
            out = tf.execute_command("plan", "-json", "-input=false", "-no-color").out
        except tftest.TerraformTestError as exc:
            out = str(exc.args[0])
        else:
            raise AssertionError(f"plan was expected to fail but succeeded:\n{out[-2000:]}")
    errors: dict[str, list[Diagnostic]] = {}
    for line in out.splitlines():
        start = line.find("{")
        if start < 0:
            continue
        try:
            record = json.loads(line[start:])
        except json.JSONDecodeError:
            continue
        diag = record.get("diagnostic") if isinstance(record, dict) else None
        if not diag or diag.get("severity") != "error":
            continue
        context = (diag.get("snippet") or {}).get("context") or ""
        match = _MODULE_CONTEXT.match(context) or _MODULE_ADDRESS.match(diag.get("address") or "")
        key = next(group for group in match.groups() if group) if match else "<root>"
        errors.setdefault(key, []).append(Diagnostic(diag.get("summary", ""), diag.get("detail", "")))
    return errors
