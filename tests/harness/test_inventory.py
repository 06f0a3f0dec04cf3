"""harness/emulators/inventory.py: a destroy check waits, bounded, for deletes AWS finishes after answering."""

from __future__ import annotations

import pytest

from harness.emulators import inventory

pytestmark = pytest.mark.unit

MAPPING = "event source mappings: 3f1c"


def readings(monkeypatch, *answers: list[str]) -> list[int]:
    """leftovers() reads these lists in turn (the last one for ever); how many reads it made."""
    reads = [0]

    def read(_emulator) -> list[str]:
        reads[0] += 1
        return answers[min(reads[0], len(answers)) - 1]

    monkeypatch.setattr(inventory, "_read", read)
    return reads


def test_a_mapping_still_deleting_is_waited_for_until_it_is_gone(monkeypatch):
    reads = readings(monkeypatch, [f"{MAPPING} (Deleting)"], [f"{MAPPING} (Deleting)"], [])
    assert inventory.leftovers(object(), settle_seconds=10) == []
    assert reads[0] == 3


def test_a_resource_that_stays_deleting_past_the_bound_is_listed_with_its_state(monkeypatch):
    readings(monkeypatch, [f"{MAPPING} (Deleting)", "db proxies: orders (deleting)"])
    assert inventory.leftovers(object(), settle_seconds=0.6) == [
        f"{MAPPING} (Deleting)",
        "db proxies: orders (deleting)",
    ]


def test_a_leftover_in_a_settled_state_is_listed_without_waiting(monkeypatch):
    reads = readings(monkeypatch, [MAPPING, "sqs queues: http://q"])
    assert inventory.leftovers(object(), settle_seconds=10) == [MAPPING, "sqs queues: http://q"]
    assert reads[0] == 1


def test_states_are_named_only_for_resources_on_their_way_out():
    assert inventory._with_state("m", "Deleting") == "m (Deleting)"
    assert inventory._with_state("m", "Enabled") == "m"
    assert inventory._with_state("m", None) == "m"
