"""A live preview for tests: served from a thread of the test process over a copy of example plans."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from kamdoc.preview.server import Preview


@contextmanager
def serving(paths: list[Path], **options: object) -> Iterator[Preview]:
    """A preview listening on a free port until the block ends."""
    preview = Preview(paths, port=0, today=lambda: date(2026, 11, 22), **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=preview.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not preview.server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the preview did not start")
        time.sleep(0.02)
    try:
        yield preview
    finally:
        preview.stop()
        thread.join(10)


def copy_plans(source: Path, target: Path, *names: str) -> Path:
    """The named example plans (with kamdoc.yaml) in a folder of their own, which is its own plans repo."""
    (target / ".git").mkdir(parents=True)
    plans = target / "plans"
    plans.mkdir()
    for name in names:
        shutil.copytree(source / name, plans / name)
    if (source / "kamdoc.yaml").is_file():
        shutil.copy(source / "kamdoc.yaml", plans / "kamdoc.yaml")
    return plans
