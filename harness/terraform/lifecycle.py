"""The lifecycle every example goes through on an emulator, declared once.

tests/examples/<example>/deployments.yml names the emulators the example is applied
on, with the inputs for each:

    moto: {}                                 # applied on moto with its defaults
    localstack:
      vars: {name: kinds-ls}                 # -var inputs
      vars_from_fixtures:                    # inputs a session fixture knows at run time,
        http_backend_url: http_backend.url   # read after the emulator's reset before the apply
      needs: [autoscaling_tags]              # emulator features it cannot apply without

tests/examples/test_lifecycle.py runs, for each (example, emulator): apply, a second
plan clean except the emulator drift named in harness/emulators/gaps.py, then (after
the example's own scenario tests in its folder) destroy and an emulator left empty.
Each deployment is applied once per session and shared by its lifecycle and scenario
tests, whatever module they sit in.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from harness.terraform.apply import AppliedRoot, applied
from harness.terraform.roots import EXAMPLE_TESTS

DEPLOYMENTS_FILE = "deployments.yml"
EMULATOR_FIXTURES = {"moto": "emulator", "localstack": "localstack"}
KNOWN_SETTINGS = {"vars", "vars_from_fixtures", "needs"}


@dataclass(frozen=True)
class Deployment:
    example: str
    emulator_kind: str
    settings: dict = field(hash=False, compare=False)

    def __str__(self) -> str:
        return f"{self.example}-{self.emulator_kind}"


def deployments() -> list[Deployment]:
    """Every (example, emulator) that a tests/examples/<example>/deployments.yml declares."""
    found = []
    for spec in sorted(EXAMPLE_TESTS.glob(f"*/{DEPLOYMENTS_FILE}")):
        for kind, settings in (yaml.safe_load(spec.read_text()) or {}).items():
            settings = settings or {}
            if kind not in EMULATOR_FIXTURES or set(settings) - KNOWN_SETTINGS:
                raise ValueError(
                    f"{spec}: {kind}: emulators are {sorted(EMULATOR_FIXTURES)}, settings {sorted(KNOWN_SETTINGS)}"
                )
            found.append(Deployment(spec.parent.name, kind, settings))
    return found


def deployment_of(example: str, emulator_kind: str) -> Deployment:
    for deployment in deployments():
        if (deployment.example, deployment.emulator_kind) == (example, emulator_kind):
            return deployment
    raise LookupError(
        f"tests/examples/{example}/{DEPLOYMENTS_FILE} declares no {emulator_kind} deployment "
        f"(a scenario module on another emulator than moto is named test_apply_<emulator>.py)"
    )


class Deployments:
    """Applies each deployment on first use and keeps it for the session; destroys what is
    left at the end. `fixture(name)` returns a session fixture's value (request.getfixturevalue)."""

    def __init__(self, fixture, scratch: Path):
        self._fixture = fixture
        self._scratch = scratch
        self._applied: dict[Deployment, AppliedRoot] = {}
        self._emulators: dict[Deployment, object] = {}
        self._failed: dict[Deployment, str] = {}
        self._stack = contextlib.ExitStack()

    def emulator(self, deployment: Deployment):
        if deployment not in self._emulators:
            self._emulators[deployment] = self._fixture(EMULATOR_FIXTURES[deployment.emulator_kind])
        return self._emulators[deployment]

    def get(self, deployment: Deployment) -> AppliedRoot:
        import pytest

        if deployment in self._failed:
            pytest.fail(f"{deployment}: the apply failed earlier in this session: {self._failed[deployment]}")
        if deployment not in self._applied:
            emulator = self.emulator(deployment)
            if "autoscaling_tags" in deployment.settings.get("needs", []) and not emulator.answers_autoscaling_tags():
                pytest.skip(
                    f"the emulator at {emulator.endpoint} does not answer Application Auto Scaling "
                    "ListTagsForResource, which the AWS provider needs after creating a scalable target; start moto "
                    "with `python -m harness.emulators.moto_server` (harness/emulators/moto_server.py adds it)"
                )

            def tf_vars() -> dict:  # after the reset: a fixture may create what an input names
                found = dict(deployment.settings.get("vars", {}))
                for name, source in deployment.settings.get("vars_from_fixtures", {}).items():
                    fixture_name, _, attribute = source.partition(".")
                    found[name] = getattr(self._fixture(fixture_name), attribute)
                # -var takes HCL: a YAML true must reach Terraform as true, not Python's True.
                return {name: value if isinstance(value, str) else json.dumps(value) for name, value in found.items()}

            env = {**os.environ, **emulator.env}
            workdir = self._scratch / f"apply-{deployment}"
            try:
                self._applied[deployment] = self._stack.enter_context(
                    applied(f"examples/{deployment.example}", workdir, emulator, env, tf_vars)
                )
            except Exception as error:
                self._failed[deployment] = str(error)[-1500:]
                raise
        return self._applied[deployment]

    def close(self) -> None:
        """Destroy what is still applied. A deployment whose emulator this session started and
        has already stopped (fixtures end in their own order) went with it: nothing is left."""
        for deployment, root in self._applied.items():
            emulator = self._emulators[deployment]
            process = getattr(emulator, "process", None)
            if emulator.managed and process is not None and process.poll() is not None:
                root.destroyed = True
        self._stack.close()


def scenario_emulator(test_file: str) -> str:
    """The emulator a scenario module runs on, from its name: test_apply.py on moto,
    test_apply_<emulator>.py on that one (test_apply_localstack.py)."""
    stem = Path(test_file).stem
    return stem.removeprefix("test_apply").removeprefix("_") or "moto"


def deployment_of_test(nodeid: str) -> str | None:
    """'<example>-<emulator>' for a lifecycle step or a scenario test, from its node id alone."""
    path, _, name = nodeid.partition("::")
    parts = path.split("/")
    if parts[-2:] == ["examples", "test_lifecycle.py"] and name.endswith("]"):
        return name.rsplit("[", 1)[1][:-1]
    if len(parts) >= 3 and parts[-3] == "examples" and parts[-1].startswith("test_apply"):
        return f"{parts[-2]}-{scenario_emulator(parts[-1])}"
    return None
