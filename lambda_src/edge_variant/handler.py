"""Lambda@Edge on origin request: the bag image in the colour the customer chose.

`/images/bags/<model>.jpg` becomes `/images/bags/<model>-<colour>.jpg` when the colour
cookie names an allowed colour; a path that already names a variant (`<model>-<colour>.jpg`),
anything else (no cookie, a colour not allowed, a path
trick, another path) goes to the origin unchanged, which serves the default image.
The distribution's cache key holds that cookie, so each colour is cached once.

The function never raises: an exception at the edge is a 502 for the viewer. On any
input it cannot read it logs why and returns the request as it came.

Logging is the standard library's, one JSON object per line: Lambda@Edge takes no
layers and Powertools alone (1.07 MB zipped) is over the viewer-request package limit.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from edge_variant.config import ConfigError, EdgeConfig, load

logger = logging.getLogger("edge_variant")
logger.setLevel(logging.INFO)
MODEL = re.compile(r"^([a-z0-9][a-z0-9-]{0,62})\.jpg$")

try:
    CONFIG: EdgeConfig | None = load()
except ConfigError as error:  # the build checks it; a broken one must not turn every request into a 502
    CONFIG = None
    logger.error(json.dumps({"message": "configuration unusable, passing requests through", "reason": str(error)}))


def _log(level: int, message: str, **fields: Any) -> None:
    service = CONFIG.service if CONFIG else "edge-variant"
    logger.log(level, json.dumps({"service": service, "message": message, **fields}, default=str))


@dataclass(frozen=True)
class CloudFrontRequest:
    """The `cf.request` of a viewer- or origin-request event, as CloudFront delivers it."""

    raw: dict[str, Any]
    event_type: str

    @classmethod
    def of(cls, event: dict[str, Any]) -> CloudFrontRequest:
        cf = event["Records"][0]["cf"]
        return cls(cf["request"], cf.get("config", {}).get("eventType", "origin-request"))

    @property
    def uri(self) -> str:
        return self.raw["uri"]

    def cookies(self) -> dict[str, str]:
        """Every cookie of every `cookie` header (CloudFront may split them over several); the first wins."""
        found: dict[str, str] = {}
        for header in self.raw.get("headers", {}).get("cookie", []):
            for pair in str(header.get("value", "")).split(";"):
                name, sep, value = pair.partition("=")
                if sep and name.strip():
                    found.setdefault(name.strip(), value.strip().strip('"'))
        return found


def variant_uri(uri: str, cookies: dict[str, str], config: EdgeConfig) -> tuple[str, str]:
    """(new uri, why) for a request; the uri unchanged when no variant applies."""
    if not uri.startswith(config.path_prefix):
        return uri, "not a bag image"
    model = MODEL.match(uri[len(config.path_prefix) :])
    if not model:
        return uri, "not a bag image"
    if "-" in model.group(1) and model.group(1).rsplit("-", 1)[-1] in config.allowed_colours:
        # A link to a variant (tote-red.jpg): served as named, never rewritten again
        # (tote-red-black.jpg does not exist, and the private bucket answers 403 for it).
        return uri, "already a variant"
    colour = cookies.get(config.cookie_name)
    if colour is None:
        return uri, "no colour cookie"
    if colour not in config.allowed_colours:
        return uri, "colour not allowed"
    return f"{config.path_prefix}{model.group(1)}-{colour}.jpg", "variant"


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request: dict[str, Any] = {}
    try:
        parsed = CloudFrontRequest.of(event)
        request = parsed.raw
        if CONFIG is None:
            return request
        uri, why = variant_uri(parsed.uri, parsed.cookies(), CONFIG)
        if why == "colour not allowed":
            _log(
                logging.INFO, "colour cookie ignored", uri=parsed.uri, colour=parsed.cookies()[CONFIG.cookie_name][:40]
            )
        if uri != parsed.uri:
            request["uri"] = uri
        return request
    except Exception as error:  # noqa: BLE001 (an exception here is a 502 for every viewer)
        _log(logging.ERROR, "request passed through unchanged", error=repr(error)[:300])
        return request if isinstance(request, dict) and request else _request_or_empty(event)


def _request_or_empty(event: Any) -> dict[str, Any]:
    try:
        request = event["Records"][0]["cf"]["request"]
        return request if isinstance(request, dict) else {}
    except (KeyError, IndexError, TypeError):
        return {}
