"""Terraform roots staged on copies, driven through tftest.

tftest deletes `.terraform` and state in the folder it runs in, so every root
runs on a copy in a scratch tree that mirrors the repository: the root itself is
copied, and `modules/`, `examples/`, `build/` and `lambda_src/` are linked, so the
relative paths the root uses (`../../modules/...`, `../../build/...`) resolve
unchanged. For an emulator that needs module override files, `modules/` is
copied instead, with those files added.
tftest's cache is never used: it does not see changes in called modules.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tftest

from harness.emulator import (
    EMULATOR_DRIFT,
    EMULATOR_MODULE_OVERRIDES,
    EMULATOR_REFORMATS_JSON,
    EMULATOR_ROOT_OVERRIDES,
    OVERRIDE_FILE,
    PROVIDER_OVERRIDE,
)
from harness.paths import REPO

LINKED_TOP_LEVEL = ("modules", "examples", "build", "lambda_src")
_MODULE_CONTEXT = re.compile(r'^module "([^"]+)"')
_MODULE_ADDRESS = re.compile(r"^module\.([A-Za-z0-9_-]+)")


def link_repo(scratch: Path, except_top: tuple[str, ...] = ()) -> None:
    """Link the repository's shared folders into a scratch tree (all but `except_top`)."""
    scratch.mkdir(parents=True, exist_ok=True)
    for name in LINKED_TOP_LEVEL:
        link = scratch / name
        if name not in except_top and not link.exists():
            link.symlink_to(REPO / name, target_is_directory=True)


def stage(root: str | Path, scratch: Path, emulator_kind: str | None = None) -> Path:
    """Copy the root at `root` (relative to the repo) into `scratch`, link the rest.

    For an apply on an emulator (`emulator_kind`), the provider override is added,
    and modules get the emulator's override files (they are copied, not linked,
    when there are any).
    """
    rel = Path(root)
    module_overrides = EMULATOR_MODULE_OVERRIDES.get(emulator_kind or "", {})
    copied = (rel.parts[0],) + (("modules",) if module_overrides else ())
    link_repo(scratch, except_top=copied)
    if module_overrides and (scratch / "modules").is_symlink():
        (scratch / "modules").unlink()  # staged earlier without overrides: copy instead
    if module_overrides and not (scratch / "modules").exists():
        shutil.copytree(REPO / "modules", scratch / "modules", ignore=shutil.ignore_patterns(".terraform*", "zz_*"))
        for module, override in module_overrides.items():
            (scratch / "modules" / module / OVERRIDE_FILE).write_text(override)
    # Never write through a link into the repository: a folder on the root's path
    # that an earlier staging linked (examples/, say) becomes a real folder here.
    for depth in range(1, len(rel.parts) + 1):
        part = scratch.joinpath(*rel.parts[:depth])
        if part.is_symlink():
            part.unlink()
    staged = scratch / rel
    if not staged.resolve().is_relative_to(scratch.resolve()):
        raise RuntimeError(f"refusing to stage {rel} outside the scratch tree {scratch}")
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(
        REPO / rel,
        staged,
        ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", ".terraform.lock.hcl", "zz_*"),
    )
    if emulator_kind:
        root_override = EMULATOR_ROOT_OVERRIDES.get(emulator_kind, {}).get(rel.as_posix(), "")
        (staged / OVERRIDE_FILE).write_text(PROVIDER_OVERRIDE + ("\n" + root_override if root_override else ""))
    return staged


def cli_env(env: dict[str, str]) -> dict[str, str]:
    """Use the CLI config `make` writes (the offline provider mirror) unless the
    environment names one that exists: pytest run by hand works like `make test`."""
    configured = env.get("TF_CLI_CONFIG_FILE")
    local = REPO / ".terraformrc.local"
    if (not configured or not Path(configured).is_file()) and local.is_file():
        return {**env, "TF_CLI_CONFIG_FILE": str(local)}
    return env


# tftest runs Terraform without a time limit; every command goes through this wrapper,
# which stops it after TERRAFORM_TIMEOUT_SECONDS (default 1800) and reports why.
TERRAFORM_WITH_TIMEOUT = REPO / "harness" / "bin" / "terraform-with-timeout"


def terraform(staged: Path, env: dict[str, str]) -> tftest.TerraformTest:
    """A tftest handle on a staged root, initialised."""
    tf = tftest.TerraformTest(tfdir=str(staged), binary=str(TERRAFORM_WITH_TIMEOUT), env=cli_env(env))
    tf.setup(upgrade=False)
    return tf


@dataclass
class Diagnostic:
    summary: str
    detail: str

    @property
    def message(self) -> str:
        """The validation message as the user sees it, without Terraform's trailer."""
        return self.detail.split("\n\nThis was checked by")[0].strip()


def plan_errors(tf: tftest.TerraformTest) -> dict[str, list[Diagnostic]]:
    """Plan a root that is meant to fail; return its errors keyed by module call.

    A variable validation error names the calling block in its snippet context
    (`module "bad_memory"`); a precondition names the resource address.
    """
    tftest_log = logging.getLogger("tftest")
    tftest_log.disabled = True  # it logs a failed command at CRITICAL; here failure is the point
    try:
        out = tf.execute_command("plan", "-json", "-input=false", "-no-color").out
    except tftest.TerraformTestError as exc:
        out = str(exc.args[0])
    else:
        raise AssertionError(f"plan was expected to fail but succeeded:\n{out[-2000:]}")
    finally:
        tftest_log.disabled = False
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
        key = match.group(1) if match else "<root>"
        errors.setdefault(key, []).append(Diagnostic(diag.get("summary", ""), diag.get("detail", "")))
    return errors


def module_resources(plan: tftest.TerraformPlanOutput, module: str) -> dict[str, dict]:
    """Planned resources of one module call (and its children), keyed by address
    relative to that call: `aws_lambda_function.this[0]`, `module.x.aws_s3_bucket.b`."""
    prefix = f"module.{module}."
    return {
        address[len(prefix) :]: change
        for address, change in plan.resource_changes.items()
        if address.startswith(prefix)
    }


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
    root: str, scratch: Path, emulator, env: dict[str, str], tf_vars: dict | None = None
) -> Iterator[AppliedRoot]:
    """Reset the emulator, apply `root` (with `tf_vars`) on a staged copy, yield it, always destroy it."""
    emulator.reset()
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
