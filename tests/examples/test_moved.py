"""An example applied at the previous release keeps its objects after an upgrade: every
address of the example then that it no longer has leads, through the example's `moved`
blocks (followed through chains and into local modules' calls), to an address it has now.

Read from the two trees (tools/release/interface.py), not applied: the blocks' effect on
a real state is proven where a published module moves (tests/tools/release/test_moved.py
applies the previous release and plans this one), by the same Terraform mechanism.
"""

from __future__ import annotations

import pytest

from harness.paths import EXAMPLES, REPO
from tools.release import gates, interface

PREVIOUS = gates.released_versions((REPO / "CHANGELOG.md").read_text())[0]
# Objects a published module dropped on purpose, by their address in the module, each with
# why losing them is the change (CHANGELOG); tools/release judges the module's own release.
DROPPED_BY_A_MODULE = {
    "aws_iam_role_policy_attachment.vpc_access": "lambda-with-layers grants the network interface actions inline"
    " instead of AWSLambdaVPCAccessExecutionRole (logs on every group); the attachment is destroyed on purpose.",
}


@pytest.fixture(scope="module")
def previous_examples(tmp_path_factory):
    ref = gates.release_ref(REPO, gates.last_release(REPO) or PREVIOUS)
    return gates.extract_tree(REPO, ref, tmp_path_factory.mktemp("previous"), "examples", "modules") / "examples"


def _lost(old: interface.Interface, new: interface.Interface) -> list[str]:
    """Old addresses that no moved block carries to a present one: destroyed at the next apply."""
    return [
        address
        for address in sorted(old.addresses - new.addresses)
        if interface.destination(address, new.moved) not in new.addresses
        and not any(address.endswith(f".{dropped}") for dropped in DROPPED_BY_A_MODULE)
    ]


def test_every_address_of_the_previous_release_survives(previous_examples):
    examples = sorted(p.name for p in previous_examples.iterdir() if (p / "versions.tf").is_file())
    assert examples, "the previous release has no examples: this test would prove nothing"
    assert all((EXAMPLES / name).is_dir() for name in examples), "an example was removed: say so in the CHANGELOG"
    lost = {
        name: found
        for name in examples
        if (found := _lost(interface.read(previous_examples / name), interface.read(EXAMPLES / name)))
    }
    assert lost == {}


def test_the_buckets_moved_into_the_internal_module(previous_examples):
    # The move this test was written for: four examples' buckets, written out before, now modules/private-bucket.
    # image-labels, edge-personalization and claims-processing came after it; their moved blocks
    # are for the trees that deployed them from main, and are checked here by shape.
    old = interface.read(previous_examples / "thumbnails")
    assert "aws_s3_bucket.images" in old.addresses
    for name, bucket in {
        "thumbnails": "images",
        "image-labels": "images",
        "edge-personalization": "product_images",
        "claims-processing": "claims",
    }.items():
        new = interface.read(EXAMPLES / name)
        kinds = {a.split(".")[-2] for a in new.addresses if ".aws_s3_bucket" in a and a.startswith("module.")}
        for kind in kinds:
            assert interface.destination(f"{kind}.{bucket}", new.moved) in new.addresses, (name, kind)


def test_a_missing_moved_block_is_found(previous_examples, tmp_path):
    # The check itself: the same example without its moved.tf loses the bucket.
    copy = tmp_path / "examples" / "thumbnails"
    copy.mkdir(parents=True)
    (tmp_path / "modules").symlink_to(EXAMPLES.parent / "modules", target_is_directory=True)
    for tf in (EXAMPLES / "thumbnails").glob("*.tf"):
        if tf.name != "moved.tf":
            (copy / tf.name).write_text(tf.read_text())
    lost = _lost(interface.read(previous_examples / "thumbnails"), interface.read(copy))
    assert "aws_s3_bucket.images" in lost and len(lost) == 7
