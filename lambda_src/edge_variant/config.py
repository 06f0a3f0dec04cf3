"""The edge function's configuration: a JSON file inside the zip.

Lambda@Edge has no environment variables, so what an origin-side function would read
from its environment is built into the package as `edge_variant/config.json`. The
file beside this one is the package's default; an example's settings
(examples/edge-personalization/edge_variant.config.json) replace it in that example's
zip, written by harness/build.py after `load` has accepted them. It is read once, at
import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

CONFIG_FILE = "config.json"
# A colour becomes part of an S3 key: lower-case letters only, so no value can reach
# another path (no "/", "%", "." or non-ASCII letters).
COLOUR = re.compile(r"^[a-z]{1,20}$")
COOKIE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # an RFC 6265 token, without the rarer characters


class ConfigError(ValueError):
    """config.json is missing a setting or holds one that cannot be used."""


@dataclass(frozen=True)
class EdgeConfig:
    service: str
    cookie_name: str
    allowed_colours: frozenset[str]
    path_prefix: str  # /images/bags/

    @classmethod
    def parse(cls, raw: dict) -> EdgeConfig:
        if not isinstance(raw, dict):
            raise ConfigError("config.json must hold a JSON object")
        service = raw.get("service", "edge-variant")
        cookie_name = raw.get("cookie_name")
        colours = raw.get("allowed_colours")
        prefix = raw.get("path_prefix", "/images/bags/")
        if not isinstance(cookie_name, str) or not COOKIE_NAME.match(cookie_name):
            raise ConfigError(f"cookie_name must be a cookie token (letters, digits, - and _), got {cookie_name!r}")
        if not isinstance(colours, list) or not colours:
            raise ConfigError("allowed_colours must be a non-empty list")
        bad = [c for c in colours if not isinstance(c, str) or not COLOUR.match(c)]
        if bad:
            raise ConfigError(f"allowed_colours must be lower-case letters (they become part of a key), got {bad!r}")
        if not isinstance(prefix, str) or not re.match(r"^/([a-z0-9-]+/)+$", prefix):
            raise ConfigError(f"path_prefix must be a path of lower-case segments ending in /, got {prefix!r}")
        return cls(str(service), cookie_name, frozenset(colours), prefix)


def load(path: Path | None = None) -> EdgeConfig:
    """The package's config.json (read through importlib.resources, so from a zip too), or `path`."""
    try:
        text = path.read_text() if path else resources.files(__package__).joinpath(CONFIG_FILE).read_text()
        raw = json.loads(text)
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(f"{CONFIG_FILE} cannot be read: {error}") from error
    return EdgeConfig.parse(raw)
