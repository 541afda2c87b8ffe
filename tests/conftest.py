"""Shared helpers: run kamdoc's CLI in-process and find the test data."""

from __future__ import annotations

import re
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kamdoc.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PLANS = ROOT / "plans"
TODAY = "2026-11-22"


HANG = 120.0
"""Seconds after which a guarded run counts as hung: far beyond any run's time on a busy machine (never a measure of speed;
speed is bench/'s business, and runaway work is caught by bounding the work itself)."""


def within(work: Callable[[], Any], seconds: float = HANG) -> Any:
    """`work()`'s result; the test fails if it is still running after `seconds` (a hang guard, not a timing)."""
    done: list[Any] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds:.0f} s: it hangs")
    if failed:
        raise failed[0]
    return done[0]


@dataclass
class Run:
    """What a kamdoc command did: exit code and what it printed."""

    code: int
    out: str
    err: str


def kamdoc(*args: str | Path) -> Run:
    """Run `kamdoc ARGS` in-process; a traceback (any exception but SystemExit) fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True, prog_name="kamdoc")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        details = "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
        pytest.fail(f"kamdoc {' '.join(map(str, args))} raised instead of reporting:\n{details}")
    return Run(result.exit_code, result.stdout, result.stderr)


def name_first_person(plan: Path, name: str) -> None:
    """Give the first person of a plan's power map this name (a stranger's markup, say), as a YAML single-quoted string."""
    text = plan.read_text(encoding="utf-8")
    found = re.search(r"people:\n\s+- id: \S+\n\s+name: (.*)\n", text)
    assert found is not None, f"{plan} has no power map person to rename"
    plan.write_text(text.replace(f"name: {found.group(1)}", f"name: '{name}'", 1), encoding="utf-8")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a fresh folder that is its own plans repo."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download: the system's one)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail("Chromium is not installed: run `bash .ci/system-packages`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()
