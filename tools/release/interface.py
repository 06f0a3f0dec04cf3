"""What a caller of a module depends on, and what breaks between two versions of it.

A module's interface here: its inputs (and which are required), its outputs, and the
addresses its state lives at (resources and module calls, and inside a call of a local
module such as modules/private-bucket, that module's addresses under the call's), with
the `moved` blocks that say where an old address went. Instance keys are left out:
`module.images.aws_s3_bucket_lifecycle_configuration.this[0]` is its unkeyed address.
Between an old and a new version it is a breaking change when:
- an input or an output is removed, or an input becomes required (no default);
- an address of the old version is gone and no `moved` block (followed through chains)
  leads from it to an address of the new one: the caller's next apply would destroy it.
A public module that disappears is breaking too. Not seen here (say so in a review): a
changed type or default, a `count` turned into `for_each` (instance keys move under
the same address), a resource replaced because one argument changed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import hcl2


@dataclass(frozen=True)
class Interface:
    inputs: frozenset[str]
    required_inputs: frozenset[str]
    outputs: frozenset[str]
    addresses: frozenset[str]  # aws_sqs_queue.this, module.consumer, module.images.aws_s3_bucket.this
    moved: tuple[tuple[str, str], ...]  # (from, to)


def _label(text: str) -> str:
    return text.strip('"')


INSTANCE_KEY = re.compile(r"\[[^\]]*\]")


def _reference(text: str) -> str:
    """python-hcl2 writes a reference as ${aws_sqs_queue.dead_letter}; instance keys dropped."""
    return INSTANCE_KEY.sub("", text[2:-1] if text.startswith("${") and text.endswith("}") else text)


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> dict:
    """python-hcl2 takes ~50 ms a file; two versions of a tree mostly share their files."""
    return hcl2.loads(text)


def read(module: Path) -> Interface:
    inputs, required, outputs, addresses, moved = set(), set(), set(), set(), []
    for tf in sorted(module.glob("*.tf")):
        parsed = parse(tf.read_text())
        for block in parsed.get("variable", []):
            for name, spec in block.items():
                if not name.startswith("__"):
                    inputs.add(_label(name))
                    if "default" not in spec:
                        required.add(_label(name))
        for block in parsed.get("output", []):
            outputs.update(_label(name) for name in block if not name.startswith("__"))
        for block in parsed.get("resource", []):
            for kind, named in block.items():
                if not kind.startswith("__"):
                    addresses.update(f"{_label(kind)}.{_label(n)}" for n in named if not n.startswith("__"))
        for block in parsed.get("module", []):
            for name, call in block.items():
                if name.startswith("__"):
                    continue
                addresses.add(f"module.{_label(name)}")
                source = _label(str(call.get("source", "")))
                if source.startswith(("./", "../")):  # a local module: its state lives under the call
                    inner = read((module / source).resolve())
                    addresses.update(f"module.{_label(name)}.{address}" for address in inner.addresses)
                    moved += [(f"module.{_label(name)}.{a}", f"module.{_label(name)}.{b}") for a, b in inner.moved]
        moved += [(_reference(block["from"]), _reference(block["to"])) for block in parsed.get("moved", [])]
    return Interface(frozenset(inputs), frozenset(required), frozenset(outputs), frozenset(addresses), tuple(moved))


def destination(address: str, moved: tuple[tuple[str, str], ...]) -> str:
    """Where `address` ends up after following the moved blocks (itself when none names it)."""
    seen = {address}
    targets = dict(moved)
    while address in targets:
        address = targets[address]
        if address in seen:
            break  # a cycle; Terraform refuses it at plan
        seen.add(address)
    return address


def breaking_changes(old: Interface, new: Interface) -> list[str]:
    found = [f"input {name} removed" for name in sorted(old.inputs - new.inputs)]
    now_required = (new.required_inputs - old.required_inputs) & old.inputs
    found += [f"input {name} is now required" for name in sorted(now_required)]
    found += [f"input {name} added as required" for name in sorted(new.required_inputs - old.inputs)]
    found += [f"output {name} removed" for name in sorted(old.outputs - new.outputs)]
    for address in sorted(old.addresses - new.addresses):
        if destination(address, new.moved) not in new.addresses:
            found.append(
                f"{address} is gone and no moved block leads to a new address"
                " (renamed: add one; removed: its objects are destroyed at the caller's next apply)"
            )
    return found


def compare_trees(old_modules: Path, new_modules: Path, public: list[str]) -> dict[str, list[str]]:
    """Breaking changes per public module of the old tree (a module the new tree lacks is one)."""
    changes = {}
    for name in public:
        if not (new_modules / name / "versions.tf").is_file():
            changes[name] = ["the module is gone"]
            continue
        found = breaking_changes(read(old_modules / name), read(new_modules / name))
        if found:
            changes[name] = found
    return changes
