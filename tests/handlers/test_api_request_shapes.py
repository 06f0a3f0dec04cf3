"""Every API Gateway proxy handler on request shapes API Gateway never sends: each field of a
real request (top level, its requestContext, that context's identity) replaced, one at a time,
by values of every JSON type the field never has. Generated from the request, not listed by
hand: a logged 400 (or the route's own well-formed answer), never a traceback (issue 12's rule).
Run in-process; the handlers reach nothing but the emulator."""

from __future__ import annotations

import copy
import importlib
import json

import pytest

from harness.runtime.events import LambdaContext, apigw_rest_proxy_event

pytestmark = pytest.mark.unit

# (handler module, a request its route serves)
HANDLERS = {
    "api_routes.proxy": apigw_rest_proxy_event("GET", "/hello/Ana", "/hello/{name}", path_parameters={"name": "Ana"}),
    "claim_decisions.handler": apigw_rest_proxy_event(
        "POST", "/claims/claim-x/decision", "/claims/{claim_id}/decision",
        path_parameters={"claim_id": "claim-x"}, body='{"decision": "REJECT", "reason": "x"}',
        user_arn="arn:aws:iam::123456789012:user/ana",
    ),
    "orders_api.handler": apigw_rest_proxy_event(
        "GET", "/orders/o-1", "/orders/{order_id}", path_parameters={"order_id": "o-1"},
    ),
}  # fmt: skip
VALUES = {"null": None, "string": "x", "number": 7, "bool": True, "array": [1], "object": {"k": "v"}}


def json_type(value: object) -> str:
    return next(name for name, sample in VALUES.items() if type(sample) is type(value) or value is sample)


def mutations(request: dict) -> list[tuple[str, dict]]:
    """(what changed, the request with it) for each field and each JSON type that field never has
    (null counts as had where API Gateway sends null: optional maps and the body)."""
    found = []
    places = [((), request), (("requestContext",), request["requestContext"])]
    places.append((("requestContext", "identity"), request["requestContext"]["identity"]))
    for path, fields in places:
        for field, value in fields.items():
            had = {json_type(value)} | ({"null"} if value is None or isinstance(value, dict) and not path else set())
            for name, wrong in VALUES.items():
                if name in had:
                    continue
                mutated = copy.deepcopy(request)
                target = mutated
                for step in path:
                    target = target[step]
                target[field] = wrong
                found.append((".".join((*path, field)) + f"={name}", mutated))
    return found


CASES = [(module, label, event) for module, request in HANDLERS.items() for label, event in mutations(request)]


@pytest.mark.parametrize(
    ("module", "label", "event"), CASES, ids=[f"{m.split('.')[0]}:{label}" for m, label, _ in CASES]
)
def test_a_request_shape_api_gateway_never_sends_gets_a_well_formed_answer(emulator, module, label, event):
    handler = importlib.import_module(module)
    answer = handler.lambda_handler(event, LambdaContext(module.split(".")[0]))
    assert isinstance(answer, dict) and isinstance(answer.get("statusCode"), int), answer
    assert isinstance(answer.get("body"), str) and isinstance(json.loads(answer["body"]), dict), answer
    assert answer["statusCode"] < 500, answer


def test_the_shapes_cover_every_field_of_every_handlers_request():
    fields = {label.split("=")[0] for module, label, _ in CASES if module == "claim_decisions.handler"}
    assert {"requestContext", "headers", "body", "requestContext.identity", "requestContext.identity.userArn"} <= fields
    assert len(CASES) > 150
