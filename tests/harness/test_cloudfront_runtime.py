"""harness/runtime/cloudfront.py: the stand-in for CloudFront's request path picks the cache
behavior as CloudFront does (the apply test of examples/edge-personalization relies on it)."""

from __future__ import annotations

import pytest

from harness.runtime.cloudfront import path_pattern

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("/images/bags/*", "/images/bags/tote.jpg", True),
        ("images/bags/*", "/images/bags/tote.jpg", True),  # the leading / is optional
        ("/images/bags/*", "/images/bags/a/b.jpg", True),  # * spans /
        ("/images/bags/*", "/Images/bags/tote.jpg", False),  # case-sensitive
        ("/images/bags/*", "/images/logo.png", False),
        ("/images/?.jpg", "/images/a.jpg", True),
        ("/images/[ab].jpg", "/images/a.jpg", False),  # brackets are literal, not a set
    ],
)
def test_cache_behavior_path_patterns_match_as_cloudfront_matches_them(pattern, path, matches):
    assert bool(path_pattern(pattern).fullmatch(path)) is matches
