"""LocalStack (community, host mode), with the gap filled that fails applies on it.

Run by LocalStack's own Python (`.venv-localstack`) as a script, never imported by the
harness's Python (harness/emulators/servers.py starts it).

- Creates and deletes sent again: the AWS SDK for Go sends a request again after failing to
  read an answer it received (harness/emulators/resent_creates.py says why, with what was
  measured); LocalStack then answers 409 (CreateRole, CreateModel in full runs), or not found
  to a delete. The same create again within CREATE_RETRY_SECONDS of a successful one gets
  that one's answer, unless something was deleted or taken away in between, and a delete its
  first answer unless something was created or written in between: the rule the moto server
  follows (resent_creates.Resends), in LocalStack's handler chain (first request handler,
  first response handler). Each is logged ("sent again").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # harness.emulators.resent_creates: stdlib only

from harness.emulators import resent_creates  # noqa: E402

_resends = resent_creates.Resends()


def _request(context) -> resent_creates.Request:
    request = context.request
    target, content_type = request.headers.get("X-Amz-Target", ""), request.headers.get("Content-Type", "")
    # An S3 object's body stays unread: LocalStack streams it.
    body = (
        request.get_data() if resent_creates.body_matters(request.method, target, content_type, request.path) else b""
    )
    query = request.query_string.decode("latin-1")
    service = resent_creates.Request.service_signed(request.headers.get("Authorization", ""))
    return resent_creates.Request(
        request.method, request.host, request.path, query, target, content_type, body, service
    )


def answer_resent(chain, context, response) -> None:
    """Request handler: a create or delete sent again gets its first answer."""
    request = _request(context)
    decision = _resends.before(request)
    if decision.memory is None:
        return
    if seen := decision.first:
        print(f"harness: {decision.operation} sent again: its first answer", file=sys.stderr, flush=True)
        chain.respond(seen.status, seen.body, seen.headers)
        return
    context.harness_kept = (decision.memory, request)


def remember_answer(chain, context, response) -> None:
    """Response handler: the answer of a create or delete carried out, for the same one sent again."""
    kept = getattr(context, "harness_kept", None)
    if kept is not None:
        memory, request = kept
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("content-length", "date")]
        memory.remember(request, resent_creates.Answer(response.status_code, "", headers, response.get_data()))


def fill_gaps() -> None:
    from localstack.aws.app import LocalstackAwsGateway

    build = LocalstackAwsGateway.__init__

    def built(self, *args, **kwargs) -> None:
        build(self, *args, **kwargs)
        self.request_handlers.insert(0, answer_resent)
        self.response_handlers.insert(0, remember_answer)

    LocalstackAwsGateway.__init__ = built


if __name__ == "__main__":
    fill_gaps()
    from localstack.runtime.main import main

    sys.exit(main())
