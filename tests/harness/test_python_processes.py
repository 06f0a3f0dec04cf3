"""How the Python processes of a `make` run treat bytecode (Makefile: PYTHONPYCACHEPREFIX)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import BUILD, REPO

pytestmark = pytest.mark.unit


def test_under_make_each_module_is_compiled_once_into_build_pycache():
    if "MAKELEVEL" not in os.environ:
        pytest.skip("run outside make: the Makefile sets how Python writes bytecode")
    assert not sys.flags.dont_write_bytecode
    assert Path(sys.pycache_prefix) == BUILD / "pycache"
    # A process the suite starts (a server, a tool) writes there too, for the next one to read.
    source = REPO / "harness" / "emulators" / "inventory.py"
    cached = Path(importlib.util.cache_from_source(str(source)))
    cached.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-c", "import harness.emulators.inventory"], cwd=REPO, check=True)
    assert cached.is_file() and cached.is_relative_to(BUILD / "pycache")
    assert not (source.parent / "__pycache__" / cached.name).exists()  # not beside the source
