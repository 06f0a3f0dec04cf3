"""The thumbnail handler on 12-, 24- and 48-megapixel JPEGs (memory stays bounded): images per
second and peak memory, beside a plain `Image.open` + `thumbnail` + `save` handler, on the same
emulator, each in a fresh process (`python -m tools.bench.thumbnail --worker ours|plain`)."""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote_plus

from harness.emulators.servers import patched_environ
from harness.paths import REPO
from tools.bench import Context, measurement
from tools.bench.common import ROUNDS, load_deployed, peak_rss_mb


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
    cmd = [
        sys.executable,
        "-m",
        "tools.bench.thumbnail",
        "--worker",
        variant,
        "--bucket",
        bucket,
        "--keys",
        ",".join(keys),
    ]
    worker_env = {**os.environ, **env, "POWERTOOLS_LOG_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
    result = subprocess.run(cmd, env=worker_env, capture_output=True, text=True, check=True, cwd=REPO, timeout=1200)
    return json.loads(result.stdout.strip().splitlines()[-1])


@measurement("Thumbnail handler, in-process against the emulator's S3 (one event per image)", needs=("moto",))
def measure(context: Context) -> None:
    import boto3

    from harness.runtime import images

    emulator, count_12mp = context.emulator, context.args.images
    with patched_environ(emulator.env):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bench")
        for label, (width, height) in {"12 MP": (4000, 3000), "24 MP": (6000, 4000), "48 MP": (8000, 6000)}.items():
            count = count_12mp if label == "12 MP" else max(2, count_12mp // 4)
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="one handler run in a fresh process (the bench's worker)")
    parser.add_argument("--worker", choices=["ours", "plain"], required=True)
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--keys", required=True)
    arguments = parser.parse_args()
    print(json.dumps(worker(arguments.worker, arguments.bucket, arguments.keys.split(","))))
