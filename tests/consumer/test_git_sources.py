"""A consumer's root calls the modules through git sources and applies on the harness's moto.

The root is two README usage blocks (sns-sqs-fanout and lambda-with-layers) with their
registry source and version written as the git form a consumer uses without a registry
(README "Publishing"): `git::https://git.example.com/...//modules/<name>?ref=v0.1.0`.
git itself is told that this host is a snapshot repository of the working tree's modules
(`url.<snapshot>.insteadOf`, through GIT_CONFIG_* in the environment), so Terraform
downloads them as from a git server. No override file is staged anywhere: every gap
such a root meets on moto (dead-letter queues' RedriveAllowPolicy, a queue policy kept
across SetQueueAttributes) is filled in the emulator (harness/emulators/moto_server.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import boto3
import pytest

from harness.emulators.inventory import leftovers
from harness.paths import MODULES, REPO
from harness.terraform.apply import unexpected_changes
from harness.terraform.staging import consumer_root, terraform
from tools.docs import usage_blocks, with_sources
from tools.release.gates import throwaway_git

pytestmark = pytest.mark.apply

README_HOST = "https://git.example.com/platform/aws-serverless-modules.git"
BLOCKS = ("sns-sqs-fanout", "lambda-with-layers")


def git_source(module: str) -> str:
    return f"git::{README_HOST}//modules/{module}?ref=v0.1.0"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """A git repository holding the working tree's modules/ and versions.tf, tagged v0.1.0."""
    repo = tmp_path_factory.mktemp("snapshot")
    throwaway_git(repo, "init", "-q", "-b", "main")
    shutil.copytree(MODULES, repo / "modules", ignore=shutil.ignore_patterns(".terraform*"))
    shutil.copy(REPO / "versions.tf", repo)
    throwaway_git(repo, "add", "-A")
    throwaway_git(repo, "commit", "-q", "-m", "snapshot of the working tree's modules")
    throwaway_git(repo, "tag", "v0.1.0")
    return repo


@pytest.fixture(scope="module")
def consumer(snapshot, emulator, tf_env, tmp_path_factory):
    readme_blocks = usage_blocks()
    git_blocks = {module: with_sources(readme_blocks[module], git_source) for module in BLOCKS}
    root = consumer_root(tmp_path_factory.mktemp("consumer"), git_blocks)
    env = {
        **tf_env,
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.file://{snapshot}.insteadOf",
        "GIT_CONFIG_VALUE_0": README_HOST,
        "GIT_TERMINAL_PROMPT": "0",
    }
    emulator.reset()
    tf = terraform(root, env)
    tf.apply()
    try:
        yield tf, root
    finally:
        tf.destroy(auto_approve=True)


def test_the_readme_blocks_download_through_git_and_nothing_is_written_into_the_modules(consumer, snapshot):
    _, root = consumer
    manifest = json.loads((root / ".terraform" / "modules" / "modules.json").read_text())
    sources = {m["Key"]: m["Source"] for m in manifest["Modules"] if m["Key"]}
    assert {s for key, s in sources.items() if "." not in key} == {git_source(module) for module in BLOCKS}
    tracked = set(throwaway_git(snapshot, "ls-files").split())
    downloaded = root / ".terraform" / "modules"
    for checkout in (p for p in downloaded.iterdir() if p.is_dir()):
        files = {
            p.relative_to(checkout).as_posix()
            for p in checkout.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(checkout).parts
        }
        assert files == tracked, f"{checkout.name}: files the checkout does not hold: {sorted(files - tracked)}"


def test_the_consumer_root_applies_and_a_second_plan_shows_no_changes(consumer, emulator):
    tf, _ = consumer
    assert unexpected_changes(tf.plan(output=True), emulator.kind) == []


def test_every_dead_letter_queue_admits_its_source_and_every_queue_keeps_its_policy(consumer):
    sqs = boto3.client("sqs")
    urls = sqs.list_queues(QueueNamePrefix="orders")["QueueUrls"]
    attributes = {
        url.rsplit("/", 1)[1]: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        for url in urls
    }
    dead_letters = {name: a for name, a in attributes.items() if "RedriveAllowPolicy" in a}
    sources = {name: a for name, a in attributes.items() if "RedrivePolicy" in a}
    assert dead_letters and sources and len(dead_letters) == len(sources), sorted(attributes)
    for name, attrs in sources.items():
        target = json.loads(attrs["RedrivePolicy"])["deadLetterTargetArn"]
        [dead_letter] = [a for a in dead_letters.values() if a["QueueArn"] == target]
        assert attrs["QueueArn"] in json.loads(dead_letter["RedriveAllowPolicy"])["sourceQueueArns"], name
        assert json.loads(attrs["Policy"])["Statement"], f"{name}: the topic's send permission is gone"


def test_an_in_place_update_keeps_the_queue_policies(consumer, emulator):
    """SetQueueAttributes for another attribute (here the visibility timeout) must not drop the
    Policy moto holds: the topic could no longer deliver, and no plan would show it."""
    tf, root = consumer
    block = root / "sns-sqs-fanout.tf"
    original = block.read_text()
    assert "visibility_timeout_seconds = 180" in original
    block.write_text(original.replace("visibility_timeout_seconds = 180", "visibility_timeout_seconds = 240"))
    try:
        # The one change beyond the emulator's known drift (harness/emulators/gaps.py).
        assert unexpected_changes(tf.plan(output=True), emulator.kind) == [
            'module.orders.module.queues.aws_sqs_queue.this["shipping"]:'
            " update of visibility_timeout_seconds: 180 -> 240"
        ]
        tf.apply()
    finally:
        block.write_text(original)
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="orders-shipping")["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "240"
    assert json.loads(attributes["Policy"])["Statement"]


def test_no_override_is_staged_for_the_consumer_root(consumer):
    _, root = consumer
    assert not list(root.rglob("zz_*")), "the consumer root must apply without harness override files"


def test_destroy_leaves_the_emulator_empty(consumer, emulator):
    tf, _ = consumer
    tf.destroy(auto_approve=True)
    assert leftovers(emulator) == []
