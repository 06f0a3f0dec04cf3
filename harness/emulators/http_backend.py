"""A small HTTP service on loopback, for API routes that call an existing HTTP backend.

It answers every request with what it received (method, path, query, body) so a
test sees exactly what API Gateway forwarded, and records each request. POST
/quotes stores a quote and answers 201-style JSON; any path under /fail answers
503, for the routes' error mapping.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Backend:
    url: str
    requests: list[dict] = field(default_factory=list)


def _handler(backend: Backend) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            try:
                body = json.loads(raw) if raw else None
            except json.JSONDecodeError:
                body = raw.decode(errors="replace")
            seen = {"method": self.command, "path": parts.path, "query": parse_qs(parts.query), "body": body}
            backend.requests.append(seen)
            status, answer = 200, seen
            if parts.path.startswith("/fail"):
                status, answer = 503, {"error": "backend unavailable"}
            elif parts.path == "/quotes" and self.command == "POST" and isinstance(body, dict):
                answer = {"id": f"q-{len(backend.requests)}", **body}
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer  # noqa: N815

        def log_message(self, *args) -> None:  # quiet: tests read backend.requests
            pass

    return Handler


@contextlib.contextmanager
def running_backend() -> Iterator[Backend]:
    """Serve on a free loopback port until the block ends."""
    backend = Backend(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(backend))
    backend.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield backend
    finally:
        server.shutdown()
        server.server_close()
