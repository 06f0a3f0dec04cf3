"""lambda_src/edge_variant, in-process on the events CloudFront delivers to Lambda@Edge.

Viewer- and origin-request events as in the Lambda@Edge event structure reference:
several cookies in several `cookie` headers, malformed headers, colours that are not
allowed or try path tricks, paths that are not bag images. The handler must never
raise (an exception is a 502 for the viewer) and must return the request unchanged
whenever no variant applies.
"""

from __future__ import annotations

import copy
import json
import logging

import pytest

from edge_variant import handler
from edge_variant.config import ConfigError, EdgeConfig, load

pytestmark = pytest.mark.unit


def cf_event(uri: str, cookies: list[str] | None = None, event_type: str = "origin-request") -> dict:
    headers = {"host": [{"key": "Host", "value": "d111111abcdef8.cloudfront.net"}]}
    if cookies is not None:
        headers["cookie"] = [{"key": "Cookie", "value": value} for value in cookies]
    request = {
        "clientIp": "203.0.113.178",
        "headers": headers,
        "method": "GET",
        "querystring": "",
        "uri": uri,
    }
    if event_type == "origin-request":
        request["origin"] = {
            "s3": {
                "authMethod": "origin-access-identity",
                "domainName": "shop-images.s3.us-east-1.amazonaws.com",
                "path": "",
                "region": "us-east-1",
                "customHeaders": {},
            }
        }
    config = {
        "distributionDomainName": "d111111abcdef8.cloudfront.net",
        "distributionId": "EDFDVBD6EXAMPLE",
        "eventType": event_type,
        "requestId": "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==",
    }
    return {"Records": [{"cf": {"config": config, "request": request}}]}


def run(event: dict) -> dict:
    return handler.lambda_handler(event, None)


@pytest.mark.parametrize("event_type", ["origin-request", "viewer-request"])
def test_an_allowed_colour_rewrites_the_bag_image(event_type):
    event = cf_event("/images/bags/tote.jpg", ["colour=red"], event_type)
    result = run(event)
    assert result["uri"] == "/images/bags/tote-red.jpg"
    assert {k: v for k, v in result.items() if k != "uri"} == {
        k: v for k, v in cf_event("/x", ["colour=red"], event_type)["Records"][0]["cf"]["request"].items() if k != "uri"
    }


def test_the_colour_is_found_among_several_cookies_in_several_headers():
    event = cf_event("/images/bags/satchel-mini.jpg", ["session=abc; theme=dark", "consent=yes; colour=tan; x=1"])
    assert run(event)["uri"] == "/images/bags/satchel-mini-tan.jpg"


def test_the_first_colour_cookie_wins():
    event = cf_event("/images/bags/tote.jpg", ["colour=black", "colour=red"])
    assert run(event)["uri"] == "/images/bags/tote-black.jpg"


def test_blanks_and_quotes_around_a_cookie_value_are_read_as_rfc_6265_allows():
    assert run(cf_event("/images/bags/tote.jpg", ['a=1;  colour = "red" ']))["uri"] == "/images/bags/tote-red.jpg"


@pytest.mark.parametrize(
    "cookies",
    [
        None,
        [],
        ["session=abc"],
        ["colour="],
        ["colour=purple"],
        ["colour=RED"],
        ["colour=../../secret"],
        ["colour=red%2F..%2Fsecret"],
        ["colour=red/../../x"],
        ["colour=réd"],
        ["colour=red\u200b"],
        ["colour=red.jpg"],
        [";;;==;"],
        ["colour"],
        ["=red"],
    ],
)
def test_no_allowed_colour_leaves_the_request_unchanged(cookies):
    event = cf_event("/images/bags/tote.jpg", cookies)
    expected = copy.deepcopy(event["Records"][0]["cf"]["request"])
    assert run(event) == expected


@pytest.mark.parametrize(
    "uri",
    [
        "/",
        "/index.html",
        "/images/bags/",
        "/images/bags/tote.png",
        "/images/bags/tote-red.jpg.bak",
        "/images/bags/sub/tote.jpg",
        "/images/bags/../shoes/boot.jpg",
        "/images/bags/%2e%2e%2Fboot.jpg",
        "/images/shoes/boot.jpg",
        "/IMAGES/BAGS/TOTE.JPG",
    ],
)
def test_paths_that_are_not_bag_images_pass_untouched(uri):
    event = cf_event(uri, ["colour=red"])
    assert run(event) == event["Records"][0]["cf"]["request"]
    assert event["Records"][0]["cf"]["request"]["uri"] == uri


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"Records": []},
        {"Records": [{"cf": {}}]},
        {"Records": [{"cf": {"request": {"headers": {}}}}]},  # no uri
        {"Records": [{"cf": {"request": {"uri": "/images/bags/tote.jpg", "headers": {"cookie": "colour=red"}}}}]},
        {"Records": [{"cf": {"request": {"uri": "/images/bags/tote.jpg", "headers": {"cookie": [None, 7]}}}}]},
        {"Records": [{"cf": {"request": {"uri": None, "headers": {}}}}]},
        None,
        "not an event",
    ],
)
def test_unexpected_input_is_returned_as_it_came_and_logged(event, caplog):
    caplog.set_level(logging.INFO, logger="edge_variant")
    original = copy.deepcopy(event)
    result = run(event)
    assert event == original
    try:
        expected = event["Records"][0]["cf"]["request"]
    except (KeyError, IndexError, TypeError):
        expected = {}
    assert result == expected
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "edge_variant"]
    if not isinstance(expected, dict) or "uri" not in expected or not isinstance(expected.get("uri"), str):
        assert logged and logged[-1]["message"] == "request passed through unchanged"


def test_a_colour_not_allowed_is_logged_with_the_uri(caplog):
    caplog.set_level(logging.INFO, logger="edge_variant")
    run(cf_event("/images/bags/tote.jpg", ["colour=purple"]))
    [entry] = [json.loads(r.getMessage()) for r in caplog.records if r.name == "edge_variant"]
    assert entry == {
        "service": "edge-variant",
        "message": "colour cookie ignored",
        "uri": "/images/bags/tote.jpg",
        "colour": "purple",
    }


def test_the_built_in_configuration_is_the_one_in_the_package():
    config = load()
    assert config == handler.CONFIG
    assert config.cookie_name == "colour" and config.allowed_colours == {"black", "red", "tan"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "must hold a JSON object"),
        ({"allowed_colours": ["red"]}, "cookie_name must be a cookie token"),
        ({"cookie_name": "colour; x", "allowed_colours": ["red"]}, "cookie_name must be a cookie token"),
        ({"cookie_name": "colour", "allowed_colours": []}, "allowed_colours must be a non-empty list"),
        ({"cookie_name": "colour", "allowed_colours": ["red", "../x"]}, r"lower-case letters .*'\.\./x'"),
        ({"cookie_name": "colour", "allowed_colours": ["Red"]}, "lower-case letters"),
        ({"cookie_name": "colour", "allowed_colours": ["red"], "path_prefix": "images"}, "path_prefix must be"),
    ],
)
def test_a_configuration_that_cannot_be_used_is_refused_by_setting(raw, message):
    with pytest.raises(ConfigError, match=message):
        EdgeConfig.parse(raw)


def test_an_unreadable_configuration_passes_every_request_through(monkeypatch, tmp_path, caplog):
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ConfigError, match="config.json cannot be read"):
        load(tmp_path / "config.json")
    monkeypatch.setattr(handler, "CONFIG", None)
    event = cf_event("/images/bags/tote.jpg", ["colour=red"])
    assert run(event)["uri"] == "/images/bags/tote.jpg"


@pytest.mark.parametrize("cookie", ["colour=black", "colour=red", None])
def test_a_path_that_already_names_a_variant_is_served_as_named(cookie):
    """A shared link to tote-red.jpg: rewriting it again (tote-red-black.jpg) asks the private
    bucket for an image that does not exist, which S3 answers 403."""
    event = cf_event("/images/bags/tote-red.jpg", [cookie] if cookie else None)
    assert run(event)["uri"] == "/images/bags/tote-red.jpg"


def test_a_model_whose_name_ends_in_a_word_that_is_no_colour_still_gets_its_variant():
    assert run(cf_event("/images/bags/city-tote.jpg", ["colour=tan"]))["uri"] == "/images/bags/city-tote-tan.jpg"
