"""Where things live in the repository."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODULES = REPO / "modules"
EXAMPLES = REPO / "examples"
LAMBDA_SRC = REPO / "lambda_src"
LAYER_SPECS = LAMBDA_SRC / "layers"
LAMBDA_LIBRARIES = LAMBDA_SRC / "lib"  # packages shared by several functions
BUILD = REPO / "build"
POLICIES = REPO / "policies"
CHECKOV_CHECKS = POLICIES / "checks"  # loaded with --external-checks-dir
DIST = REPO / "dist"  # releases: the registry tree `make dist` writes
CHANGELOG = REPO / "CHANGELOG.md"
