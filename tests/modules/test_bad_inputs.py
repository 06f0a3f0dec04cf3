"""Every bad input gets its own clear message at plan time, for every module and example.

The cases are data in each module's folder (tests/modules/<module>/invalid.yml and
preconditions.yml) and each example's (tests/examples/<example>/invalid.yml); the
harness renders them into two shared roots, each planned once
(harness/terraform/roots.py). A new module's cases are found here without an edit to
this file.
"""

from __future__ import annotations

import pytest

from harness.terraform.roots import cases

pytestmark = pytest.mark.plan

VARIABLE_CASES = cases("invalid")
PRECONDITION_CASES = cases("preconditions")


@pytest.mark.parametrize("case", VARIABLE_CASES, ids=lambda case: case.id)
def test_bad_input_fails_with_its_message(invalid_plan_errors, case):
    errors = invalid_plan_errors.get(case.call)
    assert errors, f"{case.id}: plan accepted the bad input"
    # One clear message for the one thing that is wrong, not a pile of them.
    (message,) = case.messages
    assert [e.message for e in errors if message in e.message], [e.message for e in errors]
    assert len(errors) == 1, [e.message for e in errors]


def test_every_invalid_case_is_named(invalid_plan_errors):
    # An error on a call no case names (or at the root) is an untested case or a broken root.
    assert set(invalid_plan_errors) == {case.call for case in VARIABLE_CASES}


@pytest.mark.parametrize("case", PRECONDITION_CASES, ids=lambda case: case.id)
def test_inputs_wrong_together_fail_with_their_message(precondition_errors, case):
    messages = [e.message for errors in precondition_errors.values() for e in errors]
    for expected in case.messages:
        assert [m for m in messages if m.startswith(expected)], (expected, messages)


def test_every_precondition_case_is_named(precondition_errors):
    # Terraform names no module call on a failed precondition, so each message starts with
    # the name the case gives its call: every error is one a case expects, and only once.
    messages = [e.message for errors in precondition_errors.values() for e in errors]
    expected = [m for case in PRECONDITION_CASES for m in case.messages]
    assert sorted(m.split(":")[0] for m in messages) == sorted(m.split(":")[0] for m in expected)


def test_the_case_files_render_one_call_per_case():
    for root, found in (("invalid", VARIABLE_CASES), ("preconditions", PRECONDITION_CASES)):
        calls = [case.call for case in found]
        assert len(calls) == len(set(calls)), f"{root}: two cases render the same module call"
        assert all(case.messages and all(case.messages) for case in found), f"{root}: a case without a message"
