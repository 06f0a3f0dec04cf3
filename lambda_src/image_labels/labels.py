"""The label table's items, from Rekognition's answer: pure Python, no AWS.

One table, two kinds of item:
- the image: pk `image#<key>`, sk `image`, with its labels as a string set, each label's
  confidence, the label model version, the S3 sequencer of the event that wrote it, and
  timestamps (or, for an object Rekognition cannot take, status REJECTED and the reason);
- one index entry per label: pk `label#<label, lower case>`, sk `<key>`, with the label as
  Rekognition spells it and its confidence.

"Which images have label X" is then one Query on pk `label#x`, paginated by sk. A global
secondary index cannot do it: an index key is one value, and a string set's members are
not indexed one by one. The index entries are written in the image's transaction, so an
image and its entries never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

IMAGE_SORT_KEY = "image"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_S3_OBJECT_BYTES = 15 * 1024 * 1024  # Rekognition's limit for an image read from S3
# A transaction holds 100 actions: the image, its old entries and its new ones.
MAX_LABELS_LIMIT = 49


def image_pk(key: str) -> str:
    return f"image#{key}"


def label_pk(label: str) -> str:
    return f"label#{label.lower()}"


def image_format(head: bytes) -> str | None:
    """JPEG or PNG by the object's first bytes (Rekognition takes nothing else), or None."""
    if head.startswith(JPEG_MAGIC):
        return "JPEG"
    if head.startswith(PNG_MAGIC):
        return "PNG"
    return None


def later(sequencer: str, than: str | None) -> bool:
    """Whether an S3 event with `sequencer` happened after the one that wrote `than`.

    S3's sequencers for one key grow as hexadecimal numbers; strings of different length
    compare once the shorter is right-padded with zeros, as S3 documents."""
    if than is None:
        return True
    width = max(len(sequencer), len(than))
    return int(sequencer.ljust(width, "0"), 16) > int(than.ljust(width, "0"), 16)


@dataclass(frozen=True)
class Labeled:
    """What Rekognition found in one image, above the confidence asked for."""

    labels: dict[str, Decimal]  # label name -> confidence (percent)
    model_version: str

    @classmethod
    def from_response(cls, response: dict) -> Labeled:
        labels: dict[str, Decimal] = {}
        for label in response.get("Labels", []):
            name, confidence = label.get("Name"), label.get("Confidence")
            if isinstance(name, str) and name and isinstance(confidence, int | float):
                labels[name] = max(labels.get(name, Decimal(0)), Decimal(str(round(confidence, 3))))
        return cls(labels, str(response.get("LabelModelVersion", "")))


def image_item(key: str, labeled: Labeled, sequencer: str, version_id: str | None, now: str, created: str) -> dict:
    item = {
        "pk": image_pk(key),
        "sk": IMAGE_SORT_KEY,
        "image_key": key,
        "status": "LABELED",
        "confidence": labeled.labels,
        "label_model_version": labeled.model_version,
        "sequencer": sequencer,
        "labeled_at": now,
        "created_at": created,
    }
    if labeled.labels:  # DynamoDB keeps no empty sets
        item["labels"] = set(labeled.labels)
    if version_id:
        item["version_id"] = version_id
    return item


def rejected_item(key: str, reason: str, sequencer: str, now: str, created: str, version_id: str | None = None) -> dict:
    item = {
        "pk": image_pk(key),
        "sk": IMAGE_SORT_KEY,
        "image_key": key,
        "status": "REJECTED",
        "reason": reason,
        "sequencer": sequencer,
        "labeled_at": now,
        "created_at": created,
    }
    if version_id:
        item["version_id"] = version_id
    return item


def index_entry(key: str, label: str, confidence: Decimal) -> dict:
    return {"pk": label_pk(label), "sk": key, "label": label, "confidence": confidence, "image_key": key}
