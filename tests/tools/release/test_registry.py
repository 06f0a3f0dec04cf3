"""The registry-protocol tree in dist/ and the loopback server for it (tools/release/registry.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import hcl2
import pytest

from harness.emulators.servers import free_port
from harness.paths import MODULES, REPO
from harness.processes import stop_process_group
from tools.release import registry
from tools.release.dist import build_dist

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """Versions built out of order, so the list must be sorted by semantic version, not text."""
    tree = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(MODULES / "pipes-pipeline", source / "modules" / "pipes-pipeline")
    for version in ("0.10.0", "0.9.0", "1.0.0", "0.9.1"):
        build_dist(version, source=source, dist=tree)
    return tree


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback)
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_the_discovery_document_names_the_modules_service(dist):
    assert json.loads((dist / ".well-known" / "terraform.json").read_text()) == {"modules.v1": "/v1/modules/"}


def test_the_versions_list_is_sorted_by_semantic_version(dist):
    listing = json.loads((registry.module_dir(dist, "platform", "pipes-pipeline") / "versions").read_text())
    assert listing == {"modules": [{"versions": [{"version": v} for v in ("0.9.0", "0.9.1", "0.10.0", "1.0.0")]}]}


def test_headers_and_download_answers_agree_for_every_version(dist):
    rules = registry.read_headers(dist)
    assert len(rules) == 4
    for path, headers in rules.items():
        location = json.loads((dist / path.lstrip("/")).read_text())["location"]
        assert headers == {"X-Terraform-Get": location}
        archive, _, subdir = location.partition("//")
        assert (dist / path.lstrip("/")).parent.joinpath(archive).is_file()
        assert subdir == "modules/pipes-pipeline"


def test_the_server_answers_as_the_protocol_says(dist):
    with registry.serve(dist) as (base_url, log):
        base = f"{base_url}/v1/modules/platform/pipes-pipeline/aws"
        status, headers, body = _get(f"{base}/versions")
        assert (status, headers["Content-Type"]) == (200, "application/json")
        assert json.loads(body)["modules"][0]["versions"][-1] == {"version": "1.0.0"}
        status, headers, body = _get(f"{base}/0.10.0/download")
        assert (status, body) == (204, b"")
        assert headers["X-Terraform-Get"] == "./pipes-pipeline-0.10.0.tar.gz//modules/pipes-pipeline"
        status, _, body = _get(f"{base}/0.10.0/pipes-pipeline-0.10.0.tar.gz")
        assert status == 200
        assert (
            body
            == (
                registry.module_dir(dist, "platform", "pipes-pipeline") / "0.10.0" / "pipes-pipeline-0.10.0.tar.gz"
            ).read_bytes()
        )
        assert _get(f"{base_url}/v1/modules/platform/no-such-module/aws/versions")[0] == 404
        assert _get(f"{base}/3.0.0/download")[0] == 404
    assert log.bytes_sent(".tar.gz") == len(body)


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "01.0.0", "1.0.0-rc1", ""])
def test_a_version_that_is_not_semver_is_refused(version, tmp_path):
    with pytest.raises(SystemExit, match="is not MAJOR.MINOR.PATCH"):
        build_dist(version, dist=tmp_path)


def test_the_printed_cli_block_is_the_host_block_terraform_reads():
    parsed = hcl2.loads(registry.cli_host_block("registry.example.com", "http://127.0.0.1:8000"))
    [host] = parsed["host"]
    assert host['"registry.example.com"']["services"] == {'"modules.v1"': '"http://127.0.0.1:8000/v1/modules/"'}


def test_addresses_list_each_module_with_its_versions(dist):
    assert registry.addresses(dist, "registry.example.com") == {
        "registry.example.com/platform/pipes-pipeline/aws": ["0.9.0", "0.9.1", "0.10.0", "1.0.0"]
    }


def test_make_registry_serves_dist_and_prints_what_to_paste(dist):
    port = free_port()
    command = [sys.executable, "-u", "-m", "tools.release", "registry", "--dist", str(dist), "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        printed = []
        for line in server.stdout:
            printed.append(line)
            if "registry.example.com/platform/pipes-pipeline/aws" in line:
                break
        text = "".join(printed)
        assert registry.cli_host_block("registry.example.com", f"http://127.0.0.1:{port}") in text
        listed = re.search(r"registry\.example\.com/platform/pipes-pipeline/aws +(.*)", text)
        assert listed and listed.group(1) == "0.9.0, 0.9.1, 0.10.0, 1.0.0"
        status, headers, _ = _get(f"http://127.0.0.1:{port}/v1/modules/platform/pipes-pipeline/aws/1.0.0/download")
        assert (status, headers["X-Terraform-Get"]) == (204, "./pipes-pipeline-1.0.0.tar.gz//modules/pipes-pipeline")
    finally:
        stop_process_group(server)


def test_make_registry_without_a_release_says_what_to_run(tmp_path):
    command = [sys.executable, "-m", "tools.release", "registry", "--dist", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path} holds no release: run make dist VERSION=x.y.z first"
