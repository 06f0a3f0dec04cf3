"""Every SDK request a stand-in makes for AWS, made as the principal AWS would say, and judged.

Inside `acting_as(principal)` each botocore request is recorded (service, operation,
parameters), mapped to the IAM actions and resources it needs (requests.py), and judged
by the simulator against the principal's policies, the target's resource policy and, for a
key behind a queue, topic, secret or bucket, the key policy (an AWS managed key's as AWS
writes it: policies.py). A
denied request is answered as AWS answers it (AccessDenied, HTTP 403) without reaching the
emulator, and is kept in the ledger; so is a request nobody can judge. `scenario()` fails
the block that saw either, naming the request, the principal and the deciding statements.

One emulator gap is filled here because it depends on the caller's permissions: S3
answers a read of a missing key or version with 403 AccessDenied, not 404 NoSuchKey, when
the caller may not s3:ListBucket the bucket (S3 User Guide, "Troubleshoot Access Denied
(403 Forbidden) errors"; GetObject API reference, "Permissions").
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.client import BaseClient
from botocore.exceptions import ClientError

from harness.authorization import policies
from harness.authorization.policies import Principal
from harness.authorization.requests import Authorization, Unmapped, authorizations, bucket_arn
from harness.authorization.simulator import Decision, simulator

_acting: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("acting_principal", default=None)

# AWS's answer to a denied request, by service (its error code and HTTP status).
_DENIED_CODE = {"s3": "AccessDenied", "sqs": "AccessDenied", "sns": "AuthorizationError"}
_MISSING_OBJECT = {"NoSuchKey", "NoSuchVersion", "404"}


@dataclass
class Judged:
    """One SDK request made for a principal, with IAM's decision on each action it needs."""

    principal: str
    service: str
    operation: str
    decisions: list[Decision] = field(default_factory=list)
    unjudged: str | None = None

    @property
    def denied(self) -> list[Decision]:
        return [d for d in self.decisions if not d.allowed]

    def describe(self) -> str:
        if self.unjudged:
            return f"{self.principal}: {self.service} {self.operation} was not judged ({self.unjudged})"
        return "; ".join(d.explain() for d in self.denied)


@dataclass
class Ledger:
    """What was requested and judged: every request (for least-privilege reports) and the failures."""

    requests: list[Judged] = field(default_factory=list)
    principals: dict[str, Principal] = field(default_factory=dict)  # by ARN, as last read

    def failures(self, since: int = 0) -> list[Judged]:
        return [r for r in self.requests[since:] if r.unjudged or r.denied]


ledger = Ledger()
_ledger_lock = threading.Lock()


class AuthorizationFailure(AssertionError):
    """A scenario made a request AWS would refuse, or one the harness could not judge."""


def _record(judged: Judged) -> Judged:
    with _ledger_lock:
        ledger.requests.append(judged)
    return judged


@contextlib.contextmanager
def _as_emulator_admin() -> Iterator[None]:
    """Lookups of the policies themselves: the harness's, never judged."""
    token = _acting.set(None)
    try:
        yield
    finally:
        _acting.reset(token)


def decide(principal: Principal, need: Authorization) -> list[Decision]:
    """IAM's decisions for one action on one resource, and for the key behind it."""
    ledger.principals[principal.arn] = principal
    with _as_emulator_admin():
        context = {"aws:SecureTransport": "true", **principal.context, **need.context}
        decisions = [
            simulator().judge(
                principal.arn,
                need.action,
                need.resource,
                identity_policies=list(principal.identity_policies),
                resource_policy=policies.resource_policy(need.resource),
                context=context,
            )
        ]
        key_use = policies.KEY_USE.get(need.action)
        key = policies.encryption_key(need.resource) if key_use else None
        if key and key_use:
            service_prefix, actions = key_use
            key_policy = key.policy if key.policy is not None else policies.resource_policy(key.arn)
            via = {
                **policies.via_service(service_prefix, principal.arn),
                **policies.encryption_context(service_prefix, need.resource),
            }
            decisions += [
                simulator().judge(
                    principal.arn,
                    action,
                    key.arn,
                    identity_policies=list(principal.identity_policies),
                    resource_policy=key_policy,
                    context={**context, **via},
                )
                for action in actions
            ]
    return decisions


def authorize(principal: Principal, action: str, resource: str, what: str = "", **context: Any) -> Judged:
    """Judge a request a stand-in makes without the SDK (an invocation, a delivery) and record it."""
    return _record(
        Judged(
            principal.name,
            "(service)",
            what or action,
            decide(principal, Authorization(action, resource, dict(context))),
        )
    )


def _access_denied(service: str, operation: str, decision: Decision) -> ClientError:
    code = _DENIED_CODE.get(service, "AccessDeniedException")
    message = (
        f"User: {decision.principal} is not authorized to perform: {decision.action} on resource: "
        f"{decision.resource} ({decision.result})"
    )
    return ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 403}}, operation
    )


_original_make_api_call = BaseClient._make_api_call


def _judged_make_api_call(self: BaseClient, operation_name: str, api_params: dict[str, Any]) -> Any:
    principal = _acting.get()
    if principal is None:
        return _original_make_api_call(self, operation_name, api_params)
    service = self.meta.service_model.service_name
    try:
        needs = authorizations(service, operation_name, api_params)
    except Unmapped as unknown:
        _record(Judged(principal.name, service, operation_name, unjudged=f"no IAM mapping for {unknown}"))
        return _original_make_api_call(self, operation_name, api_params)
    judged = _record(
        Judged(principal.name, service, operation_name, [d for need in needs for d in decide(principal, need)])
    )
    if judged.denied:
        raise _access_denied(service, operation_name, judged.denied[0])
    try:
        return _original_make_api_call(self, operation_name, api_params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if service == "s3" and operation_name in ("GetObject", "HeadObject") and code in _MISSING_OBJECT:
            listing = _record(
                Judged(
                    principal.name,
                    service,
                    f"{operation_name} of a missing object",
                    decide(principal, Authorization("s3:ListBucket", bucket_arn(api_params["Bucket"]))),
                )
            )
            if listing.denied:
                raise _access_denied(service, operation_name, listing.denied[0]) from None
        raise


BaseClient._make_api_call = _judged_make_api_call  # type: ignore[method-assign]


@contextlib.contextmanager
def acting_as(principal: Principal | None) -> Iterator[None]:
    """SDK requests in this block are made, and judged, as `principal` (None: the test's own)."""
    token = _acting.set(principal)
    try:
        yield
    finally:
        _acting.reset(token)


@contextlib.contextmanager
def scenario() -> Iterator[Ledger]:
    """Fail the block if any request made in it was denied or could not be judged."""
    start = len(ledger.requests)
    failure: BaseException | None = None
    try:
        yield ledger
    except BaseException as error:  # reported with what AWS would have refused, which may be its cause
        failure = error
        raise
    finally:
        failures = ledger.failures(start)
        if failures:
            lines = "\n".join(f"- {f.describe()}" for f in failures)
            raise AuthorizationFailure(
                f"{len(failures)} request(s) AWS would refuse or the harness could not judge:\n{lines}"
            ) from failure
