"""A consumer's root calls two modules by registry address and version, served from dist/.

dist/ is built as `make dist` builds it, for three versions: 0.1.0 from the commit the
CHANGELOG names as 0.1.0, and 1.0.0 and 2.0.0 from this checkout. The harness's
registry serves it on loopback, and the CLI configuration maps the README's made-up
host (registry.example.com) to that URL with a `host` block, over plain HTTP, offline.
The root is the sns-sqs-fanout and lambda-with-layers README blocks exactly as written
(`version = "~> 1.0"`): init must pick 1.0.0 (not 0.1.0, not 2.0.0), download only
those two packages, and the plan must match the same root using this checkout's
modules by path.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from harness.paths import REPO
from harness.terraform.staging import cli_env, consumer_root, link_repo, terraform
from tools.docs import README_REGISTRY, usage_blocks, with_sources
from tools.release import gates, registry
from tools.release.dist import build_dist

pytestmark = pytest.mark.plan

BLOCKS = {"sns-sqs-fanout": "orders", "lambda-with-layers": "resize"}  # module -> the README's call name
HOST = README_REGISTRY.split("/")[0]
# Both packages together; a git source downloads the whole repository (2.1 MB) per call.
DOWNLOAD_BUDGET_BYTES = 100_000


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("dist")
    old = gates.extract_modules(REPO, gates.release_ref(REPO, "0.1.0"), tmp_path_factory.mktemp("v0.1.0")).parent
    build_dist("0.1.0", source=old, dist=tree)
    build_dist("1.0.0", dist=tree)
    build_dist("2.0.0", dist=tree)
    return tree


@pytest.fixture(scope="module")
def served(dist, tf_env, scratch):
    with registry.serve(dist) as (base_url, log):
        config = scratch / "registry.tfrc"
        mirror = Path(cli_env(tf_env)["TF_CLI_CONFIG_FILE"]).read_text()
        config.write_text(mirror + "\n" + registry.cli_host_block(HOST, base_url))
        root = consumer_root(scratch / "registry_consumer", {m: usage_blocks()[m] for m in BLOCKS})
        tf = terraform(root, {**tf_env, "TF_CLI_CONFIG_FILE": str(config)})  # kept: tftest cleans up on exit
        yield root, tf.plan(output=True), log


@pytest.fixture(scope="module")
def local_plan(scratch, tf_env):
    link_repo(scratch)
    blocks = {m: with_sources(usage_blocks()[m], lambda name: f"../modules/{name}") for m in BLOCKS}
    return terraform(consumer_root(scratch / "registry_local", blocks), tf_env).plan(output=True)


def _manifest(root: Path) -> dict[str, dict]:
    modules = json.loads((root / ".terraform" / "modules" / "modules.json").read_text())["Modules"]
    return {entry["Key"]: entry for entry in modules if entry["Key"]}


def test_the_constraint_picks_the_newest_version_it_admits(served, dist):
    root, _, _ = served
    assert registry.addresses(dist, HOST)[f"{README_REGISTRY}/sns-sqs-fanout/aws"] == ["0.1.0", "1.0.0", "2.0.0"]
    manifest = _manifest(root)
    for module, call in BLOCKS.items():
        assert manifest[call]["Source"] == f"{README_REGISTRY}/{module}/aws"
        assert manifest[call]["Version"] == "1.0.0"
    # The fan-out's consumers come from the lambda-with-layers inside its own package.
    assert manifest["orders.consumer"]["Dir"] == ".terraform/modules/orders/modules/lambda-with-layers"


def test_only_the_two_packages_are_downloaded_and_they_are_small(served, dist):
    root, _, log = served
    archives = {path for method, path, status, _ in log.entries if path.endswith(".tar.gz") and method == "GET"}
    wanted = {
        f"/{registry.MODULES_PREFIX}/platform/{module}/aws/1.0.0/{registry.archive_name(module, '1.0.0')}"
        for module in BLOCKS
    }
    assert archives == wanted
    sizes = sum((dist / path.lstrip("/")).stat().st_size for path in wanted)
    assert log.bytes_sent(".tar.gz") == sizes
    assert sizes < DOWNLOAD_BUDGET_BYTES, f"the two packages weigh {sizes} bytes"
    print(f"downloaded {sizes} bytes for two module calls")


def test_each_download_holds_exactly_its_package(served, dist):
    root, _, _ = served
    for module, call in BLOCKS.items():
        archive = registry.module_dir(dist, "platform", module) / "1.0.0" / registry.archive_name(module, "1.0.0")
        with tarfile.open(archive) as tar:
            packaged = {m.name for m in tar.getmembers() if m.isfile()}
        unpacked = root / ".terraform" / "modules" / call
        assert {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} == packaged


def test_the_plan_matches_the_plan_with_the_checkout_modules(served, local_plan):
    _, plan, _ = served

    def planned(p):
        return {
            address: (change["change"]["actions"], change["change"]["after"], change["change"]["after_unknown"])
            for address, change in p.resource_changes.items()
        }

    through_registry, through_paths = planned(plan), planned(local_plan)
    assert through_registry.keys() == through_paths.keys()
    assert len(through_registry) > 20
    differing = [address for address in through_registry if through_registry[address] != through_paths[address]]
    assert differing == []
