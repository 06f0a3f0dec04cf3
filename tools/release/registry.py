"""The Terraform module registry protocol as a static tree, and a loopback server for it.

dist/ after `make dist VERSION=x.y.z` (every release adds its version beside the others):

    .well-known/terraform.json                      service discovery: {"modules.v1": "/v1/modules/"}
    v1/modules/<namespace>/<name>/aws/versions      the versions list, from the versions present
    v1/modules/<namespace>/<name>/aws/<v>/download  {"location": ...}: the download answer's body
    v1/modules/<namespace>/<name>/aws/<v>/<name>-<v>.tar.gz (+ .sha256)
    releases/<v>/functions/*.zip, layers/*.zip      release assets; SHA256SUMS, release.json
    _headers                                        X-Terraform-Get for every download path

Terraform 1.11 reads the download location from the `X-Terraform-Get` header only, so a
static host must send that header on the download paths: `_headers` is the file Netlify
and Cloudflare Pages read as it is, and the list to copy into a CDN's or nginx's rules.
The location is relative (`./<archive>//modules/<name>`), so the tree works under any
host name. `serve()` is such a host on loopback: files as they are, and each download
path answered 204 with the header from `_headers`, the protocol's own form.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SYSTEM = "aws"
MODULES_PREFIX = "v1/modules"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def semver(version: str) -> tuple[int, int, int]:
    found = SEMVER.match(version)
    if not found:
        raise SystemExit(f"version {version!r} is not MAJOR.MINOR.PATCH (semantic versioning: no leading zeros, no v)")
    return int(found[1]), int(found[2]), int(found[3])


def module_dir(dist: Path, namespace: str, name: str) -> Path:
    return dist / MODULES_PREFIX / namespace / name / SYSTEM


def archive_name(name: str, version: str) -> str:
    return f"{name}-{version}.tar.gz"


def download_location(name: str, version: str) -> str:
    return f"./{archive_name(name, version)}//modules/{name}"


def write_tree(dist: Path) -> None:
    """Discovery document, versions lists and `_headers` from the archives dist/ holds."""
    (dist / ".well-known").mkdir(parents=True, exist_ok=True)
    (dist / ".well-known" / "terraform.json").write_text(json.dumps({"modules.v1": f"/{MODULES_PREFIX}/"}) + "\n")
    headers = []
    for module in sorted(p for p in (dist / MODULES_PREFIX).glob(f"*/*/{SYSTEM}") if p.is_dir()):
        name = module.parent.name
        versions = sorted((p.name for p in module.iterdir() if p.is_dir() and SEMVER.match(p.name)), key=semver)
        listing = {"modules": [{"versions": [{"version": v} for v in versions]}]}
        (module / "versions").write_text(json.dumps(listing, indent=2) + "\n")
        for version in versions:
            location = download_location(name, version)
            (module / version / "download").write_text(json.dumps({"location": location}) + "\n")
            path = (module / version / "download").relative_to(dist).as_posix()
            headers += [f"/{path}", f"  X-Terraform-Get: {location}"]
    (dist / "_headers").write_text("\n".join(headers) + "\n")


def read_headers(dist: Path) -> dict[str, dict[str, str]]:
    """`_headers` as {path: {header: value}}."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in (dist / "_headers").read_text().splitlines():
        if line and not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif line.strip() and current is not None:
            header, _, value = line.strip().partition(":")
            current[header.strip()] = value.strip()
    return rules


def cli_host_block(host: str, base_url: str) -> str:
    """The CLI configuration a consumer adds so Terraform finds `host`'s registry at base_url."""
    url = f"{base_url.rstrip('/')}/{MODULES_PREFIX}/"
    return f'host "{host}" {{\n  services = {{\n    "modules.v1" = "{url}"\n  }}\n}}\n'


@dataclass
class RequestLog:
    """What the server answered: (method, path, status, bytes of body)."""

    entries: list[tuple[str, str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, *entry) -> None:
        with self.lock:
            self.entries.append(entry)

    def bytes_sent(self, suffix: str = "") -> int:
        return sum(size for method, path, _, size in self.entries if method == "GET" and path.endswith(suffix))


def _handler(dist: Path, log: RequestLog, quiet: bool):
    headers = read_headers(dist)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(dist), **kwargs)

        def do_GET(self):  # noqa: N802 (http.server's name)
            path = self.path.split("?", 1)[0]
            if path.endswith("/download") and path in headers:
                self.send_response(204)
                for header, value in headers[path].items():
                    self.send_header(header, value)
                self.end_headers()
                log.add("GET", path, 204, 0)
                return
            super().do_GET()

        def send_head(self):
            answer = super().send_head()
            size = 0
            with contextlib.suppress(OSError):
                size = Path(self.translate_path(self.path)).stat().st_size
            log.add(self.command, self.path.split("?", 1)[0], 200 if answer else 404, size if answer else 0)
            return answer

        def guess_type(self, path):
            # The versions list and download answers are JSON files without a suffix.
            return "application/json" if Path(path).name in {"versions", "download"} else super().guess_type(path)

        def log_message(self, format, *args):  # noqa: A002 (http.server's name)
            if not quiet:
                super().log_message(format, *args)

    return Handler


@contextlib.contextmanager
def serve(dist: Path, port: int = 0, quiet: bool = True) -> Iterator[tuple[str, RequestLog]]:
    """Serve dist/ on 127.0.0.1 (a free port unless given) in a thread: (base URL, request log)."""
    log = RequestLog()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(dist, log, quiet))
    thread = threading.Thread(target=server.serve_forever, name="registry", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def addresses(dist: Path, host: str) -> dict[str, list[str]]:
    """Each module address the tree serves, with its versions."""
    found = {}
    for versions in sorted((dist / MODULES_PREFIX).glob(f"*/*/{SYSTEM}/versions")):
        module = versions.parent
        listed = json.loads(versions.read_text())["modules"][0]["versions"]
        found[f"{host}/{module.parent.parent.name}/{module.parent.name}/{SYSTEM}"] = [v["version"] for v in listed]
    return found
