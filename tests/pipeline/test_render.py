"""`kamdoc render`: a bug on one plan is that plan's error, caches go where the command says, a plan's files are read once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, PLANS, TODAY, kamdoc

from kamdoc.outline import measure

EXAMPLES = ("brenner-werke", "halvorsen-logistics")


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    for name in EXAMPLES:
        shutil.copytree(PLANS / name, in_tmp / "plans" / name)
    shutil.copy(PLANS / "kamdoc.yaml", in_tmp / "kamdoc.yaml")
    return in_tmp


def _outline_fails_for_brenner(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.outline import plan_deck

    real = plan_deck.build_outline

    def buggy(plan: Any, *args: Any, **kwargs: Any) -> Any:
        if plan.cover.account.startswith("Brenner"):
            raise RuntimeError("a bug that only this plan finds")
        return real(plan, *args, **kwargs)

    monkeypatch.setattr(plan_deck, "build_outline", buggy)  # looked up when a plan is rendered


def _pdf_fails_for_brenner_after_its_pptx(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.pipeline import render

    real = render.render_deck

    def buggy(deck: Any, fmt: str, *args: Any, **kwargs: Any) -> bytes:
        if fmt == "pdf" and "Brenner" in deck.title:  # its PowerPoint deck is made already, in memory
            raise RuntimeError("a bug that only this plan finds")
        return real(deck, fmt, *args, **kwargs)

    monkeypatch.setattr(render, "render_deck", buggy)


@pytest.mark.parametrize(
    ("inject", "formats"),
    [(_outline_fails_for_brenner, "pptx"), (_pdf_fails_for_brenner_after_its_pptx, "pptx,pdf")],
    ids=["outline", "pdf-after-pptx"],
)
def test_a_bug_on_one_plan_is_that_plans_error_and_the_others_are_rendered(
    repo: Path, monkeypatch: pytest.MonkeyPatch, inject: Any, formats: str
) -> None:
    inject(monkeypatch)
    run = kamdoc("render", "plans", "--to", formats, "--jobs", "1", "--out", "out", "--today", TODAY)
    assert run.code == 1
    assert (
        "plans/brenner-werke/plan.yaml:1:1: error: kamdoc could not render this plan (RuntimeError: a bug that only this plan finds at "
        in run.err
    ), run.err
    assert "this is a bug in kamdoc: please report it with the plan" in run.err
    assert "not rendered: plans/brenner-werke/plan.yaml" in run.err
    for fmt in formats.split(","):
        assert (repo / "out" / f"halvorsen-logistics.{fmt}").stat().st_size > 1000
    assert sorted(p.name for p in (repo / "out").iterdir() if "brenner" in p.name) == []  # no deck, no temporary file


@pytest.fixture
def fresh_metrics() -> Any:
    """The fonts' widths measured anew: widths kept in memory by an earlier test would write no cache at all."""
    measure._advances.cache_clear()
    yield
    measure._advances.cache_clear()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_render_with_a_home_that_cannot_be_written_succeeds_and_writes_nothing_there(
    repo: Path, monkeypatch: pytest.MonkeyPatch, fresh_metrics: None
) -> None:
    # Tests run as root, whom a read-only folder does not stop: a home below a regular file cannot be made by anyone.
    blocker = repo / "not-a-folder"
    blocker.write_text("a regular file\n")
    monkeypatch.setenv("HOME", str(blocker / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    run = kamdoc("render", "plans/brenner-werke", "--out", "out", "--today", TODAY)
    assert run.code == 0, run.err
    assert "cache" not in run.err.lower()
    assert (repo / "out" / "brenner-werke.pptx").is_file()
    assert blocker.read_text() == "a regular file\n"


def test_render_keeps_its_cache_in_xdg_cache_home_else_in_the_home(
    repo: Path, monkeypatch: pytest.MonkeyPatch, fresh_metrics: None
) -> None:
    for folder in ("home", "xdg"):
        (repo / folder).mkdir()
    monkeypatch.setenv("HOME", str(repo / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "xdg"))
    assert kamdoc("render", "plans/brenner-werke", "--out", "out", "--today", TODAY).code == 0
    assert _files(repo / "home") == [] and len(_files(repo / "xdg" / "kamdoc")) == 2  # the regular and the bold font
    measure._advances.cache_clear()
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert kamdoc("render", "plans/brenner-werke", "--out", "out", "--today", TODAY).code == 0
    assert _files(repo / "home" / ".cache" / "kamdoc") == _files(repo / "xdg" / "kamdoc")


def test_a_render_reads_the_logo_once_for_the_cover_and_the_markdown_that_shows_it(in_tmp: Path) -> None:
    """An audit hook counts the opens of the logo: validation reads it once (the Markdown names it again), the decks not at all.

    One process (--jobs 1): a forked process's opens would not reach this one's list.
    """
    shutil.copytree(DATA / "base", in_tmp / "plans" / "base")
    market = in_tmp / "plans" / "base" / "market.md"
    market.write_text(market.read_text() + "\n![Our logo](logo.png)\n")
    logo = (in_tmp / "plans" / "base" / "logo.png").resolve()
    code = f"""
import os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.realpath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from click.testing import CliRunner
from kamdoc.cli import main
result = CliRunner().invoke(main, ["render", "plans", "--to", "pptx,pdf,html", "--jobs", "1", "--out", "out", "--today", {TODAY!r}])
print(result.exit_code, opened.count({str(logo)!r}))
print(result.stderr)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=in_tmp)
    assert run.stdout.split("\n")[0] == "0 1", run.stdout + run.stderr
    assert all((in_tmp / "out" / f"base.{fmt}").is_file() for fmt in ("pptx", "pdf", "html"))


@pytest.mark.parametrize("language", ["en", "de"])
def test_characters_the_fonts_lack_are_said_once_at_their_first_field(in_tmp: Path, language: str) -> None:
    """Thai in a plan whose theme fonts have no Thai: a warning at the field, in the plan's language; the deck is made all the same."""
    shutil.copytree(DATA / "base", in_tmp / "plans" / "thai")
    plan = in_tmp / "plans" / "thai" / "plan.yaml"
    text = plan.read_text().replace("language: en", f"language: {language}")
    plan.write_text(
        text.replace("  industry: Sensors", "  industry: Sensoren สวัสดี").replace(
            "Its software is dated.", "Dated สวัสดี software."
        )
    )
    run = kamdoc("render", plan.parent, "--to", "pptx", "--out", in_tmp / "out", "--today", TODAY)
    assert run.code == 0 and (in_tmp / "out" / "thai.pptx").is_file()
    said = [line for line in run.err.splitlines() if "U+0E2A" in line]
    assert len(said) == 1, run.err  # each character once, at the first field that holds it
    line = next(i for i, row in enumerate(plan.read_text().splitlines(), 1) if "industry:" in row)
    assert said[0].startswith(f"plans/thai/plan.yaml:{line}:22: warning: profile.industry: ")
    assert ("'ส' (U+0E2A THAI CHARACTER SO SUA)" in said[0]) and (
        "und 2 weitere" if language == "de" else "and 2 more"
    ) in said[0]


def test_the_examples_use_no_character_the_default_fonts_lack(in_tmp: Path) -> None:
    """Umlauts, ß, €, dashes and arrows of the example plans are all in the default theme's fonts: no warning about glyphs."""
    run = kamdoc("render", PLANS, "--to", "pptx", "--out", in_tmp / "out", "--today", TODAY)
    assert run.code == 0 and "no glyph" not in run.err, run.err
