"""The orders API handler on a throwaway PostgreSQL (TLS): queries per second for 1,000
sequential warm invocations, and how many server connections they opened (the point of the
pattern: one per warm environment, not one per call)."""

from __future__ import annotations

import json
import time

from harness.emulators.servers import patched_environ
from harness.paths import REPO
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def orders_api_throughput(invocations: int = 1000) -> tuple[float, int, int]:
    """Warm invocations per second (each one INSERT or SELECT), and connections opened."""
    import uuid

    from harness.emulators.postgres import running_postgres
    from harness.runtime.events import LambdaContext, apigw_rest_proxy_event

    schema = (REPO / "lambda_src" / "orders_api" / "schema.sql").read_text()
    load_deployed("orders_api")
    with running_postgres("app", "app_user", schema) as server:
        environment = {**server.handler_environment("app", "app_user"), "POWERTOOLS_LOG_LEVEL": "WARNING"}
        with patched_environ(environment):
            from orders_api.handler import lambda_handler

            customer = f"bench-{uuid.uuid4().hex[:6]}"
            body = json.dumps({"customer_id": customer, "amount": "9.99", "currency": "EUR"})
            create = apigw_rest_proxy_event("POST", "/orders", "/orders", body=body)
            before = server.connections_logged()
            started = time.perf_counter()
            order_id = ""
            for i in range(invocations):  # alternate a write and a read of what was written
                if i % 2 == 0:
                    answer = lambda_handler(create, LambdaContext("orders-api"))
                    assert answer["statusCode"] == 201
                    order_id = json.loads(answer["body"])["order_id"]
                else:
                    read = apigw_rest_proxy_event(
                        "GET", f"/orders/{order_id}", "/orders/{order_id}", {"order_id": order_id}
                    )
                    assert lambda_handler(read, LambdaContext("orders-api"))["statusCode"] == 200
            elapsed = time.perf_counter() - started
            return invocations / elapsed, server.connections_logged() - before, invocations


@measurement("orders API handler on a throwaway PostgreSQL 15 over TLS: 1,000 sequential warm invocations",
             needs=("moto", "postgres"))  # fmt: skip
def measure(context: Context) -> None:
    with patched_environ(context.emulator.env):
        rate, opened, calls = orders_api_throughput()
    print(f"    {rate:,.0f} queries/s; {opened} server connection(s) opened for {calls} invocations")
