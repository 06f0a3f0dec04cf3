"""The decisions users ask about, with the arithmetic shown: standard Lambda or Lambda Managed
Instances, EventBridge Pipes or SNS plus SQS, Fargate on demand or with a Spot share."""

from __future__ import annotations

import math
from decimal import Decimal

from tools.cost.prices import CostInputError, PriceTable
from tools.cost.render import Comparison, Line, Option, money, quantity
from tools.cost.resources import GIB, SECONDS_PER_HOUR, chunks, fargate_split, queue_requests
from tools.cost.usage import HOURS_PER_MONTH

LMI_DEFAULT_INSTANCES = 3  # what Lambda starts for a capacity provider, one per Availability Zone


def _positive(name: str, value: Decimal, allow_zero: bool = False) -> Decimal:
    if value < 0 or (value == 0 and not allow_zero):
        raise CostInputError(f"{name} is {value}: it must be {'zero or more' if allow_zero else 'more than zero'}")
    return value


def _percent(name: str, value: Decimal | None) -> Decimal | None:
    if value is not None and not 0 <= value < 100:
        raise CostInputError(f"{name} is {value}: it must be a percentage from 0 to below 100")
    return value


def _saving(cheaper: Decimal, dearer: Decimal) -> str:
    return f"{(1 - cheaper / dearer) * 100:.1f}%" if dearer else "n/a"


def _price_text(value: Decimal) -> str:
    return "$" + format(value.normalize(), "f")


# ------------------------------------------------------------------ Lambda Managed Instances


def lambda_managed_instances(
    table: PriceTable,
    *,
    requests_per_month: Decimal,
    duration_ms: Decimal,
    memory_mb: Decimal,
    instance_type: str,
    instances: int,
    architecture: str = "x86_64",
    savings_plan_discount: Decimal | None = None,
    instance_hourly_price: Decimal | None = None,
    hours: Decimal = HOURS_PER_MONTH,
    peak_factor: Decimal = Decimal(3),
    runtime: str = "python",
    concurrency_per_vcpu: Decimal | None = None,
) -> Comparison:
    requests = _positive("--requests-per-month", requests_per_month, allow_zero=True)
    seconds = _positive("--duration-ms", duration_ms) / 1000
    memory_gb = _positive("--memory-mb", memory_mb) / GIB
    _positive("--instances", Decimal(instances))
    _positive("--peak-factor", peak_factor)
    discount = _percent("--savings-plan-discount", savings_plan_discount)
    if architecture not in ("x86_64", "arm64"):
        raise CostInputError(f"--architecture is {architecture!r}: it must be x86_64 or arm64")
    instance = table.instance(instance_type)
    hourly = (
        instance.value if instance_hourly_price is None else _positive("--instance-hourly-price", instance_hourly_price)
    )
    if concurrency_per_vcpu is None:
        key = f"lambda.managed_instances.concurrency_per_vcpu.{runtime}"
        if key not in table.prices:
            have = ", ".join(k.rsplit(".", 1)[1] for k in table.prices if ".concurrency_per_vcpu." in k)
            raise CostInputError(f"--runtime is {runtime!r}: the table knows {have}; or give --concurrency-per-vcpu")
        concurrency_per_vcpu = table[key].value

    duration_price, request_price = table[f"lambda.duration.{architecture}"], table["lambda.requests"]
    gb_seconds = requests * seconds * memory_gb
    request_cost = request_price.cost(requests)
    requests_line = Line("requests", f"{quantity(requests)} × {request_price.describe()}", request_cost)
    standard = Option(
        f"Lambda ({architecture})",
        [
            Line(
                "compute",
                f"{quantity(requests)} × {quantity(seconds)} s × {quantity(memory_gb)} GB = "
                f"{quantity(gb_seconds)} GB-s × {duration_price.describe()}",
                duration_price.cost(gb_seconds),
            ),
            requests_line,
        ],
    )

    fee = table["lambda.managed_instances.management_fee"].value
    on_demand_fleet = instances * hourly * hours
    fee_line = Line(
        "management fee",
        f"{quantity(fee * 100)}% of the on-demand {money(on_demand_fleet)}",
        on_demand_fleet * fee,
    )
    lmi_requests = table["lambda.managed_instances.requests"]
    lmi_requests_line = Line(
        "requests", f"{quantity(requests)} × {lmi_requests.describe()}", lmi_requests.cost(requests)
    )
    fleet_text = f"{instances} × {instance_type} × {_price_text(hourly)}/h × {quantity(hours)} h"
    on_demand = Option(
        "Managed Instances, on demand", [Line("instances", fleet_text, on_demand_fleet), fee_line, lmi_requests_line]
    )
    options = [standard, on_demand]
    if discount is not None:
        discounted_fleet = on_demand_fleet * (1 - discount / 100)
        options.append(
            Option(
                f"Managed Instances, {quantity(discount)}% savings plan",
                [
                    Line("instances", f"{money(on_demand_fleet)} less {quantity(discount)}%", discounted_fleet),
                    fee_line,
                    lmi_requests_line,
                ],
            )
        )

    # Can the fleet carry the load? Concurrency at the peak against what its vCPUs allow.
    vcpus = Decimal(instance.attributes["vcpus"])
    average_rate = requests / (hours * SECONDS_PER_HOUR)
    needed = average_rate * seconds * peak_factor
    per_instance = vcpus * concurrency_per_vcpu
    capacity = instances * per_instance
    capacity_text = (
        f"needs {needed:.1f} concurrent requests at the peak ({average_rate:.2f} requests/s on average × "
        f"{quantity(seconds)} s × peak factor {quantity(peak_factor)}); {instances} × {instance_type} carry "
        f"{instances} × {vcpus} vCPUs × {quantity(concurrency_per_vcpu)} per vCPU ({runtime}) = {quantity(capacity)}"
    )
    findings = []
    enough = needed <= capacity
    if enough:
        findings.append(f"Capacity: enough. It {capacity_text}.")
        for option in options[1:]:
            verdict = "below" if option.total < standard.total else "above"
            findings.append(
                f"{option.name}: {money(option.total)}, {_saving(option.total, standard.total)} {verdict} "
                f"Lambda's {money(standard.total)}."
            )
    else:
        required = math.ceil(needed / per_instance)
        findings.append(
            f"Capacity: NOT ENOUGH. It {capacity_text}. A fleet that drops requests is not cheaper: "
            f"it takes {required} × {instance_type}, {money(required * hourly * hours * (1 + fee))} "
            f"before requests on demand."
        )
    per_request_compute = seconds * memory_gb * duration_price.value
    for option in options[1:]:
        fixed = option.total - lmi_requests_line.amount
        if per_request_compute:
            findings.append(
                f"Break-even with {option.name}: {quantity(Decimal(math.ceil(fixed / per_request_compute)))} "
                f"requests a month ({money(fixed)} fixed ÷ {_price_text(per_request_compute)} of compute per request); "
                "below that, standard Lambda costs less."
            )
    warnings = []
    if instances < LMI_DEFAULT_INSTANCES:
        warnings.append(
            f"Note: Lambda starts {LMI_DEFAULT_INSTANCES} instances by default, one per Availability Zone; "
            f"{instances} is below that."
        )
    warnings.append(
        "Lambda Managed Instances is not a module here: its Terraform resources need AWS provider 6.24 or later."
    )
    inputs = {
        "requests/month": quantity(requests),
        "duration": f"{quantity(duration_ms)} ms",
        "memory": f"{quantity(memory_mb)} MB",
        "instances": f"{instances} × {instance_type} at {_price_text(hourly)}/h",
    }
    if discount is not None:
        inputs["savings plan"] = f"{quantity(discount)}%"
    return Comparison("Lambda or Lambda Managed Instances", inputs, options, findings, warnings)


# ------------------------------------------------------------------ Pipes or SNS + SQS


def _lambda_lines(
    table: PriceTable, who: str, invocations: Decimal, milliseconds: Decimal, memory_mb: Decimal
) -> list[Line]:
    requests, duration = table["lambda.requests"], table["lambda.duration.x86_64"]
    gb_seconds = invocations * milliseconds / 1000 * memory_mb / GIB
    return [
        Line(f"{who} requests", f"{quantity(invocations)} × {requests.describe()}", requests.cost(invocations)),
        Line(
            f"{who} duration",
            f"{quantity(invocations)} × {quantity(milliseconds)} ms × {quantity(memory_mb)} MB"
            f" = {quantity(gb_seconds)} GB-s",
            duration.cost(gb_seconds),
        ),
    ]


def pipes_vs_sns_sqs(
    table: PriceTable,
    *,
    events_per_month: Decimal,
    payload_kb: Decimal = Decimal(1),
    batch_size: int = 10,
    duration_ms: Decimal = Decimal(100),
    publisher_duration_ms: Decimal = Decimal(50),
    memory_mb: Decimal = Decimal(256),
) -> Comparison:
    """The order pipeline (examples/order-pipeline) both ways: a pipe from the table's stream to
    the processor, or a publisher on the stream sending to a topic whose queue feeds the processor."""
    events = _positive("--events-per-month", events_per_month, allow_zero=True)
    payload = _positive("--payload-kb", payload_kb)
    batch = _positive("--batch-size", Decimal(batch_size))
    for name, value in (
        ("--duration-ms", duration_ms),
        ("--publisher-duration-ms", publisher_duration_ms),
        ("--memory-mb", memory_mb),
    ):
        _positive(name, value)
    per_event = Decimal(chunks(payload))
    batches = Decimal(math.ceil(events / batch))
    stream, pipe = table["dynamodb.streams.read"], table["pipes.requests"]

    pipes = Option(
        "EventBridge Pipes (order kept per shard)",
        [
            Line(
                "stream reads",
                f"{quantity(batches)} GetRecords (one per batch of {batch}) × {stream.describe()}",
                stream.cost(batches),
            ),
            Line(
                "pipe events",
                f"{quantity(events)} × {per_event} chunk(s) × {pipe.describe()}",
                pipe.cost(events * per_event),
            ),
            *_lambda_lines(table, "processor", batches, duration_ms, memory_mb),
        ],
    )

    def queue_line(kind: str) -> Line:
        price = table[f"sqs.{kind}"]
        sends, receives, deletes = queue_requests(events, payload, batch)
        return Line(
            f"SQS {kind} requests",
            f"{quantity(sends)} sends + {quantity(receives)} receives + {quantity(deletes)} deletes"
            f" (batches of {batch}) "
            f"× {price.describe()}",
            price.cost(sends + receives + deletes),
        )

    fan_in = [
        Line(
            "stream reads",
            f"{quantity(batches)} GetRecords by Lambda's event source mapping: {stream.note}",
            Decimal(0),
        ),
        *_lambda_lines(table, "publisher", batches, publisher_duration_ms, memory_mb),
    ]
    publish = table["sns.standard.publish"]
    standard = Option(
        "SNS + SQS standard (no order)",
        [
            *fan_in,
            Line(
                "SNS publishes",
                f"{quantity(events)} × {per_event} chunk(s) × {publish.describe()}",
                publish.cost(events * per_event),
            ),
            Line("SNS to SQS deliveries", table["sns.standard.delivery.sqs"].note, Decimal(0)),
            queue_line("standard"),
            *_lambda_lines(table, "processor", batches, duration_ms, memory_mb),
        ],
    )
    payload_gb = events * payload / GIB / GIB
    fifo_parts = [("sns.fifo.publish", events, "publishes"), ("sns.fifo.publish_payload", payload_gb, "GB published")]
    fifo_parts += [
        ("sns.fifo.delivery", events, "deliveries to the queue"),
        ("sns.fifo.delivery_payload", payload_gb, "GB delivered"),
    ]
    fifo = Option(
        "SNS FIFO + SQS FIFO (order kept per group)",
        [
            *fan_in,
            *(
                Line(f"SNS FIFO {what}", f"{quantity(amount)} × {table[key].describe()}", table[key].cost(amount))
                for key, amount, what in fifo_parts
            ),
            queue_line("fifo"),
            *_lambda_lines(table, "processor", batches, duration_ms, memory_mb),
        ],
    )
    options = [pipes, standard, fifo]
    cheapest = min(options, key=lambda o: o.total)
    findings = [f"Cheapest: {cheapest.name}, {money(cheapest.total)} a month."]
    for option in options:
        if option is not cheapest:
            findings.append(
                f"{option.name}: {money(option.total - cheapest.total)} more "
                f"({_saving(cheapest.total, option.total)} saved by the cheapest)."
            )

    def per_million(key: str) -> str:
        return money(table[key].cost(Decimal(10**6)))

    findings.append(
        f"Per million events: Pipes {per_million('pipes.requests')}, SNS {per_million('sns.standard.publish')}, "
        f"SQS FIFO {per_million('sqs.fifo')}, Lambda {per_million('lambda.requests')} plus duration; "
        f"stream reads {stream.describe()}."
    )
    inputs = {
        "events/month": quantity(events),
        "payload": f"{quantity(payload)} KB",
        "batch": str(batch),
        "processor": f"{quantity(duration_ms)} ms per batch at {quantity(memory_mb)} MB",
        "publisher": f"{quantity(publisher_duration_ms)} ms per batch",
    }
    return Comparison("EventBridge Pipes or SNS + SQS (the order pipeline)", inputs, options, findings)


# ------------------------------------------------------------------ Fargate Spot


def fargate_spot(
    table: PriceTable,
    *,
    tasks: Decimal = Decimal(4),
    base: int = 1,
    on_demand_weight: int = 1,
    spot_weight: int = 1,
    cpu: int = 256,
    memory: int = 512,
    architecture: str = "x86_64",
    spot_discount: Decimal = Decimal(70),
    hours: Decimal = HOURS_PER_MONTH,
) -> Comparison:
    """examples/web-service's capacity provider strategy (base 1 on FARGATE, then 1:1 with
    FARGATE_SPOT) priced against all on demand and all Spot."""
    _positive("--tasks", tasks)
    discount = _percent("--spot-discount", spot_discount) / 100
    for name, value in (("--base", base), ("--on-demand-weight", on_demand_weight), ("--spot-weight", spot_weight)):
        _positive(name, Decimal(value), allow_zero=True)
    if on_demand_weight + spot_weight == 0:
        raise CostInputError("--on-demand-weight and --spot-weight are both 0: one must be above 0")
    if architecture not in ("x86_64", "arm64"):
        raise CostInputError(f"--architecture is {architecture!r}: it must be x86_64 or arm64")
    vcpu, memory_gb = Decimal(cpu) / 1024, Decimal(memory) / 1024
    vcpu_price, memory_price = table[f"fargate.{architecture}.vcpu"], table[f"fargate.{architecture}.memory"]

    def lines(label: str, count: Decimal, off: Decimal) -> list[Line]:
        if not count:
            return []
        less = f" less {quantity(off * 100)}%" if off else ""
        task_hours = count * hours
        return [
            Line(
                f"{label} vCPU",
                f"{quantity(count)} tasks × {quantity(hours)} h × {quantity(vcpu)} vCPU × "
                f"{vcpu_price.describe()}{less}",
                vcpu_price.cost(task_hours * vcpu) * (1 - off),
            ),
            Line(
                f"{label} memory",
                f"{quantity(count)} tasks × {quantity(hours)} h × {quantity(memory_gb)} GB × "
                f"{memory_price.describe()}{less}",
                memory_price.cost(task_hours * memory_gb) * (1 - off),
            ),
        ]

    strategy = [
        {"capacity_provider": "FARGATE", "base": base, "weight": on_demand_weight},
        {"capacity_provider": "FARGATE_SPOT", "base": 0, "weight": spot_weight},
    ]
    on_demand_tasks, spot_tasks = fargate_split(tasks, strategy, None)
    options = [
        Option("All on demand", lines("on demand", tasks, Decimal(0))),
        Option(
            f"Base {base} on demand, then {on_demand_weight}:{spot_weight} with Spot",
            lines("on demand", on_demand_tasks, Decimal(0)) + lines("Spot", spot_tasks, discount),
        ),
        Option("All Spot", lines("Spot", tasks, discount)),
    ]
    mix = options[1]
    findings = [
        f"{mix.name}: {money(mix.total)}, {_saving(mix.total, options[0].total)} below all on demand "
        f"({money(options[0].total)}); {quantity(spot_tasks)} of {quantity(tasks)} tasks on Spot.",
        f"All Spot would be {money(options[2].total)}, but Spot tasks can be stopped with two minutes' notice: "
        f"the on-demand base keeps {base} task(s) serving when Spot capacity goes.",
        "The Spot discount is an input (--spot-discount): Spot prices move with spare capacity.",
    ]
    inputs = {
        "tasks": quantity(tasks),
        "task": f"{quantity(vcpu)} vCPU, {quantity(memory_gb)} GB, {architecture}",
        "strategy": f"FARGATE base {base} weight {on_demand_weight}, FARGATE_SPOT weight {spot_weight}",
        "Spot discount": f"{quantity(discount * 100)}%",
    }
    return Comparison("Fargate on demand or with a Spot share (examples/web-service)", inputs, options, findings)
