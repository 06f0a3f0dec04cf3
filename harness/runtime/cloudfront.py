"""A stand-in for CloudFront's request path, read from a distribution the emulator holds.

The emulators store a distribution but serve nothing through it. For a viewer's GET
this does what CloudFront does up to the origin, from the deployed configuration:

1. picks the cache behavior whose path pattern matches (ordered behaviors first, in
   order, then the default);
2. computes the cache key from that behavior's cache policy: the path and only the
   cookies, headers and query strings the policy names (the rest never reaches the
   origin either);
3. on a miss, builds the origin-request event Lambda@Edge receives (the event
   structure reference's shape) for the function associated with origin-request, and
   runs that function's handler from its deployed package;
4. reads the object the (possibly rewritten) request names from the S3 origin, as
   CloudFront does with origin access control: as cloudfront.amazonaws.com for this
   distribution, judged against the bucket policy (harness/authorization).

Lambda@Edge code runs in a separate Python process on the zip whose hash the emulator
reports for that version, so the configuration built into the zip is the one used.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from harness.authorization import policies
from harness.authorization.enforcement import acting_as, scenario
from harness.build import code_sha256

RUN_HANDLER = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
module_name, name = sys.argv[2].rsplit(".", 1)
handler = getattr(importlib.import_module(module_name), name)
print(json.dumps(handler(json.load(sys.stdin), None)))
"""


@dataclass(frozen=True)
class Viewer:
    """What a viewer sends: the cookies of its Cookie header(s), as name -> value."""

    cookies: dict[str, str]

    def cookie_headers(self, split: int = 2) -> list[dict[str, str]]:
        """The cookies over several `cookie` headers, as CloudFront may pass them on."""
        pairs = [f"{name}={value}" for name, value in self.cookies.items()]
        chunks = [pairs[i : i + split] for i in range(0, len(pairs), split)] or [[]]
        return [{"key": "Cookie", "value": "; ".join(chunk)} for chunk in chunks if chunk]


def path_pattern(pattern: str) -> re.Pattern[str]:
    """A cache behavior's path pattern as CloudFront reads it: case-sensitive, `*` any characters
    (`/` too), `?` one, nothing else special; the leading `/` optional."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern.lstrip("/"))
    return re.compile("/?" + body)


class Distribution:
    def __init__(self, distribution_id: str) -> None:
        self.cloudfront = boto3.client("cloudfront")
        answer = self.cloudfront.get_distribution(Id=distribution_id)["Distribution"]
        self.id = distribution_id
        self.arn = answer["ARN"]
        self.domain_name = answer["DomainName"]
        self.config = answer["DistributionConfig"]

    def fetch(self, bucket: str, key: str) -> bytes:
        """The object CloudFront gets from an S3 origin through origin access control: read as
        cloudfront.amazonaws.com for this distribution, judged against the bucket's policy."""
        with scenario(), acting_as(policies.service("cloudfront.amazonaws.com", self.arn)):
            return boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()

    def behavior(self, path: str) -> dict[str, Any]:
        """The cache behavior CloudFront applies to `path`: the first ordered one whose pattern matches."""
        for behavior in self.config.get("CacheBehaviors", {}).get("Items") or []:
            if path_pattern(behavior["PathPattern"]).fullmatch(path):
                return behavior
        return self.config["DefaultCacheBehavior"]

    def cache_policy(self, behavior: dict[str, Any]) -> dict[str, Any]:
        return self.cloudfront.get_cache_policy(Id=behavior["CachePolicyId"])["CachePolicy"]["CachePolicyConfig"]

    def forwarded_cookies(self, behavior: dict[str, Any], viewer: Viewer) -> dict[str, str]:
        """The viewer's cookies that are in the cache key, hence forwarded to the origin."""
        cookies = self.cache_policy(behavior)["ParametersInCacheKeyAndForwardedToOrigin"]["CookiesConfig"]
        named = set((cookies.get("Cookies") or {}).get("Items") or [])
        keep = {
            "none": lambda name: False,
            "all": lambda name: True,
            "whitelist": lambda name: name in named,
            "allExcept": lambda name: name not in named,
        }[cookies["CookieBehavior"]]
        return {name: value for name, value in viewer.cookies.items() if keep(name)}

    def cache_key(self, path: str, viewer: Viewer) -> tuple:
        """What two requests share to get one cached object: the path and the keyed cookies (a Viewer sends no more)."""
        behavior = self.behavior(path)
        return (path, tuple(sorted(self.forwarded_cookies(behavior, viewer).items())))

    def origin_request_event(self, path: str, viewer: Viewer) -> tuple[dict[str, Any], str | None]:
        """(the Lambda@Edge origin-request event for a cache miss on `path`, the associated function's ARN or None)."""
        behavior = self.behavior(path)
        origin = next(o for o in self.config["Origins"]["Items"] if o["Id"] == behavior["TargetOriginId"])
        forwarded = Viewer(self.forwarded_cookies(behavior, viewer))
        headers: dict[str, list[dict[str, str]]] = {"host": [{"key": "Host", "value": origin["DomainName"]}]}
        if forwarded.cookies:
            headers["cookie"] = forwarded.cookie_headers()
        request = {
            "clientIp": "203.0.113.10",
            "headers": headers,
            "method": "GET",
            "querystring": "",
            "uri": path,
            "origin": {
                "s3": {
                    "authMethod": "none",  # origin access control signs after the function
                    "customHeaders": {},
                    "domainName": origin["DomainName"],
                    "path": origin.get("OriginPath", ""),
                    "region": origin["DomainName"].split(".s3.")[-1].split(".")[0],
                }
            },
        }
        event = {
            "Records": [
                {
                    "cf": {
                        "config": {
                            "distributionDomainName": self.domain_name,
                            "distributionId": self.id,
                            "eventType": "origin-request",
                            "requestId": hashlib.sha256(json.dumps(request).encode()).hexdigest()[:56],
                        },
                        "request": request,
                    }
                }
            ]
        }
        associations = (behavior.get("LambdaFunctionAssociations") or {}).get("Items") or []
        arn = next((a["LambdaFunctionARN"] for a in associations if a["EventType"] == "origin-request"), None)
        return event, arn


def run_edge_function(qualified_arn: str, package: Path, event: dict[str, Any]) -> dict[str, Any]:
    """The request the function returns for `event`, run from `package` once the emulator confirms
    that this version was deployed from exactly that zip."""
    name, version = qualified_arn.rsplit(":", 2)[-2:]
    config = boto3.client("lambda", region_name="us-east-1").get_function_configuration(
        FunctionName=name, Qualifier=version
    )
    if config["CodeSha256"] != code_sha256(package):
        raise AssertionError(f"{qualified_arn} was not deployed from {package}")
    result = subprocess.run(
        [sys.executable, "-I", "-c", RUN_HANDLER, str(package), config["Handler"]],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
