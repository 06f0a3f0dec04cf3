"""make dist / make release / make registry (see tools/release/__init__.py)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from harness.paths import DIST, REPO
from tools.release import gates, registry
from tools.release.dist import NAMESPACE, build_dist

DEFAULT_HOST = "registry.example.com"


def _dist(args) -> int:
    built = build_dist(args.version, source=getattr(args, "repo", REPO), dist=args.dist, namespace=args.namespace)
    for module, archive in sorted(built.archives.items()):
        print(f"==> {module:24} {archive.stat().st_size:>8} bytes  {archive.relative_to(args.dist)}")
    print(f"==> {len(built.assets)} release assets in {args.dist / 'releases' / args.version} (SHA256SUMS beside them)")
    return 0


def _release(args) -> int:
    verdict = gates.judge(args.repo, args.version)
    if verdict.refusals:
        print(f"release {args.version} refused:", file=sys.stderr)
        for reason in verdict.refusals:
            print(f"  - {reason}", file=sys.stderr)
        return 1
    if verdict.breaking:
        print(f"==> breaking changes since {verdict.previous}, released as a major version:")
        for module, changes in verdict.breaking.items():
            print(f"    {module}: {', '.join(changes)}")
    name = gates.tag(args.repo, args.version)
    print(f"==> tagged {name}; push it with: git push origin {name}")
    return _dist(args)


def _registry(args) -> int:
    if not (args.dist / "_headers").is_file():
        print(f"{args.dist} holds no release: run make dist VERSION=x.y.z first", file=sys.stderr)
        return 1
    with registry.serve(args.dist, port=args.port, quiet=False) as (base_url, _):
        print(f"==> serving {args.dist} at {base_url} (Ctrl-C stops it)\n")
        print("Add to your Terraform CLI configuration (~/.terraformrc or TF_CLI_CONFIG_FILE):\n")
        print(registry.cli_host_block(args.host, base_url))
        print("Module addresses (source = ..., version = ...):")
        for address, versions in registry.addresses(args.dist, args.host).items():
            print(f"  {address:60} {', '.join(versions)}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\n==> stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.release", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run in (("dist", _dist), ("release", _release)):
        command = commands.add_parser(name)
        command.add_argument("--version", required=True, help="MAJOR.MINOR.PATCH")
        command.set_defaults(run=run)
        if name == "release":
            command.add_argument("--repo", type=Path, default=REPO, help="the checkout to release (default: this one)")
    serve = commands.add_parser("registry")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default=DEFAULT_HOST, help="the registry host name consumers write (it needs a dot)")
    serve.set_defaults(run=_registry)
    for command in commands.choices.values():
        command.add_argument("--dist", type=Path, default=DIST)
        command.add_argument("--namespace", default=NAMESPACE)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
