"""Roots applied on an emulator: apply, read outputs, plan again, always destroy."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import tftest

from harness.emulators.gaps import EMULATOR_DRIFT, EMULATOR_REFORMATS_JSON
from harness.terraform.staging import stage, terraform


def unexpected_changes(plan: tftest.TerraformPlanOutput, emulator_kind: str) -> list[str]:
    """Changes in a plan made right after apply, less the emulator's known drift.

    An empty list means the configuration is stable: what was applied is what
    the provider reads back.
    """
    allowed = EMULATOR_DRIFT.get(emulator_kind, {})
    reformats_json = emulator_kind in EMULATOR_REFORMATS_JSON
    problems = []
    for address, change in plan.resource_changes.items():
        actions = change["change"]["actions"]
        if actions in (["no-op"], ["read"]):
            continue
        if actions != ["update"]:
            problems.append(f"{address}: {actions}")
            continue
        before, after = change["change"]["before"] or {}, change["change"]["after"] or {}
        changed = {
            key
            for key in set(before) | set(after)
            if before.get(key) != after.get(key)
            and not (reformats_json and _same_json(before.get(key), after.get(key)))
        }
        changed |= {key for key, unknown in change["change"].get("after_unknown", {}).items() if unknown is True}
        extra = changed - allowed.get(change["type"], set())
        if extra:
            detail = "; ".join(
                f"{key}: {before.get(key)!r} -> {after.get(key, '(known after apply)')!r}" for key in sorted(extra)
            )
            problems.append(f"{address}: update of {detail}")
    return problems


def _same_json(a: object, b: object) -> bool:
    """Both are JSON documents with the same parsed value (whitespace and key order aside)."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    try:
        return json.loads(a) == json.loads(b)
    except json.JSONDecodeError:
        return False


class AppliedRoot:
    """A root applied on an emulator; destroyed by the context manager at the latest."""

    def __init__(self, tf: tftest.TerraformTest, tf_vars: dict | None = None):
        self.tf = tf
        self.tf_vars = tf_vars or {}
        self.outputs: dict = {}
        self.destroyed = False

    def plan(self) -> tftest.TerraformPlanOutput:
        """Plan again with the same inputs (an applied root must show no changes)."""
        return self.tf.plan(output=True, tf_vars=self.tf_vars)

    def replacement_plan(self, *addresses: str) -> tftest.TerraformPlanOutput:
        """Plan replacing these resources (terraform plan -replace=...), to read the order of the
        planned actions: ["delete", "create"], or ["create", "delete"] for create_before_destroy."""
        with tempfile.TemporaryDirectory(prefix="replace-") as scratch:
            plan_file = Path(scratch) / "replace.tfplan"
            args = tftest.parse_args(input=False, color=False, tf_vars=self.tf_vars)
            self.tf.execute_command("plan", *args, *(f"-replace={a}" for a in addresses), f"-out={plan_file}")
            shown = self.tf.execute_command("show", "-no-color", "-json", str(plan_file)).out
        return tftest.TerraformPlanOutput(json.loads(shown))

    def destroy(self) -> None:
        if not self.destroyed:
            self.tf.destroy(auto_approve=True, tf_vars=self.tf_vars)
            self.destroyed = True


@contextlib.contextmanager
def applied(
    root: str, scratch: Path, emulator, env: dict[str, str], tf_vars: dict | Callable[[], dict] | None = None
) -> Iterator[AppliedRoot]:
    """Reset the emulator, apply `root` (with `tf_vars`) on a staged copy, yield it, always destroy it.

    `tf_vars` may be a function: it is called after the reset, so it may create on the
    emulator what the inputs name (a certificate) without the reset wiping it."""
    emulator.reset()
    if callable(tf_vars):
        tf_vars = tf_vars()
    result = AppliedRoot(terraform(stage(root, scratch, emulator_kind=emulator.kind), env), tf_vars)
    try:
        result.tf.apply(tf_vars=result.tf_vars)
        result.outputs = dict(result.tf.output())
        yield result
    except BaseException as failure:
        # Destroy also when apply or a test failed half-way, but never let a destroy
        # error take the place of the failure that came first: it goes on as a note.
        try:
            result.destroy()
        except Exception as destroy_error:  # noqa: BLE001 (reported on the original failure)
            failure.add_note(f"destroy after this failure also failed: {str(destroy_error)[-2000:]}")
        raise
    else:
        result.destroy()
