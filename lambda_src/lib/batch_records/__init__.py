"""The shape of a batch event, checked before any record is processed.

A library, not a function: `harness.build` bundles it into the zip of each
function that imports it. Pure Python, no AWS.

AWS always sends a list of objects that carry their id (an SQS messageId, a
stream record's eventID). Anything else comes from a hand-made invocation or a
misconfigured source. A record without its id cannot be reported on its own,
so the handler reports every record it can identify: the whole batch is
retried, and no record is acknowledged that was not processed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field


class NotABatch(ValueError):
    """The event holds no list of records; `reason` says what it holds instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Batch:
    records: list[dict] = field(default_factory=list)  # well-formed records, in their order
    rejected: list[str] = field(default_factory=list)  # why each malformed record was set aside

    def ids(self, id_key: str) -> list[str]:
        return [record[id_key] for record in self.records]


def read_batch(records: object, id_key: str) -> Batch:
    """Split `records` into well-formed ones (objects with a non-empty string `id_key`) and reasons."""
    if not isinstance(records, list):
        raise NotABatch(f"expected a list of records, got {type(records).__name__}")
    batch = Batch()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            batch.rejected.append(f"record #{index} is a {type(record).__name__}, not an object")
        elif not isinstance(record.get(id_key), str) or not record[id_key]:
            batch.rejected.append(f"record #{index} has no {id_key}")
        else:
            batch.records.append(record)
    return batch


def whole_batch_failed(batch: Batch, id_key: str) -> dict:
    """The partial-batch response that has every identifiable record retried."""
    return {"batchItemFailures": [{"itemIdentifier": record_id} for record_id in batch.ids(id_key)]}


def screen(records: object, id_key: str, source: str, logger: logging.Logger) -> tuple[Batch | None, dict | None]:
    """(batch, None) when there are well-formed records to process; (None, response) when the
    event is answered here: not a batch, empty, or holding records that cannot be identified
    (every identifiable record is then reported, so the whole batch is retried). Each is logged."""
    try:
        batch = read_batch(records, id_key)
    except NotABatch as exc:
        logger.error(f"Not a {source} batch: no list of records", extra={"reason": exc.reason})
        return None, {"batchItemFailures": []}
    if batch.rejected:
        logger.error(f"Malformed {source} records; the whole batch is retried", extra={"reasons": batch.rejected})
        return None, whole_batch_failed(batch, id_key)
    if not batch.records:
        logger.warning(f"Empty {source} batch: nothing to process")
        return None, {"batchItemFailures": []}
    return batch, None
