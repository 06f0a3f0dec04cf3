"""`make bench`: the figures behind the speed targets, printed.

1. Plan and policy layers: how the test suite does them (one plan per shared root,
   the roots side by side, one checkov process per kind of scan) beside the naive
   way (one `terraform plan` per case, one checkov run per folder): Terraform
   processes started and time. Then moto under concurrent requests, its own server
   beside the harness's (harness/emulators/race.py), the flake rate of the recorded
   fresh-clone runs of `make test` (tools/flake_rate.py), and the whole suite's wall
   time, serially beside the parallel workers `make test` uses.
2. The thumbnail handler on 12-, 24- and 48-megapixel JPEGs (memory stays bounded):
   images per second and peak memory, beside a plain `Image.open` + `thumbnail` +
   `save` handler, on the same emulator, each in a fresh process.
3. The decode bound: the worst JPEG constructed here (2,000 scans that code nothing over
   12 MP) decoded without it, beside the thumbnail handler refusing it. Then the
   handler's cold import time (every cold start pays it).
4. The order-events consumer: records per second on 10,000 SQS records in
   batches of 10, in-process against the emulator's DynamoDB table.
5. The order pipeline: enrichment + processing records per second on 10,000
   DynamoDB stream records in the pipe's batches of 10, in-process against the
   emulator's tables (one BatchGetItem per batch, one transaction per record).
6. The apply (and destroy) time of examples/order-fanout on the emulator.
7. API routes over HTTP on LocalStack (loopback): requests per second and p50/p99
   latency of the mock and SQS routes of examples/integration-types, beside a
   direct SQS SendMessage from boto3 to the same queue on the same emulator.
8. The orders API handler on a throwaway PostgreSQL (TLS): queries per second
   for 1,000 sequential warm invocations, and how many server connections they
   opened (the point of the pattern: one per warm environment, not one per call).
9. The claims workflow (examples/claims-processing, its definition as planned) on
   LocalStack's Step Functions interpreter with mocked tasks: executions per second,
   beside a one-state machine on the same interpreter (its own ceiling); and the
   largest state payload of a claim whose photo is a 10 MB upload, the mocked task
   answers being what the handlers return for it in-process (the model through
   botocore's Stubber), beside what the photo would weigh in the state.
10. The image labeler: 1,000 uploads through the handler in SQS batches of 10, in-process
   against the emulator's S3 and DynamoDB (50 images to a table: moto deep-copies a table
   for every item of a transaction), Rekognition answering 12 labels through botocore's
   Stubber: images and label entries written per second.
11. `make cost` (every example's estimate): with the plan kept from an earlier run (or
   the test session's), and with none kept (the examples planned once, in one root),
   beside the naive way (one plan per example); target 30 s.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote_plus

from harness.authorization import least_privilege
from harness.build import function_zip
from harness.emulators.servers import Emulator, patched_environ, running_emulator
from harness.paths import REPO
from harness.terraform.diagnostics import plan_errors
from harness.terraform.roots import ROOT_PROVIDERS, ROOTS, assemble, standalone_cases
from harness.terraform.staging import cli_env, link_repo, stage, terraform
from tools import flake_rate
from tools.policy import hcl_command, hcl_targets, run_scans, stage_targets

ROUNDS = 3


def load_deployed(*names: str, example: str | None = None) -> None:
    """Put those functions' built zips first on sys.path: the code timed is the code as deployed,
    an example's settings too, and `python -m tools.bench` has no lambda_src/ on its path."""
    for name in names:
        sys.path.insert(0, str(function_zip(name, example)))


# --------------------------------------------------------------------------- layers


def ours(emulator: Emulator, scratch: Path) -> tuple[float, int, int]:
    """As the parallel test session does it: each shared root planned once, the HCL scan
    once, the plan-JSON scan once, in two lanes for two cores (the plan root and its scan
    first, being the longest chain). Returns (seconds, terraform processes, checkov processes)."""
    env = {**os.environ, **emulator.env}
    plan_json = scratch / "plan.json"

    def plan_lane() -> None:
        plan = terraform(assemble("plan", scratch), env).plan(output=True)  # init, plan, show
        plan_json.write_text(json.dumps(plan._raw))
        run_scans(plan_json=plan_json, hcl=False)
        plan_errors(terraform(assemble("preconditions", scratch), env))  # init, plan

    def other_lane() -> None:
        run_scans()
        plan_errors(terraform(assemble("invalid", scratch), env))  # init, plan

    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        for lane in [pool.submit(plan_lane), pool.submit(other_lane)]:
            lane.result()
    return time.monotonic() - started, 3 + 2 * (len(ROOTS) - 1), 2


def suite_wall_times(workers: int) -> dict[str, float]:
    """`make test`'s pytest, serially (-n 0) and in `workers` workers, one after the other on
    this machine: wall seconds each. Each run starts its own emulators."""
    times = {}
    for label, args in (("serial", ["-n", "0"]), (f"{workers} workers", ["-n", str(workers)])):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
            cwd=REPO, capture_output=True, text=True, check=False, timeout=7200,
        )  # fmt: skip
        times[label] = time.monotonic() - started
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
        print(f"    {label:10}: {times[label]:6.0f} s  ({summary.strip('= ')})")
    return times


def naive(emulator: Emulator, scratch: Path) -> tuple[float, int, int, int]:
    """One root per case (init + plan, + show for valid cases), one checkov run per folder."""
    env = cli_env({**os.environ, **emulator.env})
    processes = cases_run = 0
    started = time.monotonic()
    link_repo(scratch)
    providers = ROOT_PROVIDERS.read_text()
    for root in ROOTS:
        for name, file_name, content in standalone_cases(root):
            case_dir = scratch / "tests" / "naive" / f"{root}_{name}"  # the depth of tests/roots/<root>
            case_dir.mkdir(parents=True)
            (case_dir / "providers.tf").write_text(providers)
            (case_dir / file_name).write_text(content)
            commands = [["init", "-input=false"], ["plan", "-input=false", "-out=plan.tfplan"]]
            if root == "plan":
                commands.append(["show", "-json", "plan.tfplan"])
            for args in commands:
                result = subprocess.run(
                    ["terraform", *args], cwd=case_dir, env=env, capture_output=True, check=False, timeout=600
                )
                processes += 1
                if result.returncode != 0:
                    if root == "plan" or args[0] == "init":
                        raise RuntimeError(f"naive {name}: terraform {args[0]} failed:\n{result.stderr[-1500:]}")
                    break  # an invalid case stops at plan, as intended
            cases_run += 1
    checkov_runs = 0
    for target in hcl_targets():
        with tempfile.TemporaryDirectory() as one:
            subprocess.run(
                hcl_command(stage_targets([target], Path(one))), capture_output=True, check=False, timeout=600
            )
            checkov_runs += 1
    return time.monotonic() - started, processes, checkov_runs, cases_run


# --------------------------------------------------------------------------- handler


def plain_handler(s3, event: dict) -> None:
    """The handler most tutorials show: what ours is measured against."""
    from PIL import Image

    for record in event["Records"]:
        bucket, key = record["s3"]["bucket"]["name"], unquote_plus(record["s3"]["object"]["key"])
        image = Image.open(io.BytesIO(s3.get_object(Bucket=bucket, Key=key)["Body"].read()))
        image.thumbnail((256, 256))
        out = io.BytesIO()
        image.save(out, "JPEG")
        s3.put_object(Bucket=bucket, Key="plain/" + key, Body=out.getvalue())


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark. (ru_maxrss would not do: Linux
    carries it across exec, so a child reports its parent's peak.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def worker(variant: str, bucket: str, keys: list[str]) -> dict:
    """Runs in a fresh process: handle one event per image, report speed and peak RSS."""
    import boto3

    from harness.runtime.events import LambdaContext, s3_event, s3_object_created

    s3 = boto3.client("s3")
    heads = {key: s3.head_object(Bucket=bucket, Key=key) for key in keys}
    events = [s3_event(s3_object_created(bucket, k, h["ContentLength"], h["ETag"])) for k, h in heads.items()]
    if variant == "ours":
        load_deployed("thumbnail")
        from thumbnail.handler import lambda_handler

        def run(event: dict) -> None:
            result = lambda_handler(event, LambdaContext("bench"))
            assert result["thumbnails"], result

    else:
        from PIL import Image  # noqa: F401 (imported before the baseline, like ours)

        def run(event: dict) -> None:
            plain_handler(s3, event)

    run(events[0])  # warm: the first call pays one-off set-up (a warm Lambda has paid it)
    baseline = peak_rss_mb()
    started = time.perf_counter()
    for event in events:
        run(event)
    elapsed = time.perf_counter() - started
    peak = peak_rss_mb()
    return {"images_per_s": len(events) / elapsed, "peak_mb": peak, "baseline_mb": baseline}


def run_worker(variant: str, bucket: str, keys: list[str], env: dict[str, str]) -> dict:
    cmd = [sys.executable, "-m", "tools.bench", "--worker", variant, "--bucket", bucket, "--keys", ",".join(keys)]
    worker_env = {**os.environ, **env, "POWERTOOLS_LOG_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
    result = subprocess.run(cmd, env=worker_env, capture_output=True, text=True, check=True, cwd=REPO, timeout=1200)
    return json.loads(result.stdout.strip().splitlines()[-1])


def scan_bomb_timings(scans: int = 2000) -> list[tuple[str, float, str]]:
    """The worst JPEG constructed here (harness.runtime.images.progressive_scan_bomb): Pillow
    decoding it as the handlers did, beside the thumbnail and validation handlers' bound."""
    import io as _io

    from PIL import Image

    from harness.runtime import images

    load_deployed("thumbnail")  # the built zip, jpeg_scans bundled in it
    from thumbnail.imaging import ImageRejected, make_thumbnail
    from thumbnail.settings import Settings

    bomb = images.progressive_scan_bomb(4000, 3000, scans)
    timings = []
    started = time.perf_counter()
    with Image.open(_io.BytesIO(bomb)) as image:
        image.draft("L", (500, 375))
        image.load()
    timings.append(
        (f"unbounded decode, {len(bomb) // 1024} KB, {scans + 6} scans", time.perf_counter() - started, "decoded")
    )
    started = time.perf_counter()
    try:
        make_thumbnail(bomb, Settings())
        answer = "NOT REFUSED"
    except ImageRejected as rejected:
        answer = f"refused: {rejected.reason[:60]}"
    timings.append(("thumbnail handler (jpeg_scans bound)", time.perf_counter() - started, answer))
    return timings


def cold_import(env: dict[str, str], runs: int = 7) -> float:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); "
        "import thumbnail.handler; print(time.perf_counter() - t)"
    )
    package = str(function_zip("thumbnail"))
    times = [
        float(subprocess.run([sys.executable, "-c", code, package], env={**os.environ, **env}, capture_output=True,
                             text=True, check=True, timeout=120).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(times)


# --------------------------------------------------------------------------- fan-out


def consumer_throughput(records: int = 10_000, batch: int = 10) -> float:
    """Records per second through order_events.handler (every batch must fully succeed)."""
    import hashlib
    import uuid

    import boto3

    from harness.runtime.events import LambdaContext, sqs_event
    from harness.runtime.stores import create_table

    dynamodb = boto3.client("dynamodb")
    table = create_table(dynamodb, f"bench-processed-{uuid.uuid4().hex[:6]}", "pk")
    load_deployed("order_events")
    with patched_environ({"PROCESSED_TABLE": table, "CONSUMER_NAME": "bench", "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        from order_events.handler import lambda_handler

        events = []
        for start in range(0, records, batch):
            messages = []
            for i in range(start, min(start + batch, records)):
                body = json.dumps(
                    {"event_id": f"e-{i}", "order_id": f"o-{i}", "status": "PAID", "amount": 1, "currency": "EUR"}
                )
                messages.append({"MessageId": str(uuid.uuid4()), "ReceiptHandle": "r", "Body": body,
                                 "MD5OfBody": hashlib.md5(body.encode()).hexdigest(), "Attributes": {}})  # noqa: S324  # fmt: skip
            events.append(sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:bench"))
        started = time.perf_counter()
        for event in events:
            assert lambda_handler(event, LambdaContext("bench"))["batchItemFailures"] == []
        elapsed = time.perf_counter() - started
    return records / elapsed


def pipeline_throughput(
    records: int = 10_000, batch: int = 10, customers: int = 100, chunk: int = 50
) -> tuple[float, float, float]:
    """Records per second through enrichment then processor, and each stage's share of the time."""
    import uuid
    from decimal import Decimal

    import boto3

    from harness.runtime.events import LambdaContext, dynamodb_stream_record

    suffix = uuid.uuid4().hex[:6]
    names = {
        "orders": f"bench-orders-{suffix}",
        "customers": f"bench-customers-{suffix}",
        "audit": f"bench-audit-{suffix}",
    }
    keys = {"orders": ["order_id"], "customers": ["customer_id"], "audit": ["order_id", "entry"]}
    dynamodb = boto3.resource("dynamodb")
    for table, key_names in keys.items():
        dynamodb.create_table(
            TableName=names[table],
            AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in key_names],
            KeySchema=[{"AttributeName": k, "KeyType": t} for k, t in zip(key_names, ("HASH", "RANGE"), strict=False)],
            BillingMode="PAY_PER_REQUEST",
        )
    with dynamodb.Table(names["customers"]).batch_writer() as writer:
        for c in range(customers):
            writer.put_item(Item={"customer_id": f"c-{c}", "name": f"Customer {c}", "email": f"{c}@example.com"})
    orders, audit = dynamodb.Table(names["orders"]), dynamodb.Table(names["audit"])

    load_deployed("order_enrichment", "order_processor")
    environment = {
        "CUSTOMERS_TABLE": names["customers"],
        "ORDERS_TABLE": names["orders"],
        "AUDIT_TABLE": names["audit"],
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    with patched_environ(environment):
        from order_enrichment.handler import lambda_handler as enrich
        from order_processor.handler import lambda_handler as process

        enriching = processing = 0.0
        # moto deep-copies each table a transaction touches (its rollback), an emulator
        # cost that grows with the data; orders are written and cleared in chunks
        # outside the timing so the figure is the handlers' and a small table's.
        for chunk_start in range(0, records, chunk):
            images = [
                {"order_id": f"o-{i}", "customer_id": f"c-{i % customers}", "status": "NEW",
                 "amount": Decimal("9.99"), "currency": "EUR"}
                for i in range(chunk_start, min(chunk_start + chunk, records))
            ]  # fmt: skip
            with orders.batch_writer() as writer:
                for image in images:
                    writer.put_item(Item=image)
            stream = [dynamodb_stream_record("INSERT", {"order_id": im["order_id"]}, new_image=im) for im in images]
            for start in range(0, len(stream), batch):
                started = time.perf_counter()
                enriched = enrich(stream[start : start + batch], LambdaContext("bench-enrichment"))
                middle = time.perf_counter()
                assert process(enriched, LambdaContext("bench-processor")) == {"batchItemFailures": []}
                enriching, processing = enriching + middle - started, processing + time.perf_counter() - middle
            with orders.batch_writer() as order_writer, audit.batch_writer() as audit_writer:
                for image in images:
                    order_writer.delete_item(Key={"order_id": image["order_id"]})
                    audit_writer.delete_item(Key={"order_id": image["order_id"], "entry": "status#PROCESSING"})
    total = enriching + processing
    return records / total, enriching / total, processing / total


def latencies(send, requests: int) -> tuple[float, float, float]:
    """Sequential calls: requests per second, p50 and p99 in ms."""
    timings = []
    started = time.perf_counter()
    for _ in range(requests):
        before = time.perf_counter()
        send()
        timings.append((time.perf_counter() - before) * 1000)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(timings, n=100)
    return requests / elapsed, cuts[49], cuts[98]


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


def api_routes(scratch: Path, requests: int = 500) -> dict[str, tuple[float, float, float]]:
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


def orders_api(invocations: int = 1000) -> tuple[float, int, int]:
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


def example_apply_time(emulator: Emulator, scratch: Path, example: str) -> tuple[float, float]:
    tf = terraform(stage(example, scratch, emulator_kind=emulator.kind), {**os.environ, **emulator.env})
    started = time.monotonic()
    try:
        tf.apply()
        applied = time.monotonic() - started
    finally:
        started = time.monotonic()
        tf.destroy(auto_approve=True)
    return applied, time.monotonic() - started


# --------------------------------------------------------------------------- claims workflow


def claims_definitions(emulator: Emulator, scratch: Path) -> dict[str, str]:
    """The claims example's two definitions, as Terraform renders them."""
    tf = terraform(
        stage("examples/claims-processing", scratch, emulator_kind=emulator.kind), {**os.environ, **emulator.env}
    )
    changes = tf.plan(output=True).resource_changes
    return {name: changes[f"module.{name}.aws_sfn_state_machine.this[0]"]["change"]["after"]["definition"]
            for name in ("claims", "intake")}  # fmt: skip


def claim_task_answers(photo_bytes: int) -> dict[str, dict]:
    """What validation, analysis and history return for one uploaded photo of about photo_bytes,
    run in-process against the emulator's S3 and DynamoDB, Bedrock through the Stubber."""
    import importlib

    import boto3
    from botocore.stub import Stubber
    from PIL import Image

    from harness.runtime.events import LambdaContext
    from harness.runtime.stores import converse_answer, create_table

    side = int((photo_bytes / 3) ** 0.5)
    photo = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(photo, "PNG", compress_level=1)
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    s3.create_bucket(Bucket="claims-bench")
    s3.put_bucket_versioning(Bucket="claims-bench", VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket="claims-bench", Key="incoming/cust-1/photo.png", Body=photo.getvalue())["VersionId"]
    create_table(dynamodb, "claims-bench-context", "claim_id")
    claim = {
        "claim_id": "claim-bench",
        "bucket": "claims-bench",
        "key": "incoming/cust-1/photo.png",
        "version_id": version,
    }
    env = {
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "MODEL_ID": "amazon.nova-pro-v1:0",
        "SUMMARY_MODEL_ID": "amazon.nova-micro-v1:0",
        "ARTIFACTS_BUCKET": "claims-bench",
        "CONTEXT_TABLE": "claims-bench-context",
    }
    assessment = {
        "damage_type": "crushed front wing",
        "estimated_cost": 850.0,
        "severity_score": 2,
        "confidence_score": 0.9,
    }

    load_deployed("claim_validation", "damage_analysis", "claim_history")
    with patched_environ(env):
        validation = importlib.import_module("claim_validation.handler")
        analysis = importlib.import_module("damage_analysis.handler")
        history = importlib.import_module("claim_history.handler")
        verdict = validation.lambda_handler(claim, LambdaContext("validate"))
        with Stubber(analysis.bedrock) as bedrock:
            bedrock.add_response("converse", converse_answer(json.dumps(assessment)))
            analysed = analysis.lambda_handler({**claim, "format": verdict["format"]}, LambdaContext("analyse"))
        with Stubber(history.bedrock) as bedrock:
            bedrock.add_response(
                "converse", converse_answer("The front wing is crushed; a repair near 850 looks right. " * 3)
            )
            checkpointed = history.lambda_handler({"claim_id": "claim-bench", "analysis": analysed}, LambdaContext("h"))
    return {
        "claim": claim,
        "photo": {"bytes": len(photo.getvalue())},
        "validation": verdict,
        "analysis": analysed,
        "history": checkpointed,
    }


def claims_workflow(emulator: Emulator, scratch: Path, executions: int = 20) -> dict[str, float]:
    from harness.runtime.stepfunctions import MockConfig, returns, run, wait

    definitions = claims_definitions(emulator, scratch / "claims-plan")
    with patched_environ(emulator.env):
        answers = claim_task_answers(10 * 1024 * 1024)
    policy = {"Item": {"customer_id": {"S": "cust-1"}, "policy_id": {"S": "POL-1"}, "coverage_limit": {"N": "5000"},
                       "auto_approval_limit": {"N": "1000"}, "deductible": {"N": "150"}}}  # fmt: skip
    states = {
        "Register claim": {"0": returns({})},
        "Validate input": {"0": returns({"Payload": answers["validation"]})},
        "Analyse damage": {"0": returns({"Payload": answers["analysis"]})},
        "Checkpoint context": {"0": returns({"Payload": answers["history"]})},
        "Fetch policy": {"0": returns(policy)},
        "Request review": {"0": returns({"decision": "APPROVED", "amount": 800, "adjuster": "ana", "note": ""})},
        "Record outcome": {"0": returns({})},
    }
    mocks = MockConfig()
    mocks.case("claims", "Measured", states)
    reviewed = dict(
        states, **{"Fetch policy": {"0": returns({"Item": {**policy["Item"], "auto_approval_limit": {"N": "100"}}})}}
    )
    mocks.case("claims", "MeasuredReview", reviewed)
    claim = answers["claim"]
    with running_emulator(scratch / "localstack-sfn.log", kind="localstack") as localstack:
        mocks.write(localstack.sfn_mock_config)
        sfn = localstack.client("stepfunctions")
        role = "arn:aws:iam::000000000000:role/bench"
        claims = sfn.create_state_machine(name="claims", definition=definitions["claims"], roleArn=role)[
            "stateMachineArn"
        ]
        one_state = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
        floor = sfn.create_state_machine(name="one-state", definition=one_state, roleArn=role)["stateMachineArn"]
        largest = max(run(sfn, claims, case, claim).largest_payload() for case in ("Measured", "MeasuredReview"))

        def throughput(arn: str) -> float:
            started = time.monotonic()
            arns = [
                sfn.start_execution(stateMachineArn=arn, input=json.dumps(claim))["executionArn"]
                for _ in range(executions)
            ]
            assert {wait(sfn, a)["status"] for a in arns} == {"SUCCEEDED"}  # no history read: not part of the rate
            return executions / (time.monotonic() - started)

        return {
            "claims_per_s": throughput(f"{claims}#Measured"),
            "one_state_per_s": throughput(floor),
            "largest_payload": largest,
            "photo_bytes": answers["photo"]["bytes"],
        }


# --------------------------------------------------------------------------- main


def labeler_throughput(uploads: int = 1000, labels: int = 12, per_table: int = 50) -> tuple[float, float]:
    """Images labeled and label entries written per second (one transaction per image).

    moto deep-copies the whole table for every item of a TransactWriteItems call, so on one
    table of thousands of entries the figure would be moto's; each table here takes
    `per_table` images, and only the handler's work is timed."""
    import hashlib
    import importlib
    import uuid

    import boto3
    from botocore.stub import Stubber

    from harness.runtime import images
    from harness.runtime.events import LambdaContext, s3_event, s3_object_created, sqs_event

    name = f"bench-labels-{uuid.uuid4().hex[:8]}"
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    s3.create_bucket(Bucket=name)
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    attributes = [{"AttributeName": k, "AttributeType": "S"} for k in ("pk", "sk")]
    # The handler logs every image at INFO; the bench reads only its own figures.
    os.environ.update({"MAX_LABELS": "20", "MIN_CONFIDENCE": "80", "POWERTOOLS_LOG_LEVEL": "WARNING"})
    load_deployed("image_labels")
    handler = importlib.import_module("image_labels.handler")
    photo = images.jpeg(64, 48)
    messages = []
    for i in range(uploads):
        key = f"images/bench/{i:05d}.jpg"
        etag = s3.put_object(Bucket=name, Key=key, Body=photo)["ETag"]
        body = json.dumps(s3_event(s3_object_created(name, key, len(photo), etag, sequencer=f"{i + 1:016X}")))
        digest = hashlib.md5(body.encode()).hexdigest()  # noqa: S324 - what SQS sends
        messages.append({"MessageId": str(uuid.uuid4()), "ReceiptHandle": "r", "Body": body, "MD5OfBody": digest})
    answer = {"Labels": [{"Name": f"Label {n}", "Confidence": 90.0} for n in range(labels)], "LabelModelVersion": "3.0"}
    elapsed = 0.0
    with Stubber(handler.rekognition) as stubber:
        for _ in messages:
            stubber.add_response("detect_labels", answer)
        for first in range(0, uploads, per_table):
            table = f"{name}-{first // per_table}"
            dynamodb.create_table(
                TableName=table, KeySchema=keys, AttributeDefinitions=attributes, BillingMode="PAY_PER_REQUEST"
            )
            os.environ["LABELS_TABLE"] = table
            handler.settings.cache_clear()
            started = time.perf_counter()
            for start in range(first, min(first + per_table, uploads), 10):
                event = sqs_event(messages[start : start + 10], "arn:aws:sqs:us-east-1:123456789012:uploads")
                result = handler.lambda_handler(event, LambdaContext("bench"))
                assert result == {"batchItemFailures": []}, result
            elapsed += time.perf_counter() - started
    return uploads / elapsed, uploads * labels / elapsed


def cost_timings(emulator: Emulator, scratch: Path, naive_too: bool) -> dict[str, float]:
    """Wall time of `python -m tools.cost estimate --all` without a kept plan, then with the
    plan that run kept; and, naively, one init + plan + show per example."""
    plans = scratch / "plans"
    command = [sys.executable, "-m", "tools.cost", "estimate", "--all", "--plans", str(plans)]
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}  # the tool starts its own moto
    times = {}
    for label in ("no plan kept", "plan kept"):
        started = time.monotonic()
        subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
        times[label] = time.monotonic() - started
    if naive_too:
        started = time.monotonic()
        link_repo(scratch / "naive")
        for call, file_name, content in standalone_cases("plan"):
            if not call.startswith("example_"):
                continue
            root = scratch / "naive" / "tests" / "naive" / call  # the depth of tests/roots/<root>
            root.mkdir(parents=True)
            shutil.copy(ROOT_PROVIDERS, root / ROOT_PROVIDERS.name)
            (root / file_name).write_text(content)
            terraform(root, {**os.environ, **emulator.env}).plan(output=True)
        times["one plan per example"] = time.monotonic() - started
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", choices=["ours", "plain"])
    parser.add_argument("--bucket")
    parser.add_argument("--keys")
    parser.add_argument("--images", type=int, default=16, help="12 MP JPEGs per handler run")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow naive plan/policy measurement")
    parser.add_argument("--skip-apply", action="store_true", help="skip the example apply timing")
    parser.add_argument("--skip-api", action="store_true", help="skip the API routes on LocalStack")
    parser.add_argument("--skip-suite", action="store_true", help="skip timing the whole test suite twice")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("PYTEST_WORKERS", "6")))
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.bucket, args.keys.split(","))))
        return 0

    with tempfile.TemporaryDirectory(prefix="asm-bench-") as tmp, running_emulator(Path(tmp) / "emu.log") as emulator:
        scratch = Path(tmp)
        print(f"==> Emulator {emulator.endpoint}; {os.cpu_count()} cores\n")

        print("==> Plan and policy layers (every module case, example and bad input in the repo)")
        seconds, tf_processes, checkov_processes = ours(emulator, scratch / "ours")
        cases = sum(len(standalone_cases(root)) for root in ROOTS)
        print(f"    ours : {seconds:6.1f} s  {tf_processes:3d} terraform processes, {checkov_processes} checkov  "
              f"({cases} cases)")  # fmt: skip
        if not args.skip_naive:
            seconds_n, tf_n, checkov_n, cases_n = naive(emulator, scratch / "naive")
            print(f"    naive: {seconds_n:6.1f} s  {tf_n:3d} terraform processes, {checkov_n} checkov  "
                  f"(one root per case, one checkov per folder; {cases_n} cases)")  # fmt: skip
            print(f"    speed-up {seconds_n / seconds:.1f}x")
        shutil.rmtree(scratch / "ours", ignore_errors=True)

        print("\n==> moto under concurrent requests (4 threads creating log groups, 4 listing them)")
        raced = subprocess.run(
            [sys.executable, "-m", "harness.emulators.race"], capture_output=True, text=True, check=True, cwd=REPO
        )
        print("\n".join(f"    {line}" for line in raced.stdout.splitlines()))

        print("\n==> make test from fresh clones (python -m tools.flake_rate; make flake-rate RUNS=5 adds runs)")
        print("\n".join(f"    {line}" for line in flake_rate.report(flake_rate.recorded()).splitlines()))

        if not args.skip_suite:
            print(f"\n==> The test suite (make test's pytest), serially beside {args.workers} workers")
            times = suite_wall_times(args.workers)
            print(f"    speed-up {times['serial'] / times[f'{args.workers} workers']:.1f}x")

        print("\n==> Thumbnail handler, in-process against the emulator's S3 (one event per image)")
        import boto3

        from harness.runtime import images

        with patched_environ(emulator.env):
            s3 = boto3.client("s3")
            s3.create_bucket(Bucket="bench")
            for label, (width, height) in {"12 MP": (4000, 3000), "24 MP": (6000, 4000), "48 MP": (8000, 6000)}.items():
                count = args.images if label == "12 MP" else max(2, args.images // 4)
                with ThreadPoolExecutor(2) as pool:
                    bodies = list(pool.map(images.jpeg, [width] * count, [height] * count, [6] * count))
                keys = [f"images/{label.replace(' ', '')}/{i}.jpg" for i in range(count)]
                for key, body in zip(keys, bodies, strict=True):
                    s3.put_object(Bucket="bench", Key=key, Body=body)
                runs: dict[str, list[dict]] = {"plain": [], "ours": []}
                for _ in range(ROUNDS):  # alternate, so drift in the emulator hits both alike
                    for variant in runs:
                        runs[variant].append(run_worker(variant, "bench", keys, emulator.env))
                for variant, results in runs.items():
                    speed = statistics.median(r["images_per_s"] for r in results)
                    peak = max(r["peak_mb"] for r in results)
                    growth = max(r["peak_mb"] - r["baseline_mb"] for r in results)
                    print(f"    {label} {variant:5}: {speed:5.2f} images/s  peak RSS {peak:6.1f} MB "
                          f"(+{growth:5.1f} MB handling)  [median of {ROUNDS} runs x {count} images]")  # fmt: skip

        print("\n==> Decode work bounded: a progressive JPEG of scans that code nothing (12 MP, grey)")
        for label, seconds, answer in scan_bomb_timings():
            print(f"    {label:44} {seconds * 1000:9.0f} ms  {answer}")

        print("\n==> Cold import of thumbnail.handler (Powertools, boto3 client, Pillow's 5 decoders)")
        print(f"    median of 7 fresh processes: {cold_import(emulator.env) * 1000:.0f} ms")

        print("\n==> order_events consumer: 10,000 SQS records in batches of 10, in-process, emulator's DynamoDB")
        with patched_environ(emulator.env):
            rate = consumer_throughput()
        print(f"    {rate:,.0f} records/s (one conditional PutItem each)")

        print("\n==> order pipeline: 10,000 stream records in batches of 10, enrichment then processor, in-process")
        with patched_environ(emulator.env):
            rate, enriching, processing = pipeline_throughput()
        print(f"    {rate:,.0f} records/s end to end (enrichment {enriching:.0%} of the time, "
              f"processor {processing:.0%}): one BatchGetItem per batch, one transaction per record")  # fmt: skip

        if not args.skip_apply:
            print("\n==> examples/order-fanout on the emulator (3 consumers: 6 queues, 3 functions, topic, table)")
            emulator.reset()
            applied, destroyed = example_apply_time(emulator, scratch / "fanout", "examples/order-fanout")
            print(f"    apply {applied:.0f} s, destroy {destroyed:.0f} s (the AWS provider waits ~25 s per new queue)")

        print("\n==> orders API handler on a throwaway PostgreSQL 15 over TLS: 1,000 sequential warm invocations")
        with patched_environ(emulator.env):
            rate, opened, calls = orders_api()
        print(f"    {rate:,.0f} queries/s; {opened} server connection(s) opened for {calls} invocations")

        if not args.skip_api:
            print("\n==> API routes over HTTP on LocalStack (loopback), 500 sequential requests each")
            for label, (rate, p50, p99) in api_routes(scratch).items():
                print(f"    {label:28} {rate:6.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")

        print("\n==> Claims workflow on LocalStack's Step Functions interpreter, tasks mocked (20 executions at once)")
        figures = claims_workflow(emulator, scratch)
        print(
            f"    claims definition: {figures['claims_per_s']:5.1f} executions/s   "
            f"a one-state machine: {figures['one_state_per_s']:5.1f} executions/s (the interpreter's ceiling)"
        )
        print(f"    largest state payload for a {figures['photo_bytes'] / 2**20:.1f} MiB photo: "
              f"{figures['largest_payload'] / 1024:.1f} KiB (limit 256 KiB); the photo itself in the state, "
              f"base64: {figures['photo_bytes'] * 4 / 3 / 2**20:.1f} MiB")  # fmt: skip

        print("\n==> image labeler: 1,000 uploads in SQS batches of 10, in-process, emulator's S3 and DynamoDB")
        with patched_environ(emulator.env):
            images_per_s, entries_per_s = labeler_throughput()
        print(f"    {images_per_s:,.0f} images/s labeled, {entries_per_s:,.0f} label entries/s written "
              "(12 labels each, one transaction per image)")  # fmt: skip

        print("\n==> edge_variant (Lambda@Edge origin request), in-process: 100,000 requests, three cookie headers")
        rate, p50, p99 = edge_variant_latencies()
        print(f"    {rate:,.0f} req/s  p50 {p50 * 1000:.1f} µs  p99 {p99 * 1000:.1f} µs  (viewer-request budget: 5 s)")

        print("\n==> make cost: every example's monthly estimate (target: 30 s)")
        for label, seconds in cost_timings(emulator, scratch / "cost", not args.skip_naive).items():
            print(f"    {label:22} {seconds:6.1f} s")

    print("\n==> Least privilege: per role, granted actions no scenario of the last test run exercised")
    lines = least_privilege.report() if list(least_privilege.LEDGER_DIR.glob("ledger-*.json")) else []
    print("\n".join(f"    {line}" for line in lines) or "    no ledger: run make test first")
    return 0


if __name__ == "__main__":
    sys.exit(main())
