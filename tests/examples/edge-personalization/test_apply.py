"""examples/edge-personalization applied on moto: the distribution, its policies and the
edge function as planned, and a customer's colour served from the private bucket.

moto stores the distribution but serves nothing through it: harness/runtime/cloudfront.py
stands in for CloudFront's request path on the deployed configuration (behavior by path,
cache key from the deployed cache policy, the origin-request event for the associated
version), and runs the function from the zip the emulator reports that version was
deployed from, in a separate Python process, so the configuration built into that zip is
the one tested.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import boto3
import pytest

from harness.runtime.cloudfront import Distribution, Viewer, run_edge_function
from harness.scenarios import edge_personalization
from policies.deployed import edge_functions_without_edge_trust

pytestmark = pytest.mark.apply

PACKAGE = edge_personalization.PACKAGE


@pytest.fixture(scope="module")
def shop(applied, stage):
    edge_personalization.upload_images(stage)
    return applied


@pytest.fixture(scope="module")
def distribution(applied):
    return Distribution(applied.outputs["distribution_id"])


def served(shop, distribution, path: str, cookies: dict[str, str]) -> tuple[bytes, bool]:
    """(the body a viewer with `cookies` gets for `path` on a cache miss, whether the function ran)."""
    got = edge_personalization.served(shop.outputs["bucket_name"], distribution, path, cookies)
    return got.body, got.function_ran


def test_the_distribution_is_https_only_on_its_domain_with_tls_1_2(applied, distribution, shop_certificate):
    config = distribution.config
    assert config["Aliases"]["Items"] == [shop_certificate.domain]
    certificate = config["ViewerCertificate"]
    assert (certificate["ACMCertificateArn"], certificate["SSLSupportMethod"]) == (shop_certificate.arn, "sni-only")
    assert certificate["MinimumProtocolVersion"] == "TLSv1.2_2021"
    behaviors = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]["Items"]]
    assert {b["ViewerProtocolPolicy"] for b in behaviors} == {"redirect-to-https"}
    assert config["PriceClass"] == "PriceClass_100"


def test_the_origin_is_the_private_bucket_through_origin_access_control(applied, distribution):
    [origin] = distribution.config["Origins"]["Items"]
    assert origin["DomainName"].startswith(applied.outputs["bucket_name"] + ".s3.")
    control = distribution.cloudfront.get_origin_access_control(Id=origin["OriginAccessControlId"])
    assert control["OriginAccessControl"]["OriginAccessControlConfig"] | {"Description": None} == {
        "Name": "edge-personalization-images",
        "Description": None,
        "SigningProtocol": "sigv4",
        "SigningBehavior": "always",
        "OriginAccessControlOriginType": "s3",
    }
    s3 = boto3.client("s3")
    block = s3.get_public_access_block(Bucket=applied.outputs["bucket_name"])["PublicAccessBlockConfiguration"]
    assert all(block.values())


def test_the_bucket_admits_this_distribution_only(applied):
    policy = json.loads(boto3.client("s3").get_bucket_policy(Bucket=applied.outputs["bucket_name"])["Policy"])
    [read] = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert read["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert read["Action"] == "s3:GetObject"
    assert read["Resource"] == f"{applied.outputs['bucket_arn']}/images/*"
    assert read["Condition"] == {"StringEquals": {"aws:SourceArn": applied.outputs["distribution_arn"]}}
    [deny] = [s for s in policy["Statement"] if s["Effect"] == "Deny"]
    assert deny["Sid"] == "DenyInsecureTransport" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_bag_images_run_the_published_version_on_origin_request(applied, distribution):
    behavior = distribution.behavior("/images/bags/tote.jpg")
    assert behavior["PathPattern"] == "/images/bags/*"
    [association] = behavior["LambdaFunctionAssociations"]["Items"]
    assert association["EventType"] == "origin-request"
    assert association["LambdaFunctionARN"] == applied.outputs["function_qualified_arn"]
    assert not behavior["LambdaFunctionAssociations"].get("IncludeBody")
    # The version exists, in us-east-1, under a role CloudFront's replicas may assume.
    lam = boto3.client("lambda", region_name="us-east-1")
    name, version = association["LambdaFunctionARN"].rsplit(":", 2)[-2:]
    config = lam.get_function_configuration(FunctionName=name, Qualifier=version)
    assert config["Version"] == version != "$LATEST"
    role = boto3.client("iam").get_role(RoleName=config["Role"].rsplit("/", 1)[1])["Role"]
    [trust] = role["AssumeRolePolicyDocument"]["Statement"]
    assert sorted(trust["Principal"]["Service"]) == ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]
    # Other images never run the function.
    assert distribution.behavior("/images/logo.png") is distribution.config["DefaultCacheBehavior"]
    assert not distribution.config["DefaultCacheBehavior"]["LambdaFunctionAssociations"].get("Items")


def test_each_colour_is_cached_once_and_other_cookies_stay_out_of_the_key(distribution):
    path = "/images/bags/tote.jpg"
    red_a = distribution.cache_key(path, Viewer({"session": "a1", "bag_colour": "red", "_ga": "GA1.1"}))
    red_b = distribution.cache_key(path, Viewer({"bag_colour": "red", "session": "b2"}))
    navy = distribution.cache_key(path, Viewer({"bag_colour": "navy", "session": "a1"}))
    none = distribution.cache_key(path, Viewer({"session": "a1"}))
    assert red_a == red_b  # one cached red tote for every customer who chose red
    assert len({red_a, navy, none}) == 3  # and no customer gets another's colour
    # Other images: one object for everybody, whatever their cookies.
    assert distribution.cache_key("/images/logo.png", Viewer({"bag_colour": "red"})) == distribution.cache_key(
        "/images/logo.png", Viewer({})
    )


def test_customers_get_the_colour_they_chose_and_one_cached_copy_per_colour(stage, narrator):
    """The use case `make demo EXAMPLE=edge-personalization` walks (harness/scenarios/edge_personalization.py).
    After the bucket policy's own test: on moto the walk lifts its TLS condition (relax_bucket_policy_for)."""
    walked = edge_personalization.walk(stage, narrator)
    bodies = {visit: (got.body, got.function_ran) for visit, got in walked.totes.items()}
    assert bodies == {
        "chose red": (b"tote in red", True),
        "chose navy": (b"tote in navy", True),
        "chose purple (not sold)": (b"tote, the default colour", True),
        "a path trick": (b"tote, the default colour", True),
        "no colour cookie": (b"tote, the default colour", True),
    }
    assert len({got.cache_key for got in walked.totes.values()}) == len(walked.totes)  # one per cookie value
    assert (walked.logo.body, walked.logo.function_ran) == (b"the shop's logo", False)
    assert "5 cached copies for 5 visits" in narrator.text and "Cookie: bag_colour=navy" in narrator.text


@pytest.mark.parametrize(
    ("cookies", "expected"),
    [
        ({"session": "a1", "bag_colour": "red", "theme": "dark"}, b"tote in red"),
        ({"bag_colour": "navy"}, b"tote in navy"),
        ({"bag_colour": "purple"}, b"tote, the default colour"),  # not an allowed colour
        ({"bag_colour": "..%2Fred"}, b"tote, the default colour"),  # a path trick
        ({"colour": "red"}, b"tote, the default colour"),  # another cookie: not forwarded, not read
        ({}, b"tote, the default colour"),
    ],
    ids=["chosen-red", "chosen-navy", "not-allowed", "path-trick", "other-cookie", "no-cookie"],
)
def test_a_customer_gets_the_bag_in_the_colour_they_chose(shop, distribution, cookies, expected):
    body, function_ran = served(shop, distribution, "/images/bags/tote.jpg", cookies)
    assert (body, function_ran) == (expected, True)


def test_images_that_are_not_bags_are_served_as_they_are(shop, distribution):
    assert served(shop, distribution, "/images/logo.png", {"bag_colour": "red"}) == (b"the shop's logo", False)


def test_the_zip_carries_the_examples_settings(applied):
    # The settings reach the function through the package (no environment variables).
    config = boto3.client("lambda", region_name="us-east-1").get_function_configuration(
        FunctionName=applied.outputs["function_name"]
    )
    assert not config.get("Environment", {}).get("Variables")
    assert applied.outputs["colour_cookie"] == {
        "name": "bag_colour",
        "allowed_colours": ["black", "navy", "red", "tan"],
    }


def test_the_applied_state_passes_asm_20_with_a_versioned_association(applied):
    # The deployed-state policy on the state this apply wrote (`terraform state pull`), not a made-up one.
    state = json.loads(applied.tf.execute_command("state", "pull").out)
    assert edge_functions_without_edge_trust(state) == []
    [distribution] = [r for r in state["resources"] if r["type"] == "aws_cloudfront_distribution"]
    [behavior] = distribution["instances"][0]["attributes"]["ordered_cache_behavior"]
    [association] = behavior["lambda_function_association"]
    assert association["lambda_arn"] == applied.outputs["function_qualified_arn"]
    assert association["lambda_arn"].rsplit(":", 1)[1].isdigit()  # CKV_ASM_19's rule, on the applied value


def test_a_code_change_publishes_a_new_version_and_moves_the_association(shop, tmp_path):
    # Last in this module: it changes the applied example (the lifecycle's destroy still follows).
    lam = boto3.client("lambda", region_name="us-east-1")
    first = shop.outputs["function_qualified_arn"]
    # The same package with one more allowed colour in its settings.
    changed = tmp_path / "edge_variant.zip"
    with zipfile.ZipFile(PACKAGE) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "edge_variant/config.json":
                settings = json.loads(body)
                body = json.dumps({**settings, "allowed_colours": [*settings["allowed_colours"], "green"]}).encode()
            target.writestr(item, body)
    boto3.client("s3").put_object(Bucket=shop.outputs["bucket_name"], Key="images/bags/tote-green.jpg", Body=b"green")
    staged = Path(shop.tf.tfdir)
    override = staged / "zz_code_change_override.tf"
    override.write_text(f'module "bag_colour" {{\n  package = {{ path = "{changed}" }}\n}}\n')
    try:
        shop.tf.apply(tf_vars=shop.tf_vars)
        second = shop.tf.output()["function_qualified_arn"]
        assert second.rsplit(":", 1)[0] == first.rsplit(":", 1)[0]
        assert int(second.rsplit(":", 1)[1]) == int(first.rsplit(":", 1)[1]) + 1
        distribution = Distribution(shop.outputs["distribution_id"])  # the configuration after the change
        moved = distribution.behavior("/images/bags/tote.jpg")
        assert [a["LambdaFunctionARN"] for a in moved["LambdaFunctionAssociations"]["Items"]] == [second]
        # The earlier version stays: CloudFront may still run it until its replicas are updated.
        versions = lam.list_versions_by_function(FunctionName=shop.outputs["function_name"])["Versions"]
        assert {first, second} <= {v["FunctionArn"] for v in versions}
        event, arn = distribution.origin_request_event("/images/bags/tote.jpg", Viewer({"bag_colour": "green"}))
        assert run_edge_function(arn, changed, event)["uri"] == "/images/bags/tote-green.jpg"
    finally:
        override.unlink()
