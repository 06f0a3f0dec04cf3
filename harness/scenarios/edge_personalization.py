"""examples/edge-personalization: a shop page's bag image in the colour the customer chose, kept
in a cookie, served from a private bucket through CloudFront with a Lambda@Edge function.

moto stores the distribution but serves nothing through it: harness/runtime/cloudfront.py
stands in for CloudFront's request path on the deployed configuration (behavior by path,
cache key from the deployed cache policy, the origin-request event for the associated
version) and runs the function from the zip the emulator reports that version was deployed
from, in a separate Python process; the origin read is made as CloudFront with origin access
control, judged against the bucket policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import boto3

from harness.emulators.gaps import relax_bucket_policy_for
from harness.paths import BUILD
from harness.runtime.cloudfront import Distribution, Viewer, run_edge_function
from harness.scenarios import Narrator, Stage

USE_CASE = "a bag image served in the colour a cookie chose, from a private bucket (CloudFront -> Lambda@Edge -> S3)"
EMULATOR = "moto"
SHOP_DOMAIN = "shop.example.com"  # the example's domain, with a certificate imported for it
PACKAGE = BUILD / "functions" / "edge-personalization" / "edge_variant.zip"
TOTE, LOGO = "/images/bags/tote.jpg", "/images/logo.png"
IMAGES = {  # key -> body: the default tote and two of its colours
    "images/bags/tote.jpg": b"tote, the default colour",
    "images/bags/tote-red.jpg": b"tote in red",
    "images/bags/tote-navy.jpg": b"tote in navy",
    "images/logo.png": b"the shop's logo",
}
# What customers send for the tote: chosen colours, one the shop does not sell, a path trick, none.
VISITS = {
    "chose red": {"session": "a1", "bag_colour": "red", "theme": "dark"},
    "chose navy": {"bag_colour": "navy"},
    "chose purple (not sold)": {"bag_colour": "purple"},
    "a path trick": {"bag_colour": "..%2Fred"},
    "no colour cookie": {"session": "b2"},
}


@dataclass
class Served:
    body: bytes
    function_ran: bool
    cache_key: tuple


@dataclass
class Shop:
    totes: dict[str, Served] = field(default_factory=dict)  # by VISITS name
    logo: Served | None = None


def upload_images(stage: Stage) -> list[str]:
    """Put IMAGES in the bucket; the bucket policy's statements lifted for the emulator, if any."""
    # moto cannot evaluate the TLS condition (see relax_bucket_policy_for); elsewhere a no-op.
    lifted = relax_bucket_policy_for(stage.emulator.kind, stage.outputs["bucket_name"])
    s3 = boto3.client("s3")
    for key, body in IMAGES.items():
        s3.put_object(Bucket=stage.outputs["bucket_name"], Key=key, Body=body, ContentType="image/jpeg")
    return lifted


def served(bucket: str, distribution: Distribution, path: str, cookies: dict[str, str]) -> Served:
    """What a viewer with `cookies` gets for `path` on a cache miss."""
    viewer = Viewer(cookies)
    event, function_arn = distribution.origin_request_event(path, viewer)
    request = event["Records"][0]["cf"]["request"]
    if function_arn is not None:
        request = run_edge_function(function_arn, PACKAGE, event)
    body = distribution.fetch(bucket, request["uri"].lstrip("/"))
    return Served(body, function_arn is not None, distribution.cache_key(path, viewer))


def walk(stage: Stage, say: Narrator) -> Shop:
    bucket = stage.outputs["bucket_name"]
    say.step(f"The shop's images go into the private bucket s3://{bucket}")
    if lifted := upload_images(stage):
        say.detail(f"(moto cannot evaluate the bucket policy's TLS condition: lifted {', '.join(lifted)} for the walk)")
    for key, body in IMAGES.items():
        say.detail(f"{key}: {body.decode()!r}")
    distribution = Distribution(stage.outputs["distribution_id"])
    say.detail(f"distribution {stage.outputs['distribution_id']} for {SHOP_DOMAIN}")

    shop = Shop()
    say.step(f"Customers open the product page: GET https://{SHOP_DOMAIN}{TOTE}")
    for visit, cookies in VISITS.items():
        shop.totes[visit] = got = served(bucket, distribution, TOTE, cookies)
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        ran = "the edge function ran" if got.function_ran else "no function"
        say.detail(f"{visit:24} Cookie: {cookie:38} -> {got.body.decode()!r} ({ran})")
    keys = {visit: served.cache_key for visit, served in shop.totes.items()}
    say.detail(f"{len(set(keys.values()))} cached copies for {len(keys)} visits: only bag_colour is in the cache key")

    say.step(f"Any other image is served as it is: GET https://{SHOP_DOMAIN}{LOGO}")
    shop.logo = served(bucket, distribution, LOGO, {"bag_colour": "red"})
    say.detail(f"-> {shop.logo.body.decode()!r} ({'the function ran' if shop.logo.function_ran else 'no function'})")
    return shop
