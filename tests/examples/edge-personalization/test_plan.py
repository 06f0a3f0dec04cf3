"""examples/edge-personalization: planned in the shared plan root as module call
example_edge_personalization, with tests/examples/edge-personalization/inputs.yml."""

from __future__ import annotations

import json
import zipfile

import pytest

from harness.paths import BUILD, EXAMPLES
from harness.terraform.plan import statements
from harness.terraform.roots import example_inputs

pytestmark = pytest.mark.plan

CALL = "example_edge_personalization"
INPUTS = example_inputs("edge-personalization")
SETTINGS = json.loads((EXAMPLES / "edge-personalization" / "edge_variant.config.json").read_text())
BUCKET = "edge-personalization-123456789012-us-east-1"


@pytest.fixture(scope="module")
def shop(module_plan):
    return module_plan(CALL)


@pytest.fixture(scope="module")
def configuration(plan_root):
    """The example's configuration as Terraform read it: expressions, references, providers."""
    return plan_root._raw["configuration"]["root_module"]["module_calls"][CALL]["module"]


def resource_config(configuration, address: str) -> dict:
    return next(r for r in configuration["resources"] if r["address"] == address)


def test_the_shop_resources(shop):
    assert shop.type_counts() == {
        "aws_s3_bucket": 1,
        "aws_s3_bucket_ownership_controls": 1,
        "aws_s3_bucket_public_access_block": 1,
        "aws_s3_bucket_server_side_encryption_configuration": 1,
        "aws_s3_bucket_versioning": 1,
        "aws_s3_bucket_lifecycle_configuration": 1,
        "aws_s3_bucket_policy": 1,
        "aws_cloudfront_origin_access_control": 1,
        "aws_cloudfront_cache_policy": 2,
        "aws_cloudfront_response_headers_policy": 2,
        "aws_cloudfront_distribution": 1,
        "aws_lambda_function": 1,
        "aws_iam_role": 1,
        "aws_iam_role_policy": 1,
        "aws_cloudwatch_log_group": 1,
        "terraform_data": 1,  # lambda-at-edge's IAM statement rules
    }


def test_the_function_is_created_in_us_east_1_through_the_alias(shop, configuration, plan_root):
    call = configuration["module_calls"]["bag_colour"]
    assert call["source"] == "../../modules/lambda-at-edge"
    keys = {r["address"]: r.get("provider_config_key") for r in call["module"]["resources"]}
    assert set(keys.values()) == {f"module.{CALL}:aws.us_east_1"}
    alias = plan_root._raw["configuration"]["provider_config"][f"module.{CALL}:aws.us_east_1"]
    assert alias["expressions"]["region"] == {"constant_value": "us-east-1"}
    # The bucket and the distribution use the caller's own provider.
    others = {r.get("provider_config_key") for r in configuration["resources"] if r["mode"] == "managed"}
    assert others == {f"module.{CALL}:aws"}
    function = shop.one("aws_lambda_function")
    assert (function["function_name"], function["handler"], function["publish"]) == (
        "edge-personalization",
        "edge_variant.handler.lambda_handler",
        True,
    )
    assert (function["memory_size"], function["timeout"], function["architectures"]) == (128, 5, ["x86_64"])
    assert function["environment"] == []  # the settings travel in the zip
    assert len(statements(shop.one("aws_iam_role_policy")["policy"])) == 1  # its logs, no statement of the example


def test_the_zip_holds_the_examples_settings(shop):
    package = BUILD / "functions" / "edge-personalization" / "edge_variant.zip"
    with zipfile.ZipFile(package) as zf:
        assert json.loads(zf.read("edge_variant/config.json")) == SETTINGS
        assert sorted(zf.namelist()) == [
            "edge_variant/__init__.py",
            "edge_variant/config.json",
            "edge_variant/config.py",
            "edge_variant/handler.py",
        ]
    assert shop.one("aws_lambda_function")["filename"].endswith("build/functions/edge-personalization/edge_variant.zip")


def test_bag_images_run_the_published_version_on_origin_request(shop):
    distribution = shop.one("aws_cloudfront_distribution")
    [bags] = distribution["ordered_cache_behavior"]
    assert bags["path_pattern"] == SETTINGS["path_prefix"] + "*" == "/images/bags/*"
    assert bags["lambda_function_association"] == [{"event_type": "origin-request", "include_body": False}]
    # Its ARN is the version published by this apply (the apply test compares it).
    [unknown] = shop.unknown("aws_cloudfront_distribution.shop")["ordered_cache_behavior"]
    assert unknown["lambda_function_association"] == [{"lambda_arn": True}]
    assert distribution["default_cache_behavior"][0]["lambda_function_association"] == []


def test_the_bag_images_cache_key_is_the_colour_cookie_and_nothing_else(shop):
    policies = shop.by_key("aws_cloudfront_cache_policy")
    assert set(policies) == {"images", "bag_images"}
    for name, cookies in (("bag_images", [SETTINGS["cookie_name"]]), ("images", None)):
        [key] = policies[name]["parameters_in_cache_key_and_forwarded_to_origin"]
        assert key["cookies_config"] == [
            {"cookie_behavior": "whitelist", "cookies": [{"items": cookies}]}
            if cookies
            else {"cookie_behavior": "none", "cookies": []}
        ]
        assert key["headers_config"] == [{"header_behavior": "none", "headers": []}]
        assert key["query_strings_config"] == [{"query_string_behavior": "none", "query_strings": []}]
        assert (key["enable_accept_encoding_gzip"], key["enable_accept_encoding_brotli"]) == (False, False)
        assert (policies[name]["min_ttl"], policies[name]["default_ttl"], policies[name]["max_ttl"]) == (0, 3600, 86400)


def test_https_only_with_tls_1_2_on_the_shops_domain(shop):
    distribution = shop.one("aws_cloudfront_distribution")
    assert distribution["aliases"] == [INPUTS["domain_name"]]
    assert distribution["viewer_certificate"] == [
        {
            "acm_certificate_arn": INPUTS["acm_certificate_arn"],
            "cloudfront_default_certificate": None,
            "iam_certificate_id": None,
            "minimum_protocol_version": "TLSv1.2_2021",
            "ssl_support_method": "sni-only",
        }
    ]
    behaviors = [distribution["default_cache_behavior"][0], *distribution["ordered_cache_behavior"]]
    assert [b["viewer_protocol_policy"] for b in behaviors] == ["redirect-to-https"] * 2
    assert [b["allowed_methods"] for b in behaviors] == [["GET", "HEAD"]] * 2
    assert (distribution["price_class"], distribution["http_version"], distribution["enabled"]) == (
        "PriceClass_100",
        "http2and3",
        True,
    )


def test_the_response_headers_policies_set_security_headers_and_browser_caching(shop):
    policies = shop.by_key("aws_cloudfront_response_headers_policy")
    for name, cache_control in (("images", "public, max-age=3600"), ("bag_images", "no-cache")):
        [security] = policies[name]["security_headers_config"]
        [hsts] = security["strict_transport_security"]
        assert (hsts["access_control_max_age_sec"], hsts["include_subdomains"], hsts["preload"]) == (
            63072000,
            True,
            True,
        )
        assert security["content_type_options"] == [{"override": True}]
        assert security["frame_options"] == [{"frame_option": "DENY", "override": True}]
        assert security["referrer_policy"][0]["referrer_policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'none'" in security["content_security_policy"][0]["content_security_policy"]
        [headers] = policies[name]["custom_headers_config"]
        assert headers["items"] == [{"header": "Cache-Control", "value": cache_control, "override": True}]


def test_the_origin_is_the_private_bucket_through_origin_access_control(shop, configuration):
    control = shop.one("aws_cloudfront_origin_access_control")
    assert (control["origin_access_control_origin_type"], control["signing_behavior"], control["signing_protocol"]) == (
        "s3",
        "always",
        "sigv4",
    )
    [origin] = resource_config(configuration, "aws_cloudfront_distribution.shop")["expressions"]["origin"]
    assert "aws_cloudfront_origin_access_control.product_images.id" in origin["origin_access_control_id"]["references"]
    assert "module.product_images.regional_domain_name" in origin["domain_name"]["references"]
    assert shop.one("aws_cloudfront_distribution")["origin"][0]["s3_origin_config"] == []  # no legacy identity
    block = shop.one("aws_s3_bucket_public_access_block")
    assert all(
        block[k] for k in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    )
    rule = shop.one("aws_s3_bucket_server_side_encryption_configuration")["rule"][0]
    assert rule["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "AES256"  # OAC cannot use aws/s3
    assert shop.one("aws_s3_bucket_ownership_controls")["rule"] == [{"object_ownership": "BucketOwnerEnforced"}]
    assert shop.one("aws_s3_bucket")["bucket"] == BUCKET
    assert shop.one("aws_s3_bucket")["force_destroy"] is False


def test_the_bucket_policy_admits_only_this_distribution_over_tls(configuration):
    document = resource_config(configuration, "data.aws_iam_policy_document.cloudfront_reads_images")["expressions"]
    [read] = document["statement"]
    assert read["sid"] == {"constant_value": "CloudFrontReadsImages"}
    assert read["actions"] == {"constant_value": ["s3:GetObject"]}
    assert read["principals"] == [
        {"type": {"constant_value": "Service"}, "identifiers": {"constant_value": ["cloudfront.amazonaws.com"]}}
    ]
    [condition] = read["condition"]
    assert (condition["test"], condition["variable"]) == (
        {"constant_value": "StringEquals"},
        {"constant_value": "aws:SourceArn"},
    )
    assert condition["values"]["references"][0] == "aws_cloudfront_distribution.shop.arn"
    assert "local.bucket_arn" in read["resources"]["references"]
    # The private bucket joins it to its own DenyInsecureTransport (tests/modules/private-bucket).
    call = configuration["module_calls"]["product_images"]
    assert (
        "data.aws_iam_policy_document.cloudfront_reads_images.json"
        in call["expressions"]["policy_documents"]["references"]
    )
    deny = next(r for r in call["module"]["resources"] if r["address"] == "data.aws_iam_policy_document.this")[
        "expressions"
    ]["statement"][0]
    assert deny["effect"] == {"constant_value": "Deny"}
    assert deny["condition"][0]["values"] == {"constant_value": ["false"]}
