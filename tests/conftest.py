"""Session fixtures: the emulators, and each shared Terraform root planned exactly once.

A `terraform plan` costs ~5 s here, most of it loading the AWS provider, so every
module case and example goes into one root (`plan`) planned once; the bad inputs
go into two more roots (`invalid`, `preconditions`) that must fail. The harness
assembles the three from tests/modules/<module>/ and tests/examples/
(harness/terraform/roots.py); tests then slice the plans by module call.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
from pathlib import Path

import pytest
import tftest
from filelock import FileLock
from xdist.scheduler import LoadScopeScheduling

from harness.authorization import enforcement, least_privilege
from harness.emulators.servers import Emulator, patched_environ, running_emulator
from harness.terraform.diagnostics import Diagnostic, plan_errors
from harness.terraform.lifecycle import deployment_of_test
from harness.terraform.plan import ModulePlan
from harness.terraform.roots import assemble
from harness.terraform.staging import terraform

LAYER_ORDER = {"unit": 0, "plan": 1, "policy": 2, "apply": 3}
LIFECYCLE_LAST = "test_destroy_leaves_the_emulator_empty"


def xdist_group(nodeid: str) -> str:
    """The work unit a test belongs to when workers share the suite, from its node id.

    The tests on one shared root run in one worker: every test_plan.py and the checkov scans
    (root `plan`, whose plan other workers' tests read too: see plan_root_json), and the two
    halves of test_bad_inputs.py (roots `invalid`, `preconditions`). A deployment's tests (its
    lifecycle steps and its scenario modules) run in one worker, the LocalStack ones in
    one LocalStack. Any other test goes with its module, whose fixtures are set up once.
    (pytest-xdist's own xdist_group marks do not reach its scheduler under pytest 9.)
    """
    path, _, name = nodeid.partition("::")
    if path.endswith("/test_plan.py") or path in (
        "tests/policies/test_checkov.py",
        "tests/policies/test_iam_catalogue.py",
        "tests/policies/test_creation_order.py",
        "tests/policies/test_provider_schemas.py",
    ):
        return "root-plan"
    if path == "tests/modules/test_bad_inputs.py":
        if name.startswith(("test_bad_input_", "test_every_invalid_")):
            return "root-invalid"
        if name.startswith(("test_inputs_wrong_together", "test_every_precondition_")):
            return "root-preconditions"
    if path == "tests/harness/test_localstack_server.py":
        return "localstack"  # the LocalStack worker's LocalStack, not one more
    deployment = deployment_of_test(nodeid)
    if deployment is not None:
        return "localstack" if deployment.endswith("-localstack") else deployment
    return path


def _layer(item: pytest.Item) -> int:
    for marker, order in LAYER_ORDER.items():
        if item.get_closest_marker(marker):
            return order
    return len(LAYER_ORDER)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Serially: cheap layers first, so a broken handler fails in seconds, not after an apply.
    In xdist workers: the slow units (applies, then plans) first, so they overlap, and the
    short unit tests fill the gaps. Either way a deployment's tests run together: the
    lifecycle's apply and second plan, the example's scenario tests, the lifecycle's destroy."""
    parallel = hasattr(config, "workerinput")

    def key(item: pytest.Item):
        layer = _layer(item)
        deployment = deployment_of_test(item.nodeid) or ""
        phase = 0 if item.path.name == "test_lifecycle.py" else 1
        if item.name.startswith(LIFECYCLE_LAST):
            phase = 2
        return (-layer if parallel else layer, deployment, phase)

    items.sort(key=key)


class _GroupScheduling(LoadScopeScheduling):
    """pytest-xdist's scope scheduling with xdist_group() as the scope, units in collection order."""

    def _split_scope(self, nodeid: str) -> str:
        return xdist_group(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems chose
    return _GroupScheduling(config, log)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the controller (or the one process with -n 0)
        shutil.rmtree(least_privilege.LEDGER_DIR, ignore_errors=True)  # `make least-privilege` reads this run's


def _write_authorization_ledger() -> None:
    """What this process's judged requests used, for `make least-privilege`."""
    least_privilege.write_ledger(enforcement.ledger, os.environ.get("PYTEST_XDIST_WORKER", "main"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Every process leaves what its judged requests used (build/authorization/)."""
    _write_authorization_ledger()


class _SessionHooks:
    """Hooks the test session calls for the tools that hook into it (tools/*/pytest_plugin.py,
    loaded by pyproject.toml): the tests do not import the tools."""

    @pytest.hookspec
    def pytest_plan_root_planned(self, plan: dict) -> None:
        """The shared plan root was planned in this session; `plan` is its JSON."""


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_SessionHooks)


def pytest_configure(config: pytest.Config) -> None:
    workers = getattr(config.option, "numprocesses", None)
    if workers and os.environ.get("AWS_ENDPOINT_URL"):
        # Every worker resets the emulator before an apply: one shared emulator would be wiped
        # under the others' feet. Each worker starts its own unless AWS_ENDPOINT_URL names one.
        raise pytest.UsageError("AWS_ENDPOINT_URL names one emulator for all workers: run with -n 0")


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Emulator:
    """The emulator for the whole session (started here unless AWS_ENDPOINT_URL names one).

    Its endpoint and dummy credentials are put in os.environ, so in-process
    handlers' boto3 clients reach it too. Stopped at session end, also on failure
    or Ctrl-C.
    """
    log = tmp_path_factory.mktemp("emulator") / "emulator.log"
    with running_emulator(log) as emu, patched_environ(emu.env):
        yield emu


@pytest.fixture(scope="session")
def localstack(tmp_path_factory: pytest.TempPathFactory) -> Emulator:
    """LocalStack for the session, started on first use (or LOCALSTACK_ENDPOINT_URL's).

    It serves what moto cannot (TestEventPattern, REST APIs over HTTP). Its
    endpoint stays out of os.environ, which belongs to the default emulator:
    tests reach it through `localstack.client(service)` or `localstack.env`.
    """
    log = tmp_path_factory.mktemp("localstack") / "localstack.log"
    with running_emulator(log, kind="localstack") as emu:
        yield emu


@pytest.fixture(scope="session")
def tf_env(emulator: Emulator) -> dict[str, str]:
    return {**os.environ, **emulator.env}


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch tree mirroring the repository; roots run on copies here."""
    return tmp_path_factory.mktemp("repo")


@pytest.fixture(scope="session")
def plan_root_tf(scratch: Path, tf_env: dict[str, str]):
    """The shared plan root (every module's plan.tf and every example), staged and initialised."""
    return terraform(assemble("plan", scratch), tf_env)


@pytest.fixture(scope="session")
def session_shared(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder every worker of this test session sees (pytest-xdist's documented pattern)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session")
def plan_root_json(request: pytest.FixtureRequest, session_shared: Path) -> Path:
    """The shared plan root's plan, as JSON, made once per session: by the first worker that
    needs it, while the others wait for it. Tests of several workers read it, and planning it
    again in each costs about 70 s of CPU (two cores for six workers)."""
    path = session_shared / "plan_root.json"
    with FileLock(f"{path}.lock"):
        if not path.is_file():
            plan = request.getfixturevalue("plan_root_tf").plan(output=True)
            request.config.hook.pytest_plan_root_planned(plan=plan._raw)  # make cost keeps it
            path.write_text(json.dumps(plan._raw))
    return path


@pytest.fixture(scope="session")
def plan_root(plan_root_json: Path) -> tftest.TerraformPlanOutput:
    """The shared plan root planned once."""
    return tftest.TerraformPlanOutput(json.loads(plan_root_json.read_text()))


@pytest.fixture(scope="session")
def module_plan(plan_root):
    """ModulePlan for a module call of the plan root, by name."""

    def get(name: str) -> ModulePlan:
        found = ModulePlan.of(plan_root, name)
        return found

    return get


@pytest.fixture(scope="session")
def invalid_plan_errors(scratch: Path, tf_env: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """The shared root of every module's invalid.yml planned once; its errors by module call."""
    return plan_errors(terraform(assemble("invalid", scratch), tf_env))


@pytest.fixture(scope="session")
def precondition_errors(scratch: Path, tf_env: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """The shared root of every module's preconditions.yml planned once; its errors ("<root>": see plan_errors)."""
    return plan_errors(terraform(assemble("preconditions", scratch), tf_env))


@pytest.fixture(scope="session")
def thumbnail_handler(emulator: Emulator):
    """The thumbnail handler module, imported after the emulator's endpoint is in the
    environment (its boto3 client is created at import, as in Lambda)."""
    return importlib.import_module("thumbnail.handler")
