"""The PDF helper: WeasyPrint is imported beside the reading, the decks are the same, and no process is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from pypdf import PdfReader

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="the helper is forked")


def _children() -> set[int]:
    """This process's children, from the process table."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(entry.name))
    return found


def test_with_two_processes_the_pdf_is_made_without_weasyprint_in_this_process(tmp_path: Path) -> None:
    code = ("import sys; from click.testing import CliRunner; from kamdoc.cli import main; "
            f"r = CliRunner().invoke(main, ['render', {str(PLANS / 'brenner-werke')!r}, '--to', 'pptx,pdf', '--jobs', '2', "
            f"'--out', {str(tmp_path)!r}, '--today', {TODAY!r}]); "
            "print(r.exit_code, 'weasyprint' in sys.modules, 'kamdoc.render.pptx' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.split() == ["0", "False", "False"], run.stderr  # both decks were drawn by the helper's processes
    assert len(PdfReader(str(tmp_path / "brenner-werke.pdf")).pages) > 20
    assert (tmp_path / "brenner-werke.pptx").stat().st_size > 10_000


def test_the_helper_gives_the_same_pdf_as_one_process(tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        assert kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--jobs", jobs, "--out", tmp_path / jobs,
                      "--today", TODAY).code == 0
    one, two = (PdfReader(str(tmp_path / jobs / "halvorsen-logistics.pdf")) for jobs in ("1", "2"))
    assert [p.extract_text() for p in two.pages] == [p.extract_text() for p in one.pages]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("plans", ["good", "with errors", "none"])
def test_no_helper_is_left_running(tmp_path: Path, plans: str) -> None:
    before = _children()
    target = {"good": PLANS / "brenner-werke", "with errors": tmp_path / "broken", "none": tmp_path / "empty"}[plans]
    target.mkdir(exist_ok=True)
    if plans == "with errors":
        (target / "plan.yaml").write_text("format: 1\ncover: {account: 3}\n", encoding="utf-8")
    run = kamdoc("render", target, "--to", "pdf", "--jobs", "2", "--out", tmp_path / "out", "--today", TODAY)
    assert run.code == (0 if plans == "good" else 1), run.err
    assert "Traceback" not in run.err
    assert _children() == before
