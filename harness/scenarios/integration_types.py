"""examples/integration-types: one REST API with a route per integration kind, each called over
HTTP the way a client would. LocalStack serves the stage on loopback; its community edition
has no Lambda, DynamoDB or load balancers, so the demo deploys the kinds it serves (mock, HTTP
proxy, HTTP with mapping templates, AWS service), the HTTP ones pointing at a loopback backend
(tests/examples/integration-types/deployments.yml). The Lambda and private (VPC link) routes
are applied on moto by the scenario tests, which serve no HTTP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from harness.runtime.apigw import Response, stage_url
from harness.runtime.poller import take_bodies
from harness.scenarios import Narrator, Stage, http_request

USE_CASE = "every REST API integration kind side by side: mock, HTTP proxy, HTTP with templates, SQS, Lambda"
EMULATOR = "localstack"


@dataclass
class Called:
    answers: dict[str, Response] = field(default_factory=dict)  # what each request got, by a short name
    backend_saw: list[dict] = field(default_factory=list)  # the loopback backend's requests, in order
    queued: list[dict] = field(default_factory=list)


def walk(stage: Stage, say: Narrator) -> Called:
    out, called = stage.outputs, Called()
    base_url = stage_url(stage.emulator.endpoint, out["rest_api_id"], out["stage_name"])
    backend = stage.service("http_backend")
    seen_before = len(backend.requests)
    say.detail(f"deployed routes: {', '.join(sorted(out['routes']))}; stage {base_url}")

    say.step("MOCK: API Gateway answers by itself, its status chosen by a template")
    called.answers["status"] = http_request(say, base_url, "GET", "/status")
    called.answers["status failing"] = http_request(say, base_url, "GET", "/status", query={"fail": "true"})

    say.step(f"HTTP_PROXY: the request passed through to the backend at {backend.url}")
    called.answers["proxy"] = http_request(say, base_url, "GET", "/backend/catalog/items/42", query={"colour": "blue"})

    say.step("HTTP: a request template keeps `text` and adds `source`; a response template wraps the answer")
    called.answers["quote"] = http_request(
        say, base_url, "POST", "/quotes", {"text": "Simplicity is prerequisite", "x": 1}
    )
    called.backend_saw = backend.requests[seen_before:]
    for request in called.backend_saw:
        say.detail(f"the backend saw {request['method']} {request['path']} {json.dumps(request.get('body'))}")

    say.step("AWS_SERVICE: the body validated by a model, then sent to SQS as the route's own role")
    called.answers["feedback empty"] = http_request(say, base_url, "POST", "/feedback", {"text": ""})
    called.answers["feedback"] = http_request(say, base_url, "POST", "/feedback", {"text": "Great API"})
    bodies = take_bodies(stage.emulator.client("sqs"), out["feedback_queue_url"])
    called.queued = [json.loads(body) for body in bodies]
    say.detail(f"the feedback queue holds {called.queued}")
    return called
