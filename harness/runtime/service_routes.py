"""A deployed REST API route with an AWS-service integration, run the way API Gateway runs it.

No emulator on this machine serves a DynamoDB integration over HTTP: LocalStack community
serves APIs but has no DynamoDB here (DynamoDB Local is a download), and moto has DynamoDB
but serves no API. So the harness stands in for API Gateway between the two: it reads the
route's integration back from the emulator (what Terraform deployed, not the .tf text),
renders its request template with the Velocity engine LocalStack's API Gateway uses
(harness/runtime/vtl_worker.py, in LocalStack's virtualenv, with `$util` as the AWS
reference defines it), sends the result to the emulator's service as API Gateway's
integration would, picks the integration response whose selection pattern matches the
service's status code, and renders that response's template. The service call is made
as the integration's credentials role, as API Gateway makes it, and judged as IAM would
(harness/authorization): a route whose role may not make its call fails. Method
authorization (AWS_IAM) and request validation are not evaluated here: plan tests assert them.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import boto3
import botocore.httpsession
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

from harness.authorization import policies
from harness.authorization.enforcement import authorize, scenario
from harness.authorization.requests import authorizations
from harness.emulators.servers import REGION, localstack_python
from harness.paths import REPO
from harness.runtime.apigw import Response

CONTENT_TYPE = "application/json"
# JSON-protocol services API Gateway can call by action: their target prefixes.
JSON_TARGETS = {"dynamodb": ("DynamoDB_20120810", "application/x-amz-json-1.0")}


def render_templates(requests: list[dict[str, Any]]) -> list[str]:
    """Render [{"template", "body", "params": {"path", "querystring", "header"}}] in one go."""
    done = subprocess.run(  # noqa: S603 (our own script, in LocalStack's venv)
        [localstack_python(), str(REPO / "harness" / "runtime" / "vtl_worker.py")],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the mapping template renderer failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def _resource_id(apigw, rest_api_id: str, path: str) -> str:
    for resource in apigw.get_resources(restApiId=rest_api_id, limit=500)["items"]:
        if resource["path"] == path:
            return resource["id"]
    raise LookupError(f"REST API {rest_api_id} has no resource {path}")


def _call_service(uri: str, body: str) -> tuple[int, str]:
    match = re.fullmatch(r"arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9-]+):action/(\w+)", uri)
    if not match or match.group(2) not in JSON_TARGETS:
        raise ValueError(f"not an AWS-service action integration this stand-in calls: {uri}")
    region, service, action = match.groups()
    target, content_type = JSON_TARGETS[service]
    endpoint = boto3.client(service, region_name=region).meta.endpoint_url
    request = AWSRequest(
        method="POST",
        url=endpoint + "/",
        data=body.encode(),
        headers={"X-Amz-Target": f"{target}.{action}", "Content-Type": content_type},
    )
    SigV4Auth(botocore.session.get_session().get_credentials(), service, region).add_auth(request)
    prepared = request.prepare()
    answer = botocore.httpsession.URLLib3Session().send(prepared)
    return answer.status_code, answer.text


def _judge_as_credentials(integration: dict[str, Any], route: str, service_request: str) -> None:
    """The integration's call, judged for its credentials role: the block fails if AWS would refuse it."""
    credentials = integration.get("credentials")
    if not credentials:
        raise ValueError(f"{route}: an AWS-service integration without credentials cannot call the service")
    service, action = integration["uri"].split(":")[4], integration["uri"].rsplit("/", 1)[-1]
    principal = policies.role(credentials, label=f"credentials role of {route}")
    with scenario():
        for need in authorizations(service, action, json.loads(service_request)):
            authorize(principal, need.action, need.resource, what=f"{route} -> {service} {action}")


def _select_response(responses: dict[str, dict], status: int) -> dict:
    """API Gateway matches an AWS integration's selection patterns against the status code."""
    default = None
    for response in responses.values():
        pattern = response.get("selectionPattern")
        if not pattern:
            default = response
        elif re.fullmatch(pattern, str(status)):
            return response
    if default is None:
        raise LookupError(f"no integration response for status {status} and no default one")
    return default


def call_route(
    rest_api_id: str,
    path: str,
    method: str = "GET",
    path_params: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
) -> Response:
    """Run one request through the deployed route; the body is parsed JSON, or the text if it is not JSON."""
    apigw = boto3.client("apigateway", region_name=REGION)
    resource_id = _resource_id(apigw, rest_api_id, path)
    integration = apigw.get_integration(restApiId=rest_api_id, resourceId=resource_id, httpMethod=method)
    params = {"path": dict(path_params or {}), "querystring": dict(query or {}), "header": {}}
    [service_request] = render_templates(
        [{"template": integration["requestTemplates"][CONTENT_TYPE], "body": "", "params": params}]
    )
    _judge_as_credentials(integration, f"{method} {path}", service_request)
    status, service_answer = _call_service(integration["uri"], service_request)
    chosen = _select_response(integration.get("integrationResponses", {}), status)
    template = (chosen.get("responseTemplates") or {}).get(CONTENT_TYPE)
    [text] = (
        render_templates([{"template": template, "body": service_answer, "params": params}])
        if template
        else [service_answer]
    )
    try:
        body: Any = json.loads(text)
    except json.JSONDecodeError:
        body = text
    return Response(
        int(chosen["statusCode"]), body, {"X-Service-Status": str(status), "X-Service-Request": service_request}
    )
