"""LocalStack (community, host mode), with the gap filled that fails applies on it.

Run by LocalStack's own Python (`.venv-localstack`) as a script, never imported by the
harness's Python (harness/emulators/servers.py starts it).

- Creates sent again: the AWS SDK for Go sends a create again after failing to read an
  answer it received (harness/emulators/resent_creates.py says why, with what was measured);
  LocalStack then answers 409 (CreateRole, CreateModel in full runs). The same create again
  within CREATE_RETRY_SECONDS of a successful one gets that one's answer, unless something
  was deleted or taken away in between: the rule the moto server follows, in LocalStack's
  handler chain (first request handler, first response handler). Each is logged ("sent
  again").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # harness.emulators.resent_creates: stdlib only

from harness.emulators import resent_creates  # noqa: E402

_answers = resent_creates.Answers()


def _request(context) -> resent_creates.Request:
    request = context.request
    target, content_type = request.headers.get("X-Amz-Target", ""), request.headers.get("Content-Type", "")
    # An S3 object's body stays unread: LocalStack streams it.
    body = (
        request.get_data() if resent_creates.body_matters(request.method, target, content_type, request.path) else b""
    )
    query = request.query_string.decode("latin-1")
    return resent_creates.Request(request.method, request.host, request.path, query, target, content_type, body)


def answer_resent_creates(chain, context, response) -> None:
    """Request handler: a create sent again gets its first answer; a delete forgets them all."""
    request = _request(context)
    if request.undoes():
        _answers.forget_all()
        return
    operation = request.create()
    if operation is None:
        return
    context.harness_create = request
    if seen := _answers.first_answer(request):
        print(f"harness: {operation} sent again: its first answer", file=sys.stderr, flush=True)
        context.harness_create = None
        chain.respond(seen.status, seen.body, seen.headers)


def remember_created(chain, context, response) -> None:
    """Response handler: the answer of a create carried out, for the same create sent again."""
    request = getattr(context, "harness_create", None)
    if request is not None:
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("content-length", "date")]
        _answers.remember(request, resent_creates.Answer(response.status_code, "", headers, response.get_data()))


def fill_gaps() -> None:
    from localstack.aws.app import LocalstackAwsGateway

    build = LocalstackAwsGateway.__init__

    def built(self, *args, **kwargs) -> None:
        build(self, *args, **kwargs)
        self.request_handlers.insert(0, answer_resent_creates)
        self.response_handlers.insert(0, remember_created)

    LocalstackAwsGateway.__init__ = built


if __name__ == "__main__":
    fill_gaps()
    from localstack.runtime.main import main

    sys.exit(main())
