"""The package's stages import only downward, and no modules of a stage import each other in a circle (import-linter)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT


def test_the_layers_and_no_cycles_contracts_hold() -> None:
    linter = shutil.which("lint-imports")
    if linter is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    done = subprocess.run([linter, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_every_stage_is_a_package_with_a_docstring() -> None:
    import importlib

    for stage in ("standard", "load", "validate", "analyse", "theme", "outline", "render", "pipeline", "commands"):
        module = importlib.import_module(f"kamdoc.{stage}")
        assert module.__doc__ and module.__file__ and module.__file__.endswith("__init__.py"), stage
