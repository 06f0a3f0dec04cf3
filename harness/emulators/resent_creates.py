"""Creates and deletes the AWS SDK sends again after an answer it lost: answered with their first answer.

Why they are sent again (measured here, December 2026; README "How the tests work"): the AWS
SDK for Go, under the Terraform provider, now and then fails to read the body of an answer
it received whole. A loopback capture of a full run showed the client closing its connection
between the answer's headers and its body, 19 times in 13,000 requests, on moto served by
werkzeug, on moto served by waitress with keep-alive, and on LocalStack's hypercorn alike;
with the provider's retries off, each failed as "https response error StatusCode: 200 ...
read tcp ...: use of closed network connection" (aws-sdk-go-v2#2737). The SDK retries that
error since aws-sdk-go-v2#2949, so the request is sent again, about 100 ms later, and a
create sent again meets "already exists" (CreateFunction, CreateStage, CreateRole,
CreateModel 409s in full runs), and a delete sent again meets "not found" (DeleteTargetGroup's
TargetGroupNotFound failed web-service's destroy in a fresh-clone run at 579be4e). AWS would
answer the same; it does not see the loss because its answers take longer than the client's
window. So a create sent again within CREATE_RETRY_SECONDS of a successful one gets that one's
answer, unless something of the same service was deleted or taken away in between (then it
is new work); and a delete sent again gets its first answer unless something of the same
service was created or written in between (a second delete after the resource came back is
new work). The service is the one the SDK signed for: only DynamoDB can bring a DynamoDB
table back, and a destroy's S3 and KMS writes between a DeleteTable and its resend (a run at
f8f3027) do not make the resend new work. S3's deletes are left alone: on a
versioned bucket each DeleteObject makes a delete marker, and two deletes are two markers.

Standard library only: imported by the moto server (the harness's Python) and by the
LocalStack server (LocalStack's own Python).
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

CREATE_RETRY_SECONDS = 10.0  # an SDK retry comes within a second or two; a second create or delete, much later

# Verbs of operations that add something AWS refuses to add twice (an identical request again
# is the same thing): Create*, Register* (a proxy's target: RegisterDBProxyTargets sent again
# left two targets, and the provider's read of one failed), Associate*, Add*. Not Allocate*,
# Import*, Send* or Publish: AWS carries those out twice, and a test may mean it.
CREATING = ("Create", "Register", "Associate", "Add")
# Verbs that take away what a create made: a create after one of them is new work.
UNDOING = ("Delete", "Remove", "Deregister", "Detach", "Disassociate", "Terminate", "Unsubscribe")

# Verbs that only read: they neither bring back what a delete took away nor make a delete new work.
READING = ("Get", "List", "Describe", "Head", "Query", "Scan", "BatchGet", "Lookup", "Search", "Test", "Validate")
# REST creates: Lambda's functions, mappings, permissions (AddPermission), versions, aliases
# and URLs, layer versions, and API Gateway's resources (a POST there creates).
REST_CREATES = re.compile(
    r"^/(20\d\d-\d\d-\d\d/(functions|event-source-mappings)/?"
    r"|20\d\d-\d\d-\d\d/functions/[^/]+/(policy|versions|aliases|url)/?"
    r"|2018-10-31/layers/[^/]+/versions/?"
    r"|(restapis|v2/apis|apikeys|usageplans|vpclinks|domainnames)(/.*)?)$"
)


# REST deletes answered like the query ones: Lambda's functions, mappings, permissions, aliases,
# URLs and layer versions, and API Gateway's resources. Not S3's (see above).
REST_DELETES = re.compile(
    r"^/(20\d\d-\d\d-\d\d/(functions|event-source-mappings)/[^/]+(/(policy|aliases)/[^/]+|/url)?/?"
    r"|2018-10-31/layers/[^/]+/versions/\d+/?"
    r"|(restapis|v2/apis|apikeys|usageplans|vpclinks|domainnames)/.+)$"
)


SIGNED_SERVICE = re.compile(r"Credential=[^/,]+/[0-9]{8}/[^/,]+/([^/,]+)/aws4_request")


def body_matters(method: str, target: str, content_type: str, path: str) -> bool:
    """Whether a request's body is needed to tell a create and its digest: JSON- and
    query-protocol requests and REST creates. Any other body (an S3 object) is left unread."""
    if method != "POST":
        return False
    return (
        bool(target) or content_type.startswith("application/x-www-form-urlencoded") or bool(REST_CREATES.match(path))
    )


@dataclass(frozen=True)
class Request:
    method: str
    host: str
    path: str
    query: str
    target: str  # X-Amz-Target of a JSON-protocol request, "" otherwise
    content_type: str
    body: bytes
    service: str = ""  # the signature's service (dynamodb, s3, kms): what a write can bring back

    @staticmethod
    def service_signed(authorization: str) -> str:
        """The service in a SigV4 Authorization header's credential scope; "" without one."""
        found = SIGNED_SERVICE.search(authorization)
        return found.group(1) if found else ""

    @property
    def operation(self) -> str:
        """The operation a JSON (X-Amz-Target) or query (Action) request names; "" for a REST one."""
        if self.target:
            return self.target.rsplit(".", 1)[-1]
        if self.method == "POST" and self.content_type.startswith("application/x-www-form-urlencoded"):
            return parse_qs(self.body.decode("utf-8", "replace")).get("Action", [""])[0]
        return ""

    def create(self) -> str | None:
        """The create this request is (an operation named for one, CREATING, or a REST POST that
        creates); None if none."""
        operation = self.operation
        if operation.startswith(CREATING):
            return operation
        if not operation and self.method == "POST" and REST_CREATES.match(self.path):
            return f"POST {self.path}"
        return None

    def delete(self) -> str | None:
        """The delete this request is, answered with its first answer when sent again (an operation
        named for one, UNDOING, or a REST DELETE of what REST_DELETES covers); None if none."""
        operation = self.operation
        if operation.startswith(UNDOING):
            return operation
        if not operation and self.method == "DELETE" and REST_DELETES.match(self.path):
            return f"DELETE {self.path}"
        return None

    def reads(self) -> bool:
        """A request that changes nothing (REST GET and HEAD, Get*, List*, Describe*, ...)."""
        return self.method in ("GET", "HEAD") or self.operation.startswith(READING)

    def undoes(self) -> bool:
        """A request that deletes, or takes away, something (REST DELETE, Delete*, Remove*, a reset)."""
        if self.method == "DELETE" or self.path.startswith("/moto-api/reset"):
            return True
        return self.operation.startswith(UNDOING)

    def digest(self) -> str:
        parts = [self.method, self.host, self.path, self.query, self.operation]
        return hashlib.sha256("\n".join(parts).encode() + b"\n" + self.body).hexdigest()


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


class Answers:
    """The successful answers of the last CREATE_RETRY_SECONDS, by request (one for creates,
    one for deletes: Resends)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answered: dict[str, tuple[float, Answer, str]] = {}  # digest -> (when, answer, service)

    def forget_all(self) -> None:
        with self._lock:
            self._answered.clear()

    def forget(self, service: str) -> None:
        """Forget the answers of this service's requests ("": of every service): only a request
        of the same service can undo what they did, or bring it back."""
        with self._lock:
            self._answered = {
                digest: seen for digest, seen in self._answered.items() if service and seen[2] and seen[2] != service
            }

    def first_answer(self, request: Request) -> Answer | None:
        with self._lock:
            seen = self._answered.get(request.digest())
        return seen[1] if seen and time.monotonic() - seen[0] < CREATE_RETRY_SECONDS else None

    def remember(self, request: Request, answer: Answer) -> None:
        if 200 <= answer.status < 300:
            with self._lock:
                self._answered[request.digest()] = (time.monotonic(), answer, request.service)


@dataclass(frozen=True)
class Decision:
    """What a server does with one request: `operation` names it in the log ("" for most);
    `memory` keeps its answer for the same request sent again (None: nothing to keep);
    `first` is the answer to give instead of carrying it out again (None: carry it out)."""

    operation: str = ""
    memory: Answers | None = None
    first: Answer | None = None


class Resends:
    """The rule, for either server: creates and deletes sent again get their first answer."""

    def __init__(self) -> None:
        self.creates = Answers()
        self.deletes = Answers()

    def before(self, request: Request) -> Decision:
        if request.path.startswith("/moto-api/reset"):
            self.creates.forget_all()
            self.deletes.forget_all()
            return Decision("reset")
        # A create after a delete, or a delete after a create or any write, is new work: of the
        # same service only (a destroy's S3 and KMS writes do not bring a DynamoDB table back).
        if operation := request.delete():
            self.creates.forget(request.service)
            return Decision(operation, self.deletes, self.deletes.first_answer(request))
        if request.undoes():  # S3's deletes, and resets of other kinds: carried out every time
            self.creates.forget(request.service)
            return Decision(request.operation or f"{request.method} {request.path}")
        if operation := request.create():
            self.deletes.forget(request.service)
            return Decision(operation, self.creates, self.creates.first_answer(request))
        if not request.reads():
            self.deletes.forget(request.service)
        return Decision()
