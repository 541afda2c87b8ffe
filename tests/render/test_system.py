"""Machines without Pango (no PDF) or cairo: a message that names the library and how to install it, never a traceback."""

from __future__ import annotations

import builtins
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS, TODAY, kamdoc

# What cffi says when WeasyPrint cannot load Pango (as on python:3.11-slim, or macOS without Homebrew's pango).
_NO_PANGO = (
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or directory.  "
    "Additionally, ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'"
)


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def guarded(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "weasyprint":
            raise OSError(_NO_PANGO)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", guarded)


@pytest.fixture
def two_plans(in_tmp: Path) -> Path:
    for name in ("brenner-werke", "halvorsen-logistics"):
        shutil.copytree(PLANS / name, in_tmp / "plans" / name)
    shutil.copy(PLANS / "kamdoc.yaml", in_tmp / "kamdoc.yaml")
    return in_tmp


def _said_once(err: str) -> None:
    assert err.count("Pango is needed for PDF decks") == 1, err
    assert "apt-get install libpango-1.0-0" in err and "brew install pango" in err and "dnf install pango" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("jobs", ["1", "2"])  # with 2, the PDF helper process finds Pango missing
def test_render_without_pango_makes_the_powerpoint_decks_and_says_why_no_pdf(
    two_plans: Path, no_pango: None, jobs: str
) -> None:
    run = kamdoc("render", "plans", "--to", "pptx,pdf", "--jobs", jobs, "--out", "out", "--today", TODAY)
    assert run.code == 1
    _said_once(run.err)
    assert sorted(p.name for p in (two_plans / "out").iterdir()) == ["brenner-werke.pptx", "halvorsen-logistics.pptx"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_render_pdf_only_without_pango_is_one_message(two_plans: Path, no_pango: None, jobs: str) -> None:
    run = kamdoc("render", "plans", "--to", "pdf", "--jobs", jobs, "--out", "out", "--today", TODAY)
    assert run.code == 1
    assert run.err.count("Pango is needed for PDF decks") == 1 and "Traceback" not in run.err
    assert not (two_plans / "out").exists()


def test_build_without_pango_reports_once_and_builds_what_it_can(two_plans: Path, no_pango: None) -> None:
    run = kamdoc("build", "plans", "--to", "pptx,pdf", "--out", "out", "-j", "1", "--today", TODAY)
    assert run.code == 1
    _said_once(run.err)
    manifest = json.loads((two_plans / "out" / "manifest.json").read_text())
    assert manifest["formats"] == ["pptx"]
    assert sorted(p.name for p in (two_plans / "out").glob("*.pptx")) == [
        "brenner-werke.pptx",
        "halvorsen-logistics.pptx",
    ]
    assert not list((two_plans / "out").glob("*.pdf"))


def test_validate_and_diff_need_no_pango(two_plans: Path, no_pango: None) -> None:
    assert kamdoc("validate", "plans", "--today", TODAY).code == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick library lookup is Linux's")
def test_weasyprint_is_imported_without_searching_for_libraries_by_subprocess() -> None:
    # cffi asks ctypes.util.find_library about every name WeasyPrint tries; that runs ldconfig, gcc and ld.
    code = (
        "import ctypes.util, subprocess; started = []; real = subprocess.Popen.__init__\n"
        "def counting(self, args, *a, **k):\n    started.append(args); real(self, args, *a, **k)\n"
        "subprocess.Popen.__init__ = counting; search = ctypes.util.find_library\n"
        "from kamdoc.render.system import weasyprint; weasyprint()\n"
        "print(len(started), ctypes.util.find_library is search)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.split() == ["0", "True"], run.stdout + run.stderr


def test_weasyprint_is_imported_by_its_own_search_when_the_quick_one_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.render.system import weasyprint

    real_import, failed = builtins.__import__, []

    def once(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" and not failed:
            failed.append(name)
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", once)
    assert weasyprint().__name__ == "weasyprint" and failed
