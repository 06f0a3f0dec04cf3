"""CloudFront on moto 5.2.5: what examples/edge-personalization needs and moto lacks.

Filled as CloudFront behaves (API version 2020-05-31), so a distribution with cache
and response headers policies and a Lambda@Edge association applies unchanged:

- Cache policies and response headers policies: not implemented (the provider's
  create gets a 404). Create, Get, GetConfig, Update, List and Delete, with an ETag
  that changes on every update, `If-Match` checked, and a policy still named by a
  distribution's cache behavior refused with CloudFront's 409 (CachePolicyInUse,
  ResponseHeadersPolicyInUse).
- A cache behavior's LambdaFunctionAssociations and FunctionAssociations: moto
  drops them (it always returns Quantity 0), so every plan shows the association
  again. Stored and returned as sent; an association whose ARN names no version
  is refused as CloudFront refuses it (InvalidLambdaFunctionAssociation).
- An origin's OriginAccessControlId: dropped. Stored and returned.
- ForwardedValues on a behavior with a cache policy: moto invents the legacy
  defaults (no query string, no cookies); CloudFront returns none, since the two
  exclude each other.
- ViewerCertificate with an ACM certificate: moto reports CloudFrontDefaultCertificate
  true as well; CloudFront reports it false, with CertificateSource "acm". And moto
  takes any ARN; CloudFront refuses one that is not an issued certificate in us-east-1
  (InvalidViewerCertificate), which is checked here against moto's ACM.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from moto.acm.models import CertificateNotFound, acm_backends
from moto.cloudfront import models, urls
from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random

VERSIONED_FUNCTION = re.compile(r"^arn:aws[a-z-]*:lambda:us-east-1:\d{12}:function:[A-Za-z0-9_-]+:\d+$")


class _Error(CloudFrontException):
    """An error of CloudFront's model: its code gives the HTTP status (400, 404, 409, 412)."""


class _PolicyKind:
    """One kind of CloudFront policy: where it lives in the API and how it is named there."""

    def __init__(self, name: str, path: str, behavior_field: str) -> None:
        self.name = name  # CachePolicy, ResponseHeadersPolicy
        self.path = path  # cache-policy: /2020-05-31/<path>/<Id>
        self.behavior_field = behavior_field  # the cache behaviors' attribute naming it
        self.not_found = f"NoSuch{name}"
        self.in_use = f"{name}InUse"

    def store(self, backend: models.CloudFrontBackend) -> dict[str, dict[str, Any]]:
        return backend.__dict__.setdefault(f"_filled_{self.name}", {})

    def answer(self, policy: dict[str, Any]) -> dict[str, Any]:
        return {
            "Id": policy["Id"],
            "LastModifiedTime": policy["LastModifiedTime"],
            f"{self.name}Config": policy["Config"],
        }

    def get(self, backend: models.CloudFrontBackend, policy_id: str) -> dict[str, Any]:
        policy = self.store(backend).get(policy_id)
        if policy is None:
            raise _Error(self.not_found, f"The {self.name} with the specified ID does not exist.")
        return policy

    def checked(self, backend: models.CloudFrontBackend, policy_id: str, if_match: str | None) -> dict[str, Any]:
        policy = self.get(backend, policy_id)
        if if_match != policy["ETag"]:
            raise _Error("PreconditionFailed", "The If-Match version is missing or not valid for the resource.")
        return policy

    def in_use_by(self, backend: models.CloudFrontBackend, policy_id: str) -> list[str]:
        users = []
        for distribution in backend.distributions.values():
            config = distribution.distribution_config
            behaviors = [config.DefaultCacheBehavior, *(config.CacheBehaviors.get("Items") or [])]
            if any(getattr(b, self.behavior_field, None) == policy_id for b in behaviors):
                users.append(distribution.distribution_id)
        return users


CACHE = _PolicyKind("CachePolicy", "cache-policy", "cache_policy_id")
HEADERS = _PolicyKind("ResponseHeadersPolicy", "response-headers-policy", "response_headers_policy_id")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _handlers(kind: _PolicyKind) -> dict[str, Any]:
    """The six operations of one policy kind, as CloudFrontResponse methods."""

    def create(self: CloudFrontResponse) -> ActionResult:
        config = self._get_param(f"{kind.name}Config", {})
        store = kind.store(self.backend)
        if any(p["Config"].get("Name") == config.get("Name") for p in store.values()):
            raise _Error(f"{kind.name}AlreadyExists", f"A {kind.name} with this name already exists.")
        policy_id = str(uuid.UUID(int=mock_random.getrandbits(128)))
        policy = {"Id": policy_id, "LastModifiedTime": _now(), "Config": config, "ETag": mock_random.get_random_hex(14)}
        store[policy_id] = policy
        location = f"https://cloudfront.amazonaws.com/2020-05-31/{kind.path}/{policy_id}"
        return ActionResult({kind.name: kind.answer(policy), "Location": location, "ETag": policy["ETag"]})

    def get(self: CloudFrontResponse) -> ActionResult:
        policy = kind.get(self.backend, self._get_param("Id"))
        return ActionResult({kind.name: kind.answer(policy), "ETag": policy["ETag"]})

    def get_config(self: CloudFrontResponse) -> ActionResult:
        policy = kind.get(self.backend, self._get_param("Id"))
        return ActionResult({f"{kind.name}Config": policy["Config"], "ETag": policy["ETag"]})

    def update(self: CloudFrontResponse) -> ActionResult:
        policy = kind.checked(self.backend, self._get_param("Id"), self._get_param("IfMatch"))
        policy.update(
            Config=self._get_param(f"{kind.name}Config", {}),
            LastModifiedTime=_now(),
            ETag=mock_random.get_random_hex(14),
        )
        return ActionResult({kind.name: kind.answer(policy), "ETag": policy["ETag"]})

    def delete(self: CloudFrontResponse) -> EmptyResult:
        policy_id = self._get_param("Id")
        kind.checked(self.backend, policy_id, self._get_param("IfMatch"))
        users = kind.in_use_by(self.backend, policy_id)
        if users:
            raise _Error(kind.in_use, f"Cannot delete, this {kind.name} is attached to {', '.join(users)}.")
        del kind.store(self.backend)[policy_id]
        return EmptyResult()

    def list_policies(self: CloudFrontResponse) -> ActionResult:
        wanted = self._get_param("Type")  # managed, custom or neither; every policy here is custom
        items = [] if wanted == "managed" else list(kind.store(self.backend).values())
        summaries = [{"Type": "custom", kind.name: kind.answer(p)} for p in items]
        listed = {"MaxItems": 100, "Quantity": len(summaries), "Items": summaries or None}
        return ActionResult({f"{kind.name}List": listed})

    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", kind.name).lower()  # cache_policy, as moto names methods
    return {
        f"create_{snake}": create,
        f"get_{snake}": get,
        f"get_{snake}_config": get_config,
        f"update_{snake}": update,
        f"delete_{snake}": delete,
        f"list_{snake.replace('policy', 'policies')}": list_policies,
    }


_behavior_init = models.DefaultCacheBehaviour.__init__
_origin_init = models.Origin.__init__
_certificate_init = models.ViewerCertificate.__init__


def _behavior_keeping_associations(self: models.DefaultCacheBehaviour, config: dict[str, Any]) -> None:
    _behavior_init(self, config)
    associations = config.get("LambdaFunctionAssociations") or {"Quantity": 0}
    for association in associations.get("Items") or []:
        if not VERSIONED_FUNCTION.match(association.get("LambdaFunctionARN", "")):
            raise _Error(
                "InvalidLambdaFunctionAssociation",
                "The function ARN must reference a specific function version. (The ARN must end with the version "
                f"number.) ARN: {association.get('LambdaFunctionARN')}",
            )
    self.lambda_function_associations = associations
    self.function_associations = config.get("FunctionAssociations") or {"Quantity": 0}
    if config.get("CachePolicyId") and "ForwardedValues" not in config:
        self.forwarded_values = None


def _origin_keeping_access_control(self: models.Origin, origin: dict[str, Any]) -> None:
    _origin_init(self, origin)
    self.origin_access_control_id = origin.get("OriginAccessControlId", "")


def _certificate_as_configured(self: models.ViewerCertificate, config: dict[str, Any]) -> None:
    _certificate_init(self, config)
    if self.acm_certificate_arn or self.iam_certificate_id:
        self.cloud_front_default_certificate = bool(config.get("CloudFrontDefaultCertificate", False))
        self.certificate_source = "acm" if self.acm_certificate_arn else "iam"
        self.certificate = self.acm_certificate_arn or self.iam_certificate_id


_create_distribution = models.CloudFrontBackend.create_distribution_with_tags
_update_distribution = models.CloudFrontBackend.update_distribution


def _check_certificate(backend: models.CloudFrontBackend, config: dict[str, Any]) -> None:
    arn = (config.get("ViewerCertificate") or {}).get("ACMCertificateArn")
    if not arn:
        return
    try:
        issued = acm_backends[backend.account_id]["us-east-1"].get_certificate(arn).status == "ISSUED"
    except CertificateNotFound:
        issued = False
    if not issued:
        raise _Error(
            "InvalidViewerCertificate",
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include "
            f"a valid certificate chain: {arn}",
        )


def _create_checking_certificate(self, distribution_config, tags):  # noqa: ANN001, ANN202 (moto's signature)
    _check_certificate(self, distribution_config)
    return _create_distribution(self, distribution_config, tags)


def _update_checking_certificate(self, dist_config, _id, if_match):  # noqa: ANN001, ANN202 (moto's signature)
    _check_certificate(self, dist_config)
    return _update_distribution(self, dist_config, _id, if_match)


def fill_gaps() -> None:
    for kind in (CACHE, HEADERS):
        for name, handler in _handlers(kind).items():
            setattr(CloudFrontResponse, name, handler)
        dispatch = CloudFrontResponse.dispatch
        base = "{0}/2020-05-31/" + kind.path
        urls.url_paths[base + "$"] = dispatch
        urls.url_paths[base + "/(?P<Id>[^/]+)$"] = dispatch
        urls.url_paths[base + "/(?P<Id>[^/]+)/config$"] = dispatch
    models.DefaultCacheBehaviour.__init__ = _behavior_keeping_associations
    models.Origin.__init__ = _origin_keeping_access_control
    models.ViewerCertificate.__init__ = _certificate_as_configured
    models.CloudFrontBackend.create_distribution_with_tags = _create_checking_certificate
    models.CloudFrontBackend.update_distribution = _update_checking_certificate
