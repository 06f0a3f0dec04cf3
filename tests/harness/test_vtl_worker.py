"""The mapping template renderer behind harness/runtime/service_routes.py, against the AWS reference."""

from __future__ import annotations

import base64
import json

import pytest

from harness.runtime.service_routes import render_templates

pytestmark = pytest.mark.unit

NO_PARAMS = {"path": {}, "querystring": {}, "header": {}}


def test_util_and_strings_behave_as_the_aws_mapping_template_reference_says():
    token = base64.b64encode(b"images/bob's.jpg").decode()
    params = {"path": {"label": "Bob's"}, "querystring": {"limit": "25", "next": token}, "header": {}}
    templates = [
        "$util.escapeJavaScript($input.params('label'))",  # ' -> \' (not JSON: templates must undo it)
        "$util.escapeJavaScript($input.params('label')).replaceAll(\"\\\\'\", \"'\")",
        "$util.escapeJavaScript('a/b \"c\"')",
        "$util.base64Decode($input.params('next'))",  # a string, not b'...'
        "#if($input.params('limit').matches(\"[1-9][0-9]?|100\"))yes#{else}no#end",
        "#set($big = '1000')#if($big.matches(\"[1-9][0-9]?|100\"))yes#{else}no#end",  # a whole-string match
        "#foreach($i in $input.path('$.Items'))$i.sk.S#if($foreach.hasNext),#end#end",
    ]
    body = json.dumps({"Items": [{"sk": {"S": "a"}}, {"sk": {"S": "b"}}]})
    rendered = render_templates([{"template": t, "body": body, "params": params} for t in templates])
    assert rendered == ["Bob\\'s", "Bob's", 'a\\/b \\"c\\"', "images/bob's.jpg", "yes", "no", "a,b"]


def test_a_renderer_failure_is_an_error_with_its_reason_not_a_traceback_in_the_caller():
    with pytest.raises(RuntimeError, match="the mapping template renderer failed"):
        render_templates([{"template": "$util.base64Decode('not base64!')", "params": NO_PARAMS}])
