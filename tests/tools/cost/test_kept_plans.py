"""tools/cost/plans.py: the kept plan `make cost` reads stays whole when two processes keep one at once."""

from __future__ import annotations

import json
import threading

import pytest

from tools.cost.plans import remember

pytestmark = pytest.mark.unit


def test_plans_kept_at_the_same_moment_leave_one_whole_file(tmp_path):
    # Test workers and `make cost` may keep the plan at once: each must finish, and the file
    # left is one of theirs, whole.
    writers, rounds = 4, 25
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def keep(number: int) -> None:
        for attempt in range(rounds):
            start.wait()
            try:
                remember({"writer": number, "attempt": attempt}, "plan", folder=tmp_path)
            except BaseException as error:  # noqa: BLE001 (reported below, with the others)
                failures.append(error)

    threads = [threading.Thread(target=keep, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    kept = json.loads((tmp_path / "plan.json").read_text())
    assert kept["plan"]["attempt"] == rounds - 1
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no unfinished file left behind
