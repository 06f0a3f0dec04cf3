"""Renders API Gateway mapping templates; runs in LocalStack's virtualenv (its Velocity engine).

Reads a JSON list of {"template", "body", "params"} on stdin and writes the rendered texts
as a JSON list. LocalStack's engine (airspeed) is the closest to API Gateway's on this
machine; where it departs from the AWS mapping template reference, the reference wins:
- `$util.escapeJavaScript` escapes `'` as `\\'` (which is not valid JSON: a template must
  undo it with `.replaceAll("\\\\'", "'")`) and `/` as `\\/`; LocalStack's escapes neither;
- `$util.base64Decode` answers a string; LocalStack's answers bytes (rendered as "b'...'");
- Java's `String.matches(regex)` (a whole-string match) is missing from LocalStack's strings.
"""

from __future__ import annotations

import base64
import json
import re
import sys

import airspeed.operators
from localstack.services.apigateway.next_gen.execute_api import template_mapping


def escape_javascript(_util, value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # json.dumps escapes quotes, backslashes, control and non-ASCII characters as Java's does.
    return json.dumps(text)[1:-1].replace("'", "\\'").replace("/", "\\/")


def base64_decode(_util, value) -> str:
    return base64.b64decode(value).decode("utf-8")


def matches(text: str, regex: str) -> bool:
    return re.fullmatch(regex, text) is not None


template_mapping.VelocityUtilApiGateway.escapeJavaScript = escape_javascript
template_mapping.VelocityUtilApiGateway.base64Decode = base64_decode


class MethodsByType(dict):
    """airspeed looks extra methods up by exact class; LocalStack's string subclass has none."""

    def get(self, cls, default=None):
        for base in getattr(cls, "__mro__", (cls,)):
            if base in self:
                return self[base]
        return default


airspeed.operators.__additional_methods__[str]["matches"] = matches
airspeed.operators.__additional_methods__ = MethodsByType(airspeed.operators.__additional_methods__)


def render(request: dict) -> str:
    variables = {
        "input": {"body": request.get("body") or "", "params": request["params"]},
        "context": {},
    }
    return template_mapping.ApiGatewayVtlTemplate().render_vtl(request["template"].strip(), variables)


if __name__ == "__main__":
    json.dump([render(request) for request in json.load(sys.stdin)], sys.stdout)
