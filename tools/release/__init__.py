"""Releases: module packages, the registry tree that serves them, and the gates a release passes.

- package.py: one deterministic archive per module (the module and the sibling modules it
  calls by relative path), the handler and layer zips as release assets, checksums.
- registry.py: the static tree of the Terraform module registry protocol in dist/, and a
  loopback server for it (`make registry`, the consumer tests).
- interface.py: a module's inputs, outputs, addresses and moved blocks, and what breaks
  between two versions.
- gates.py: what `make release` refuses (dirty tree, untested commit, no CHANGELOG
  section, a version not greater than the last tag, a breaking change without a major).

    python -m tools.release dist --version 0.2.0
    python -m tools.release release --version 1.0.0
    python -m tools.release registry [--port 8000]
"""
