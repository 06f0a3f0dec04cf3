"""checkov: built-in checks and ours (policies/), over HCL and over the session's plan.

One checkov process scans every module, example and policy fixture; a second,
running beside it, scans the plan JSON of the shared plan root, where values that
HCL scanning cannot resolve (module inputs, optional() defaults) are known.
"""

from __future__ import annotations

import re

import pytest

from harness.paths import EXAMPLES, MODULES, REPO
from tools.policy import POLICY_FIXTURES, run_scans

pytestmark = pytest.mark.policy

# CKV_ASM_13, 14 and 20 are judged on the deployed account (policies/deployed/,
# tests/policies/test_deployed.py): checkov cannot follow their resources.
OUR_CHECKS = {f"CKV_ASM_{n}" for n in (*range(1, 13), *range(15, 20))}
# Built-in checks the library relies on for an issue's policy, with the fixture each must fail.
RELIED_ON_BUILTINS = {
    "CKV_AWS_333": "builtin_public_ip",  # ECS service without a public IP
    "CKV_AWS_249": "builtin_same_role",  # task role differs from execution role
}


@pytest.fixture(scope="module")
def scans(plan_root_json):
    return run_scans(plan_json=plan_root_json)


def library_findings(findings):
    return [f for f in findings if f.file.startswith((str(MODULES), str(EXAMPLES)))]


def test_hcl_scan_covers_every_module_and_example(scans):
    scanned = {f.file for f in scans["hcl"]}
    for folder in [*MODULES.iterdir(), *EXAMPLES.iterdir()]:
        if not any('resource "aws_' in tf.read_text() for tf in folder.glob("*.tf")):
            continue  # no AWS resource for a check to judge (iam-statement-rules holds only preconditions)
        assert any(path.startswith(str(folder) + "/") for path in scanned), f"checkov scanned nothing in {folder}"


def test_no_failed_check_in_modules_and_examples(scans):
    failed = [str(f) for f in library_findings(scans["hcl"]) if f.result == "FAILED"]
    assert failed == []


# Plan cases that switch a default off on purpose, to show the module honours it; only these
# checks may fail on them, and only in the plan scan (no library default is judged here).
SWITCHED_OFF_ON_PURPOSE = {
    # step-functions-workflow with logging.level OFF and tracing_enabled false.
    "module.sfn_express_minimal.aws_sfn_state_machine.this[0]": {"CKV_ASM_16", "CKV_ASM_17", "CKV_AWS_284"},
}


def test_no_failed_check_in_the_plan(scans):
    failed = [
        str(f)
        for f in scans["plan"]
        if f.result == "FAILED" and f.check_id not in SWITCHED_OFF_ON_PURPOSE.get(f.resource, set())
    ]
    assert failed == []
    switched_off = {(f.resource, f.check_id) for f in scans["plan"] if f.result == "FAILED"}
    assert switched_off == {
        (resource, check) for resource, checks in SWITCHED_OFF_ON_PURPOSE.items() for check in checks
    }


# Checks whose subject is computed at apply, so no plan can show it; where it is checked instead.
KNOWN_ONLY_AFTER_APPLY = {
    "CKV_ASM_9": "the module builds each source ARN from the API's execution ARN; "
    "tests/examples/integration-types/test_apply.py reads the permissions back",
    "CKV_ASM_19": "the association names the version an apply publishes, unknown in any plan that "
    "publishes one; the HCL scan judges the reference (fixtures), ASM_20 the deployed state",
}


def test_plan_scan_ran_our_checks_on_real_values(scans):
    ours = {(f.check_id, f.result) for f in scans["plan"] if f.check_id in OUR_CHECKS}
    assert {(check, "PASSED") for check in OUR_CHECKS - set(KNOWN_ONLY_AFTER_APPLY)} <= ours


def test_every_queue_policy_the_library_writes_names_its_topic(scans, plan_root):
    # HCL cannot resolve the data-source documents; the plan can: every one is checked.
    planned = [a for a, r in plan_root.resource_changes.items() if r["type"] == "aws_sqs_queue_policy"]
    results = {f.resource: f.result for f in scans["plan"] if f.check_id == "CKV_ASM_3"}
    assert planned and sorted(results) == sorted(planned)
    assert set(results.values()) == {"PASSED"}


def test_every_skip_gives_a_reason(scans):
    skipped = [f for f in library_findings(scans["hcl"]) + scans["plan"] if f.result == "SKIPPED"]
    assert skipped, "expected the documented skips to be seen"
    for finding in skipped:
        assert len(finding.reason.strip()) >= 40, f"{finding} is skipped without a real reason: {finding.reason!r}"


def fixture_results(scans, check_id):
    return {
        f.resource.split(".")[-1]: f.result
        for f in scans["hcl"]
        if f.check_id == check_id and f.file.startswith(str(POLICY_FIXTURES))
    }


def expected_result(resource: str, check_id: str) -> str:
    """good_* passes; bad_* fails, and bad_asm<N>_* fails check N only (it is good for the rest).

    builtin_* fixtures are good for our checks and fail one built-in (RELIED_ON_BUILTINS)."""
    if resource.startswith("builtin_"):
        return "PASSED"
    targeted = re.match(r"bad_asm(\d+)_", resource)
    if targeted:
        return "FAILED" if check_id == f"CKV_ASM_{targeted.group(1)}" else "PASSED"
    return "PASSED" if resource.startswith("good_") else "FAILED"


@pytest.mark.parametrize("check_id", sorted(OUR_CHECKS))
def test_our_checks_pass_good_and_fail_bad_fixtures(scans, check_id):
    results = fixture_results(scans, check_id)
    assert results, f"{check_id} did not run on the fixtures (is policies/checks/__init__.py there?)"
    for resource, result in results.items():
        expected = expected_result(resource, check_id)
        assert result == expected, f"{check_id} on {resource}: {result}, expected {expected}"
    assert {"PASSED", "FAILED"} <= set(results.values())


FIXTURE_RESOURCE = re.compile(r'^resource "([a-z0-9_]+)" "((?:bad|good|builtin)_[A-Za-z0-9_]*)"', re.MULTILINE)


def fixture_resources() -> list[tuple[str, str]]:
    """Every (type, name) the policy fixtures declare, read from the files themselves."""
    return sorted(
        {m.groups() for tf in POLICY_FIXTURES.rglob("*.tf") for m in FIXTURE_RESOURCE.finditer(tf.read_text())}
    )


def test_every_bad_fixture_is_reported_failed_by_the_check_it_is_for(scans):
    """A check that answers UNKNOWN for a bad fixture reports nothing: the parametrised test
    above never sees it. Here every bad_* fixture must be FAILED: bad_asm<N>_* by CKV_ASM_N,
    any other bad_* by at least one of our checks."""
    failed_by: dict[str, set[str]] = {}
    for finding in scans["hcl"]:
        if (
            finding.check_id in OUR_CHECKS
            and finding.result == "FAILED"
            and finding.file.startswith(str(POLICY_FIXTURES))
        ):
            failed_by.setdefault(finding.resource, set()).add(finding.check_id)
    bad = [(kind, name) for kind, name in fixture_resources() if name.startswith("bad_")]
    assert len(bad) >= 20
    for kind, name in bad:
        targeted = re.match(r"bad_asm(\d+)_", name)
        checks = failed_by.get(f"{kind}.{name}", set())
        if targeted:
            assert f"CKV_ASM_{targeted.group(1)}" in checks, f"{kind}.{name} is not FAILED by its check ({checks})"
        else:
            assert checks, f"{kind}.{name} is FAILED by none of our checks"


def test_policy_fixtures_are_not_in_the_library():
    assert not POLICY_FIXTURES.is_relative_to(MODULES) and POLICY_FIXTURES.is_relative_to(REPO)


@pytest.mark.parametrize(("check_id", "failing_fixture"), sorted(RELIED_ON_BUILTINS.items()))
def test_relied_on_builtins_fail_their_fixture_and_pass_the_library(scans, check_id, failing_fixture):
    results = {f.resource.split(".")[-1]: f.result for f in scans["hcl"]
               if f.check_id == check_id and f.file.startswith(str(POLICY_FIXTURES))}  # fmt: skip
    assert results[failing_fixture] == "FAILED"
    assert {r for name, r in results.items() if name.startswith("good_")} == {"PASSED"}
    # Every ECS service or task definition in the plan (module cases and the example) is judged and passes.
    in_plan = [f for f in scans["plan"] if f.check_id == check_id]
    assert len(in_plan) >= 5 and {f.result for f in in_plan} == {"PASSED"}
