"""The render helper: WeasyPrint and python-pptx are imported beside the reading, the decks are the same, and no process
is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from decks import texts
from pptx import Presentation
from processes import alive, children, forks_below
from pypdf import PdfReader

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="the helper is forked")


def _loaded_after_render(out: Path, formats: str, *modules: str) -> list[str]:
    """`kamdoc render --to FORMATS -j 2` of the German example in a fresh process: its exit code, then for each of
    `modules` whether that process imported it."""
    code = (
        "import sys; from click.testing import CliRunner; from kamdoc.cli import main; "
        f"r = CliRunner().invoke(main, ['render', {str(PLANS / 'brenner-werke')!r}, '--to', {formats!r}, '--jobs', '2', "
        f"'--out', {str(out)!r}, '--today', {TODAY!r}]); "
        f"print(r.exit_code, *(m in sys.modules for m in {modules!r}))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.split(), run.stderr
    return run.stdout.split()


def test_with_two_processes_the_pdf_is_made_without_weasyprint_in_this_process(tmp_path: Path) -> None:
    loaded = _loaded_after_render(tmp_path, "pptx,pdf", "weasyprint", "kamdoc.render.pptx")
    assert loaded == ["0", "False", "False"]  # both decks were drawn by the helper's processes
    assert len(PdfReader(str(tmp_path / "brenner-werke.pdf")).pages) > 20
    assert (tmp_path / "brenner-werke.pptx").stat().st_size > 10_000


def test_a_powerpoint_deck_alone_is_drawn_by_the_helper(tmp_path: Path) -> None:
    loaded = _loaded_after_render(tmp_path, "pptx", "pptx", "weasyprint")
    assert loaded == ["0", "False", "False"]  # python-pptx was imported by the helper only


def _slide_texts(path: Path) -> list[str]:
    return [texts(slide) for slide in Presentation(str(path)).slides]


def _in_one_process_and_with_the_helper(tmp_path: Path, plan: str, formats: str) -> tuple[Path, Path]:
    """The plan rendered with --jobs 1 (one process) and --jobs 2 (the helper): the two output folders."""
    for jobs in ("1", "2"):
        run = kamdoc(
            "render", PLANS / plan, "--to", formats, "--jobs", jobs, "--out", tmp_path / jobs, "--today", TODAY
        )
        assert run.code == 0, run.err
    return tmp_path / "1", tmp_path / "2"


@pytest.mark.parametrize("formats", ["pptx", "pptx,pdf"])
def test_the_helper_gives_the_same_powerpoint_deck_as_one_process(tmp_path: Path, formats: str) -> None:
    folders = _in_one_process_and_with_the_helper(tmp_path, "brenner-werke", formats)
    one, two = (_slide_texts(folder / "brenner-werke.pptx") for folder in folders)
    assert len(one) > 20 and two == one


def test_the_helper_gives_the_same_pdf_as_one_process(tmp_path: Path) -> None:
    folders = _in_one_process_and_with_the_helper(tmp_path, "halvorsen-logistics", "pdf")
    one, two = (PdfReader(str(folder / "halvorsen-logistics.pdf")) for folder in folders)
    assert [p.extract_text() for p in two.pages] == [p.extract_text() for p in one.pages]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("formats", ["pdf", "pptx"])
@pytest.mark.parametrize("plans", ["good", "with errors", "none"])
def test_no_helper_is_left_running(tmp_path: Path, plans: str, formats: str) -> None:
    before = children(os.getpid())
    target = {"good": PLANS / "brenner-werke", "with errors": tmp_path / "broken", "none": tmp_path / "empty"}[plans]
    target.mkdir(exist_ok=True)
    if plans == "with errors":
        (target / "plan.yaml").write_text("format: 1\ncover: {account: 3}\n", encoding="utf-8")
    run = kamdoc("render", target, "--to", formats, "--jobs", "2", "--out", tmp_path / "out", "--today", TODAY)
    assert run.code == (0 if plans == "good" else 1), run.err
    assert "Traceback" not in run.err
    assert children(os.getpid()) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table from /proc")
def test_kill_9_of_render_stops_the_helper_and_the_half_it_forked(tmp_path: Path) -> None:
    from conftest import DATA

    render = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamdoc",
            "render",
            str(DATA / "stress"),
            "--to",
            "pdf",
            "--jobs",
            "2",
            "--out",
            str(tmp_path),
            "--today",
            TODAY,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    below: dict[int, int] = {}
    while 2 not in below.values() and render.poll() is None and time.monotonic() < deadline:
        below = forks_below(render.pid)  # the helper (depth 1), then the process laying out the second half (depth 2)
        time.sleep(0.01)
    assert 2 in below.values(), "the render ended before both halves were being laid out"
    render.kill()
    render.wait()
    time.sleep(0.3)  # the kernel ends them at once; a half left alone would go on for a second or more
    assert not [pid for pid in below if alive(pid)]
    assert not list(tmp_path.glob("*.pdf"))


def test_a_theme_whose_template_cannot_be_split_gives_the_whole_deck(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "deck.html.j2").write_text(  # no <body>: the halves' link targets have nowhere to go
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: 960pt 540pt; margin: 0 }'
        " section { page-break-after: always; height: 540pt; overflow: hidden }</style></head>\n"
        "{% for slide in slides %}<section><h1>{{ slide.title }}</h1></section>{% endfor %}</html>\n",
        encoding="utf-8",
    )
    run = kamdoc(
        "render",
        PLANS / "brenner-werke",
        "--to",
        "pptx,pdf",
        "--jobs",
        "2",
        "--theme",
        theme,
        "--out",
        tmp_path / "out",
        "--today",
        TODAY,
    )
    assert run.code == 0, run.err
    pages = [page.extract_text() for page in PdfReader(str(tmp_path / "out" / "brenner-werke.pdf")).pages]
    from pptx import Presentation

    slides = Presentation(str(tmp_path / "out" / "brenner-werke.pptx")).slides
    assert len(pages) == len(slides) > 20
    assert "Agenda" in pages[2]


def _deck() -> tuple[object, object]:
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(PLANS / "halvorsen-logistics" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    return build_outline(result.plan, result.doc, theme), theme


def test_the_html_is_written_here_only_while_the_helper_is_not_ready() -> None:
    from kamdoc.pipeline.render_helper import RenderHelper
    from kamdoc.workers import send_blobs

    deck, theme = _deck()
    jobs_read, jobs_write = os.pipe()
    answers_read, answers_write = os.pipe()
    helper = RenderHelper(0, os.fdopen(jobs_write, "wb"), os.fdopen(answers_read, "rb"))  # no process: only its pipes
    try:
        early = helper.prepare(deck, theme, datetime(2026, 1, 1), with_pptx=False)  # type: ignore[arg-type]
        with os.fdopen(answers_write, "wb") as answers:
            send_blobs(answers, b"ok")
        late = helper.prepare(deck, theme, datetime(2026, 1, 1), with_pptx=False)  # type: ignore[arg-type]
    finally:
        os.close(jobs_read)
    assert early.work.written is not None  # type: ignore[union-attr]  # written while waiting anyway
    assert late.work.written is None  # type: ignore[union-attr]  # each half written by the process that prints it


def test_halves_written_here_or_by_the_helper_give_the_same_bytes() -> None:
    from kamdoc.pipeline.render_helper import Job, render_helper
    from kamdoc.render.split import cut_in_halves

    deck, theme = _deck()
    halves = cut_in_halves(deck, theme, datetime(2026, 1, 1), joined_here=False)  # type: ignore[arg-type]
    assert halves is not None
    with render_helper(True) as helper:
        assert helper is not None and helper.missing() is None
        ahead = helper.render(Job(halves.written_ahead(), None))
        there = helper.render(Job(halves, None))
    assert ahead == there and ahead["pdf"].startswith(b"%PDF")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread has its own priority on Linux")
def test_pypdf_for_the_join_is_imported_at_the_lowest_priority_and_the_process_keeps_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib
    import threading

    from kamdoc.pipeline import render_helper

    seen: list[tuple[str, int]] = []
    monkeypatch.setattr(
        importlib,
        "import_module",
        lambda name: seen.append((name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))),
    )
    own = os.getpriority(os.PRIO_PROCESS, 0)
    render_helper._import_meanwhile("pypdf").join()
    assert seen == [("pypdf", 19)] and os.getpriority(os.PRIO_PROCESS, 0) == own
