"""The order pipeline's enrichment and processor, run in-process on the batches
EventBridge Pipes delivers (an array of DynamoDB stream records), against the
emulator's DynamoDB. The order parsing is also tested on its own."""

from __future__ import annotations

import importlib
import uuid
from decimal import Decimal

import boto3
import pytest
from botocore.stub import Stubber

from function_settings import ConfigurationError
from harness.runtime.events import LambdaContext, dynamodb_stream_record
from order_enrichment.orders import MalformedOrder, NewOrder
from order_processor.events import EnrichedOrder, UnprocessableOrder

pytestmark = pytest.mark.unit

CUSTOMERS = {
    "c-1": {"customer_id": "c-1", "name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold"},
    "c-2": {"customer_id": "c-2", "name": "Alan Turing", "email": "alan@example.com", "tier": "silver"},
}


def new_order(order_id: str, customer_id: str = "c-1", **overrides) -> dict:
    image = {"order_id": order_id, "customer_id": customer_id, "status": "NEW", "amount": Decimal("19.90")}
    return {**image, "currency": "eur", **overrides}


def inserted(image: dict) -> dict:
    return dynamodb_stream_record("INSERT", {"order_id": image.get("order_id", "?")}, new_image=image)


# --- parsing, no AWS ---------------------------------------------------------------


def test_a_new_order_image_parses_with_an_exact_amount():
    order = NewOrder.from_image(new_order("o-1"))
    assert order.as_dict() == {"order_id": "o-1", "customer_id": "c-1", "amount": "19.90", "currency": "EUR"}


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        (None, "no NewImage"),
        (new_order("o-1", customer_id=""), "customer_id must be a non-empty string"),
        ({"order_id": "o-1", "customer_id": "c-1", "currency": "EUR"}, "amount must be a number"),
        (new_order("o-1", amount=Decimal(-5)), "amount must be a number >= 0"),
        (new_order("o-1", amount="lots"), "is not a number"),
        (new_order("o-1", currency=7), "currency 7 is not an ISO 4217 currency code"),
    ],
    ids=["no-image", "blank-customer", "no-amount", "negative", "text-amount", "numeric-currency"],
)
def test_malformed_order_images_are_refused_with_a_reason(image, reason):
    with pytest.raises(MalformedOrder, match=reason):
        NewOrder.from_image(image)


@pytest.mark.parametrize(
    ("enrichment", "reason"),
    [
        (None, "no enrichment"),
        ({"error": "customer 'c-9' not found"}, "enrichment failed: customer 'c-9' not found"),
        ({"order": {"order_id": "o-1"}}, "must hold an order and a customer"),
        ({"order": {"order_id": "o-1"}, "customer": {"name": "A", "email": "a@x"}}, "missing or mangles"),
        (
            {
                "order": {"order_id": "o-1", "customer_id": "c-1", "amount": "1", "currency": "EUR"},
                "customer": {"name": "", "email": "a@x"},
            },
            "non-empty strings",
        ),
    ],
    ids=["absent", "error", "no-customer", "missing-fields", "blank-name"],
)
def test_unusable_enrichments_are_refused_with_a_reason(enrichment, reason):
    with pytest.raises(UnprocessableOrder, match=reason):
        EnrichedOrder.from_enrichment(enrichment)


# --- handlers against the emulator ---------------------------------------------------


def create_table(name: str, *keys: str) -> str:
    boto3.client("dynamodb").create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in keys],
        KeySchema=[{"AttributeName": k, "KeyType": kind} for k, kind in zip(keys, ("HASH", "RANGE"), strict=False)],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


@pytest.fixture
def tables(emulator) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    tables = {
        "orders": create_table(f"orders-{suffix}", "order_id"),
        "customers": create_table(f"customers-{suffix}", "customer_id"),
        "audit": create_table(f"audit-{suffix}", "order_id", "entry"),
    }
    ddb = boto3.resource("dynamodb")
    for customer in CUSTOMERS.values():
        ddb.Table(tables["customers"]).put_item(Item=customer)
    return tables


@pytest.fixture
def enrichment(tables, monkeypatch):
    monkeypatch.setenv("CUSTOMERS_TABLE", tables["customers"])
    module = importlib.import_module("order_enrichment.handler")
    module.settings.cache_clear()
    yield module
    module.settings.cache_clear()


@pytest.fixture
def processor(tables, monkeypatch):
    monkeypatch.setenv("ORDERS_TABLE", tables["orders"])
    monkeypatch.setenv("AUDIT_TABLE", tables["audit"])
    module = importlib.import_module("order_processor.handler")
    module.settings.cache_clear()
    yield module
    module.settings.cache_clear()


def store_orders(tables: dict[str, str], *images: dict) -> list[dict]:
    """Write orders as the order service does; return the INSERT records their stream carries."""
    table = boto3.resource("dynamodb").Table(tables["orders"])
    for image in images:
        table.put_item(Item=image)
    return [inserted(image) for image in images]


def order_item(tables: dict[str, str], order_id: str) -> dict:
    return boto3.resource("dynamodb").Table(tables["orders"]).get_item(Key={"order_id": order_id})["Item"]


def audit_items(tables: dict[str, str]) -> list[dict]:
    return boto3.resource("dynamodb").Table(tables["audit"]).scan()["Items"]


def test_enrichment_adds_the_customer_and_keeps_every_record_in_order(enrichment, tables):
    batch = [inserted(new_order("o-1")), inserted(new_order("o-2", "c-2")), inserted(new_order("o-3"))]
    enriched = enrichment.lambda_handler(batch, LambdaContext("order-enrichment"))

    assert [r["eventID"] for r in enriched] == [r["eventID"] for r in batch]
    assert [r["enrichment"]["customer"]["name"] for r in enriched] == ["Ada Lovelace", "Alan Turing", "Ada Lovelace"]
    assert enriched[1]["enrichment"]["order"] == {
        "order_id": "o-2",
        "customer_id": "c-2",
        "amount": "19.90",
        "currency": "EUR",
    }
    assert enriched[0]["dynamodb"] == batch[0]["dynamodb"]  # the stream record itself goes on untouched


def test_enrichment_marks_bad_records_instead_of_failing_the_batch(enrichment):
    malformed = inserted({"order_id": "o-bad", "customer_id": "c-1", "status": "NEW", "currency": "EUR"})
    unknown = inserted(new_order("o-2", "c-9"))
    enriched = enrichment.lambda_handler([malformed, unknown, inserted(new_order("o-3"))], LambdaContext())

    assert enriched[0]["enrichment"] == {"error": "amount must be a number, got nothing"}
    assert enriched[1]["enrichment"]["error"] == "customer 'c-9' not found"
    assert enriched[2]["enrichment"]["customer"]["customer_id"] == "c-1"


def test_enrichment_reads_customers_in_pages_of_one_hundred(enrichment, tables):
    ddb = boto3.resource("dynamodb").Table(tables["customers"])
    with ddb.batch_writer() as writer:
        for i in range(150):
            writer.put_item(Item={"customer_id": f"bulk-{i}", "name": f"N{i}", "email": f"{i}@x", "tier": "std"})
    batch = [inserted(new_order(f"o-{i}", f"bulk-{i}")) for i in range(150)]
    enriched = enrichment.lambda_handler(batch, LambdaContext())
    assert [r["enrichment"]["customer"]["name"] for r in enriched] == [f"N{i}" for i in range(150)]


def test_enrichment_refuses_a_payload_that_is_not_a_batch(enrichment):
    assert enrichment.lambda_handler({"Records": []}, LambdaContext()) == []


def test_processor_marks_orders_processing_and_audits_each_once(enrichment, processor, tables):
    batch = store_orders(tables, new_order("o-1"), new_order("o-2", "c-2"))
    delivered = enrichment.lambda_handler(batch, LambdaContext())

    assert processor.lambda_handler(delivered, LambdaContext("order-processor")) == {"batchItemFailures": []}

    order = order_item(tables, "o-2")
    assert (order["status"], order["customer_name"], order["customer_email"]) == (
        "PROCESSING",
        "Alan Turing",
        "alan@example.com",
    )
    audit = sorted(audit_items(tables), key=lambda item: item["order_id"])
    assert [(a["order_id"], a["entry"], a["from_status"], a["to_status"]) for a in audit] == [
        ("o-1", "status#PROCESSING", "NEW", "PROCESSING"),
        ("o-2", "status#PROCESSING", "NEW", "PROCESSING"),
    ]
    assert audit[0]["amount"] == Decimal("19.90") and audit[0]["stream_event_id"] == batch[0]["eventID"]

    # The pipe delivers the same batch again (a retry after a timeout, say): nothing changes.
    first = {a["order_id"]: a["at"] for a in audit}
    assert processor.lambda_handler(delivered, LambdaContext()) == {"batchItemFailures": []}
    assert {a["order_id"]: a["at"] for a in audit_items(tables)} == first


def test_processor_reports_bad_records_by_event_id_and_processes_the_rest(enrichment, processor, tables):
    good = store_orders(tables, new_order("o-1"), new_order("o-3"))
    unknown_customer = store_orders(tables, new_order("o-2", "c-9"))[0]
    malformed = inserted({"order_id": "o-4", "status": "NEW"})
    batch = [good[0], unknown_customer, malformed, good[1]]

    result = processor.lambda_handler(enrichment.lambda_handler(batch, LambdaContext()), LambdaContext())

    # Pipes identifies a failed stream record by its eventID (Lambda's ESM uses the sequence number).
    assert result == {
        "batchItemFailures": [{"itemIdentifier": unknown_customer["eventID"]}, {"itemIdentifier": malformed["eventID"]}]
    }
    assert order_item(tables, "o-2")["status"] == "NEW"
    assert {a["order_id"] for a in audit_items(tables)} == {"o-1", "o-3"}


def test_an_order_cancelled_before_processing_is_left_alone(enrichment, processor, tables):
    batch = store_orders(tables, new_order("o-1"))
    boto3.resource("dynamodb").Table(tables["orders"]).update_item(
        Key={"order_id": "o-1"},
        UpdateExpression="SET #s = :c",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":c": "CANCELLED"},
    )
    result = processor.lambda_handler(enrichment.lambda_handler(batch, LambdaContext()), LambdaContext())
    assert result == {"batchItemFailures": []}
    assert order_item(tables, "o-1")["status"] == "CANCELLED"
    assert audit_items(tables) == []


def test_storage_trouble_reports_every_record_for_retry(enrichment, processor, tables, monkeypatch):
    batch = enrichment.lambda_handler(store_orders(tables, new_order("o-1"), new_order("o-2")), LambdaContext())
    monkeypatch.setenv("AUDIT_TABLE", "no-such-table")
    processor.settings.cache_clear()
    result = processor.lambda_handler(batch, LambdaContext())
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [r["eventID"] for r in batch]
    assert order_item(tables, "o-1")["status"] == "NEW"  # the transaction wrote neither half


def test_processor_refuses_a_payload_that_is_not_a_batch(processor):
    assert processor.lambda_handler({"Records": "x"}, LambdaContext()) == {"batchItemFailures": []}


def test_missing_configuration_fails_the_invocation(enrichment, processor, monkeypatch):
    monkeypatch.delenv("AUDIT_TABLE")
    processor.settings.cache_clear()
    with pytest.raises(ConfigurationError, match="AUDIT_TABLE"):
        processor.lambda_handler([], LambdaContext())
    monkeypatch.delenv("CUSTOMERS_TABLE")
    enrichment.settings.cache_clear()
    with pytest.raises(ConfigurationError, match="CUSTOMERS_TABLE"):
        enrichment.lambda_handler([], LambdaContext())


# --- hardening: cancellation reasons, numbers, throttled lookups, event shapes -------------


def cancelled(stub_client, *codes: str):
    """The processor's next transaction is cancelled with these reasons (botocore's Stubber)."""
    stubber = Stubber(stub_client)
    stubber.add_client_error(
        "transact_write_items",
        service_error_code="TransactionCanceledException",
        service_message=f"Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]",
        modeled_fields={"CancellationReasons": [{"Code": code} for code in codes]},
    )
    # Were the reasons ignored, the handler would read the order next and find it still NEW.
    stubber.add_response("get_item", {"Item": {"order_id": {"S": "o-1"}, "status": {"S": "NEW"}}})
    return stubber


@pytest.mark.parametrize(
    "codes", [("None", "TransactionConflict"), ("ThrottlingError", "None")], ids=["conflict", "throttled"]
)
def test_a_transaction_cancelled_by_passing_trouble_is_reported_for_retry(enrichment, processor, tables, codes, caplog):
    delivered = enrichment.lambda_handler(store_orders(tables, new_order("o-1")), LambdaContext())
    with cancelled(processor.dynamodb, *codes):
        result = processor.lambda_handler(delivered, LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": delivered[0]["eventID"]}]}
    assert order_item(tables, "o-1")["status"] == "NEW"  # nothing happened, and nothing said it did
    assert not [r for r in caplog.records if "no longer NEW" in r.getMessage() or "Already processed" in r.getMessage()]


def test_a_transaction_cancelled_for_good_is_logged_with_its_reason_and_reported(enrichment, processor, tables, caplog):
    delivered = enrichment.lambda_handler(store_orders(tables, new_order("o-1")), LambdaContext())
    with cancelled(processor.dynamodb, "None", "ValidationError"):
        result = processor.lambda_handler(delivered, LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": delivered[0]["eventID"]}]}
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert any(getattr(r, "cancellation_reasons", None) == ["None", "ValidationError"] for r in errors), errors


@pytest.mark.parametrize(
    "amount", ["NaN", "Infinity", "1e400", "-5", "1" * 39, "1_000.00", " 12.00"], ids=lambda a: a[:12]
)
def test_the_processor_refuses_amounts_dynamodb_cannot_store(enrichment, processor, tables, amount):
    delivered = enrichment.lambda_handler(store_orders(tables, new_order("o-1")), LambdaContext())
    delivered[0]["enrichment"]["order"]["amount"] = amount
    result = processor.lambda_handler(delivered, LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": delivered[0]["eventID"]}]}
    assert order_item(tables, "o-1")["status"] == "NEW" and audit_items(tables) == []


def test_the_enrichment_refuses_numbers_dynamodb_cannot_hold_and_bad_currencies(enrichment):
    nan = inserted(new_order("o-1"))
    nan["dynamodb"]["NewImage"]["amount"] = {"N": "NaN"}
    forty_digits = inserted(new_order("o-2"))
    forty_digits["dynamodb"]["NewImage"]["amount"] = {"N": "1" * 40}
    bad_currency = inserted(new_order("o-3", currency="XYZ"))
    enriched = enrichment.lambda_handler([nan, forty_digits, bad_currency], LambdaContext())
    assert [r["enrichment"]["error"] for r in enriched] == [
        "amount Decimal('NaN') is not a finite number",
        "NewImage cannot be read: Inexact",
        "currency 'XYZ' is not an ISO 4217 currency code such as EUR or USD",
    ]


def test_throttled_customer_lookups_back_off_a_bounded_number_of_times(enrichment, monkeypatch):
    """DynamoDB leaves every key unprocessed: the enrichment asks again with growing,
    jittered waits, stops after BATCH_GET_ATTEMPTS calls, and marks the records."""
    calls, waits = [], []

    def throttled(RequestItems):  # noqa: N803 (boto3's parameter name)
        calls.append(RequestItems)
        return {"Responses": {}, "UnprocessedKeys": RequestItems}

    monkeypatch.setattr(enrichment.dynamodb, "batch_get_item", throttled)
    monkeypatch.setattr(enrichment, "sleep", waits.append)
    enriched = enrichment.lambda_handler([inserted(new_order("o-1")), inserted(new_order("o-2"))], LambdaContext())

    assert len(calls) == enrichment.BATCH_GET_ATTEMPTS
    assert len(waits) == enrichment.BATCH_GET_ATTEMPTS - 1
    ceilings = [min(enrichment.BACKOFF_CAP_SECONDS, enrichment.BACKOFF_BASE_SECONDS * 2**n) for n in range(1, 6)]
    assert all(0 <= wait <= ceiling for wait, ceiling in zip(waits, ceilings, strict=True))
    assert [r["enrichment"]["error"] for r in enriched] == [enrichment.UNREAD, enrichment.UNREAD]


def test_keys_processed_on_a_retry_are_enriched(enrichment, monkeypatch):
    real = enrichment.dynamodb.batch_get_item
    answers = iter(["throttle", "real"])

    def once_throttled(RequestItems):  # noqa: N803
        if next(answers) == "throttle":
            return {"Responses": {}, "UnprocessedKeys": RequestItems}
        return real(RequestItems=RequestItems)

    monkeypatch.setattr(enrichment.dynamodb, "batch_get_item", once_throttled)
    monkeypatch.setattr(enrichment, "sleep", lambda seconds: None)
    enriched = enrichment.lambda_handler([inserted(new_order("o-1"))], LambdaContext())
    assert enriched[0]["enrichment"]["customer"]["name"] == "Ada Lovelace"


@pytest.mark.parametrize(
    "event",
    [[], "a string", None, ["a string"], [{"dynamodb": {}}]],
    ids=["empty", "string", "null", "str-record", "no-id"],
)
def test_pipe_handlers_answer_shapes_aws_never_sends_without_a_traceback(enrichment, processor, tables, event, caplog):
    enriched = enrichment.lambda_handler(event, LambdaContext())
    assert isinstance(enriched, list)
    result = processor.lambda_handler(enriched, LambdaContext())
    assert result == {"batchItemFailures": []}  # nothing identifiable to report
    assert [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_a_stream_record_without_its_id_has_the_whole_batch_retried(enrichment, processor, tables):
    good = store_orders(tables, new_order("o-1"))[0]
    no_id = {k: v for k, v in inserted(new_order("o-2")).items() if k != "eventID"}
    result = processor.lambda_handler(enrichment.lambda_handler([good, no_id], LambdaContext()), LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": good["eventID"]}]}
    assert order_item(tables, "o-1")["status"] == "NEW"


def test_the_processor_logs_an_unexpected_record_failure_with_its_reason(
    enrichment, processor, tables, monkeypatch, caplog
):
    delivered = enrichment.lambda_handler(store_orders(tables, new_order("o-1")), LambdaContext())

    def broken(**kwargs):
        raise TypeError("item over 400 KB")

    monkeypatch.setattr(processor.dynamodb, "transact_write_items", broken)
    result = processor.lambda_handler(delivered, LambdaContext())
    assert result == {"batchItemFailures": [{"itemIdentifier": delivered[0]["eventID"]}]}
    logged = [r for r in caplog.records if r.levelname in ("WARNING", "ERROR") and r.exc_info]
    assert any("item over 400 KB" in str(r.exc_info[1]) for r in logged), caplog.records
