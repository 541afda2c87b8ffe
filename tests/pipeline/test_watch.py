"""`kamdoc watch`: a saved change to a plan renders its deck again."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import PLANS


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_saved_change_renders_the_deck_again(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    shutil.copytree(PLANS / "halvorsen-logistics", tmp_path / "plans" / "halvorsen-logistics")
    deck = tmp_path / "build" / "halvorsen-logistics.pptx"
    process = subprocess.Popen(
        [sys.executable, "-m", "kamdoc", "watch", "plans/halvorsen-logistics", "--to", "pptx"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(deck.is_file, 30), "the first render did not happen"
        first = deck.read_bytes()
        plan = tmp_path / "plans" / "halvorsen-logistics" / "plan.yaml"
        time.sleep(1.0)  # let the watcher settle
        plan.write_text(
            plan.read_text(encoding="utf-8").replace(
                "account: Halvorsen Logistics ASA", "account: Halvorsen Logistikk ASA"
            ),
            encoding="utf-8",
        )
        assert wait_for(lambda: deck.read_bytes() != first, 30), "the change was not rendered"
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert "changed: plan.yaml" in err
