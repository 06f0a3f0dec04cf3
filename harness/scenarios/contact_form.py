"""examples/contact-form: a website's form posted to API Gateway, which validates it and puts
it on a queue with no Lambda in between. LocalStack serves the REST API stage over HTTP on
loopback (moto serves none), so the requests here are real HTTP requests to the stage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from harness.runtime.apigw import Response, stage_url
from harness.runtime.poller import take_bodies
from harness.scenarios import Narrator, Stage, http_request

USE_CASE = "a contact form posted to API Gateway is validated and queued, no Lambda (API Gateway -> SQS)"
EMULATOR = "localstack"
MESSAGE = {"name": "Ada Lovelace", "email": "ada@example.com", "message": "Do you ship to Åland? 50% off & more"}
INVALID = {"name": "Ada", "email": "not-an-email", "message": "hi"}


@dataclass
class Posted:
    accepted: Response
    refused: Response
    other_method: Response
    queued: list[dict] = field(default_factory=list)  # the messages on the queue after both posts


def walk(stage: Stage, say: Narrator) -> Posted:
    base_url = stage_url(stage.emulator.endpoint, stage.outputs["rest_api_id"], stage.outputs["stage_name"])
    say.step(f"A visitor posts the form to {base_url}/contact")
    accepted = http_request(say, base_url, "POST", "/contact", MESSAGE)
    say.step("A bad email address: API Gateway's request validator answers 400, nothing is queued")
    refused = http_request(say, base_url, "POST", "/contact", INVALID)
    say.step("Any other method on the route")
    other = http_request(say, base_url, "GET", "/contact")
    say.step(f"What the queue holds: {stage.outputs['queue_url']}")
    queued = [json.loads(body) for body in take_bodies(stage.emulator.client("sqs"), stage.outputs["queue_url"])]
    for message in queued:
        say.detail(json.dumps(message, ensure_ascii=False))
    return Posted(accepted, refused, other, queued)
