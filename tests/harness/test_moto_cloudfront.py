"""harness/emulators/moto_cloudfront.py: CloudFront as the edge example needs it, on the
session's moto server. Plain moto 5.2.5 answers 404 to every cache and response headers
policy call, returns no Lambda@Edge association and no origin access control on a
distribution it was created with, and takes any certificate ARN."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError

from harness.runtime.certificates import delete_certificate, imported_certificate

pytestmark = pytest.mark.unit

VERSION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:shop-edge:3"


def _cache_policy(name: str) -> dict:
    return {
        "Name": name,
        "MinTTL": 0,
        "DefaultTTL": 3600,
        "MaxTTL": 86400,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": False,
            "CookiesConfig": {"CookieBehavior": "whitelist", "Cookies": {"Quantity": 1, "Items": ["bag_colour"]}},
            "HeadersConfig": {"HeaderBehavior": "none"},
            "QueryStringsConfig": {"QueryStringBehavior": "none"},
        },
    }


def _distribution(policy_id: str, *, lambda_arn: str = VERSION_ARN, certificate: str | None = None) -> dict:
    behavior = {
        "TargetOriginId": "images",
        "ViewerProtocolPolicy": "redirect-to-https",
        "CachePolicyId": policy_id,
        "LambdaFunctionAssociations": {
            "Quantity": 1,
            "Items": [{"LambdaFunctionARN": lambda_arn, "EventType": "origin-request", "IncludeBody": False}],
        },
    }
    viewer = {"CloudFrontDefaultCertificate": True}
    if certificate:
        viewer = {
            "ACMCertificateArn": certificate,
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": "TLSv1.2_2021",
        }
    return {
        "CallerReference": uuid.uuid4().hex,
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "images",
                    "DomainName": "shop-images.s3.us-east-1.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                    "OriginAccessControlId": "E2OACEXAMPLE",
                }
            ],
        },
        "DefaultCacheBehavior": behavior,
        "ViewerCertificate": viewer,
    }


@pytest.fixture
def cloudfront(emulator):
    return emulator.client("cloudfront")


def test_a_cache_policy_is_created_read_updated_listed_and_deleted(cloudfront):
    name = f"bags-{uuid.uuid4().hex[:8]}"
    created = cloudfront.create_cache_policy(CachePolicyConfig=_cache_policy(name))
    policy_id, etag = created["CachePolicy"]["Id"], created["ETag"]
    read = cloudfront.get_cache_policy(Id=policy_id)
    assert read["CachePolicy"]["CachePolicyConfig"] == _cache_policy(name)
    assert cloudfront.get_cache_policy_config(Id=policy_id)["CachePolicyConfig"] == _cache_policy(name)
    listed = cloudfront.list_cache_policies(Type="custom")["CachePolicyList"]["Items"]
    assert policy_id in [item["CachePolicy"]["Id"] for item in listed]

    with pytest.raises(ClientError, match="PreconditionFailed"):
        cloudfront.update_cache_policy(Id=policy_id, IfMatch="stale", CachePolicyConfig=_cache_policy(name))
    changed = {**_cache_policy(name), "DefaultTTL": 60}
    updated = cloudfront.update_cache_policy(Id=policy_id, IfMatch=etag, CachePolicyConfig=changed)
    assert updated["ETag"] != etag and updated["CachePolicy"]["CachePolicyConfig"]["DefaultTTL"] == 60
    with pytest.raises(ClientError, match="CachePolicyAlreadyExists"):
        cloudfront.create_cache_policy(CachePolicyConfig=_cache_policy(name))

    cloudfront.delete_cache_policy(Id=policy_id, IfMatch=updated["ETag"])
    with pytest.raises(ClientError, match="NoSuchCachePolicy"):
        cloudfront.get_cache_policy(Id=policy_id)


def test_a_response_headers_policy_round_trips(cloudfront):
    config = {
        "Name": f"headers-{uuid.uuid4().hex[:8]}",
        "SecurityHeadersConfig": {
            "FrameOptions": {"FrameOption": "DENY", "Override": True},
            "StrictTransportSecurity": {
                "AccessControlMaxAgeSec": 63072000,
                "IncludeSubdomains": True,
                "Override": True,
            },
        },
        "CustomHeadersConfig": {
            "Quantity": 1,
            "Items": [{"Header": "Cache-Control", "Value": "no-cache", "Override": True}],
        },
    }
    created = cloudfront.create_response_headers_policy(ResponseHeadersPolicyConfig=config)
    policy_id = created["ResponseHeadersPolicy"]["Id"]
    read = cloudfront.get_response_headers_policy(Id=policy_id)
    assert read["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"] == config
    cloudfront.delete_response_headers_policy(Id=policy_id, IfMatch=read["ETag"])
    with pytest.raises(ClientError, match="NoSuchResponseHeadersPolicy"):
        cloudfront.get_response_headers_policy(Id=policy_id)


def test_a_distribution_keeps_its_edge_association_origin_access_control_and_policy(cloudfront):
    policy = cloudfront.create_cache_policy(CachePolicyConfig=_cache_policy(f"p-{uuid.uuid4().hex[:8]}"))
    policy_id = policy["CachePolicy"]["Id"]
    created = cloudfront.create_distribution(DistributionConfig=_distribution(policy_id))["Distribution"]
    config = cloudfront.get_distribution(Id=created["Id"])["Distribution"]["DistributionConfig"]
    behavior = config["DefaultCacheBehavior"]
    assert behavior["LambdaFunctionAssociations"]["Items"] == [
        {"LambdaFunctionARN": VERSION_ARN, "EventType": "origin-request", "IncludeBody": False}
    ]
    assert behavior["CachePolicyId"] == policy_id
    assert "ForwardedValues" not in behavior  # CloudFront returns none beside a cache policy
    assert config["Origins"]["Items"][0]["OriginAccessControlId"] == "E2OACEXAMPLE"
    # A policy a distribution uses cannot be deleted.
    with pytest.raises(ClientError, match="CachePolicyInUse"):
        cloudfront.delete_cache_policy(Id=policy_id, IfMatch=policy["ETag"])


def test_an_association_with_an_unqualified_arn_is_refused(cloudfront):
    policy_id = cloudfront.create_cache_policy(CachePolicyConfig=_cache_policy(f"p-{uuid.uuid4().hex[:8]}"))[
        "CachePolicy"
    ]["Id"]
    unqualified = VERSION_ARN.rsplit(":", 1)[0]
    with pytest.raises(
        ClientError, match="InvalidLambdaFunctionAssociation.*must reference a specific function version"
    ):
        cloudfront.create_distribution(DistributionConfig=_distribution(policy_id, lambda_arn=unqualified))
    with pytest.raises(ClientError, match="InvalidLambdaFunctionAssociation"):
        cloudfront.create_distribution(DistributionConfig=_distribution(policy_id, lambda_arn=VERSION_ARN + ":$LATEST"))


def test_a_custom_certificate_must_be_issued_in_acm_us_east_1(cloudfront):
    policy_id = cloudfront.create_cache_policy(CachePolicyConfig=_cache_policy(f"p-{uuid.uuid4().hex[:8]}"))[
        "CachePolicy"
    ]["Id"]
    missing = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    with pytest.raises(ClientError, match="InvalidViewerCertificate"):
        cloudfront.create_distribution(DistributionConfig=_distribution(policy_id, certificate=missing))
    arn = imported_certificate("shop.example.com")
    try:
        created = cloudfront.create_distribution(DistributionConfig=_distribution(policy_id, certificate=arn))
        viewer = created["Distribution"]["DistributionConfig"]["ViewerCertificate"]
        assert (viewer["ACMCertificateArn"], viewer["CloudFrontDefaultCertificate"]) == (arn, False)
        assert (viewer["MinimumProtocolVersion"], viewer["CertificateSource"]) == ("TLSv1.2_2021", "acm")
    finally:
        delete_certificate(arn)
