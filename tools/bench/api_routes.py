"""API routes over HTTP on LocalStack (loopback): requests per second and p50/p99 latency of
the mock and SQS routes of examples/integration-types, beside a direct SQS SendMessage from
boto3 to the same queue on the same emulator."""

from __future__ import annotations

import os
from pathlib import Path

from harness.emulators.servers import running_emulator
from tools.bench import Context, measurement
from tools.bench.common import latencies


def route_latencies(scratch: Path, requests: int = 500) -> dict[str, tuple[float, float, float]]:
    """The mock and SQS routes on LocalStack over loopback, and SendMessage direct."""
    from harness.runtime.apigw import call, stage_url
    from harness.terraform.apply import applied

    with running_emulator(scratch / "localstack.log", kind="localstack") as localstack:
        env = {**os.environ, **localstack.env}
        tf_vars = {"kinds": ["MOCK", "AWS_SERVICE"], "name": "bench-api"}
        with applied("examples/integration-types", scratch / "api", localstack, env, tf_vars) as api:
            base = stage_url(localstack.endpoint, api.outputs["rest_api_id"], api.outputs["stage_name"])
            sqs, queue = localstack.client("sqs"), api.outputs["feedback_queue_url"]

            def mock() -> None:
                assert call(base, "/status").status == 200

            def via_api() -> None:
                assert call(base, "/feedback", "POST", {"text": "bench"}).status == 200

            def direct() -> None:
                sqs.send_message(QueueUrl=queue, MessageBody='{"text": "bench"}')

            for warm in (mock, via_api, direct):
                warm()
            return {
                "mock route (GET /status)": latencies(mock, requests),
                "SQS route (POST /feedback)": latencies(via_api, requests),
                "SendMessage direct (boto3)": latencies(direct, requests),
            }


@measurement("API routes over HTTP on LocalStack (loopback), 500 sequential requests each", needs=("localstack",))
def measure(context: Context) -> None:
    for label, (rate, p50, p99) in route_latencies(context.scratch).items():
        print(f"    {label:28} {rate:6.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
