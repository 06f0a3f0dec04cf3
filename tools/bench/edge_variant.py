"""The edge handler (Lambda@Edge origin request) in-process: requests per second and p50/p99,
against the viewer-request budget."""

from __future__ import annotations

from tools.bench import Context, measurement
from tools.bench.common import latencies, load_deployed


def edge_variant_latencies(requests: int = 100_000) -> tuple[float, float, float]:
    """The edge handler on an origin-request event with the colour among other cookies (ms), run
    from examples/edge-personalization's zip: the code and settings as that example deploys them."""
    load_deployed("edge_variant", example="edge-personalization")
    from edge_variant import handler

    cookie = handler.CONFIG.cookie_name if handler.CONFIG else "missing-configuration"
    values = ("session=abc; theme=dark", "a=1", f"{cookie}=red")
    headers = {"cookie": [{"key": "Cookie", "value": v} for v in values]}
    template = {"uri": "/images/bags/tote.jpg", "headers": headers, "method": "GET", "querystring": ""}
    config = {"eventType": "origin-request", "distributionId": "EDFDVBD6EXAMPLE"}

    def send() -> None:
        event = {"Records": [{"cf": {"config": config, "request": {**template}}}]}
        if handler.lambda_handler(event, None)["uri"] != "/images/bags/tote-red.jpg":
            raise SystemExit("edge_variant did not rewrite the bench request")

    return latencies(send, requests)


@measurement("edge_variant (Lambda@Edge origin request), in-process: 100,000 requests, three cookie headers")
def measure(context: Context) -> None:
    rate, p50, p99 = edge_variant_latencies()
    print(f"    {rate:,.0f} req/s  p50 {p50 * 1000:.1f} µs  p99 {p99 * 1000:.1f} µs  (viewer-request budget: 5 s)")
