"""GET /hello/{name} behind a Lambda proxy (AWS_PROXY) integration.

API Gateway hands over the whole request and returns whatever this returns, so
the handler owns status codes, headers and the body. Powertools' resolver does
the routing and turns BadRequestError into a 400 JSON response.
"""

from __future__ import annotations

import re

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.exceptions import BadRequestError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from observability import logger, tracer
from rest_requests import not_a_request

app = APIGatewayRestResolver()
NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]{0,63}$")


@app.get("/hello/<name>")
def hello(name: str) -> dict:
    if not NAME.fullmatch(name):
        raise BadRequestError("name must be 1-64 letters, spaces, '.', ''' or '-', starting with a letter")
    greeting = app.current_event.get_query_string_value("greeting", default_value="Hello")
    if greeting not in {"Hello", "Hi", "Welcome"}:
        raise BadRequestError("greeting must be Hello, Hi or Welcome")
    return {"message": f"{greeting}, {name}!", "requestId": app.current_event.request_context.request_id}


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return not_a_request(event, logger) or app.resolve(event, context)
