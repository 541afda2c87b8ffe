"""HTML decks: one self-contained page of the PDF's slides, nothing fetched, a stranger's text shown as text — in Chromium too."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from pptx import Presentation

HOSTILE = '<script>alert(1)</script><img src="https://evil.example/t.png" onerror="alert(2)">'


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    hostile = out / "plans" / "hostile"
    shutil.copytree(PLANS / "halvorsen-logistics", hostile)
    plan = hostile / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    name = re.search(r"people:\n\s+- id: \S+\n\s+name: (.*)\n", text)
    assert name is not None
    plan.write_text(text.replace(f"name: {name.group(1)}", f"name: '{HOSTILE}'", 1), encoding="utf-8")
    run = kamdoc("render", PLANS / "brenner-werke", hostile, "--to", "pptx,html", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    return out


def test_every_slide_is_in_the_page_and_nothing_is_fetched(decks: Path) -> None:
    page = (decks / "brenner-werke.html").read_text(encoding="utf-8")
    assert page.count('<section class="slide') == len(Presentation(str(decks / "brenner-werke.pptx")).slides)
    loaded = re.findall(r"""src\s*=\s*["']([^"']*)""", page) + re.findall(r"""url\(["']?([^"')]*)""", page)
    assert loaded and all(source.startswith("data:") for source in loaded), [s[:40] for s in loaded if not s.startswith("data:")]
    assert "<script" not in page  # fonts and pictures inside the page; links (href) are only followed when clicked
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_a_strangers_text_is_text(decks: Path) -> None:
    page = (decks / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and 'onerror="alert' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("name", ["brenner-werke", "hostile"])
def test_chromium_shows_every_slide_and_runs_nothing(decks: Path, name: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Chromium is not installed: run `bash .ci/system-packages`")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", (decks / f"{name}.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count('<section class="slide') == (decks / f"{name}.html").read_text(encoding="utf-8").count('<section class="slide')
    assert ("Power-Map" if name == "brenner-werke" else "Power map") in dom
    assert "<script" not in dom and "alert(1)" not in dom.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")  # shown, never run


def test_cutting_the_fonts_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    import logging
    from datetime import date, datetime

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.formats import render_deck
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(PLANS / "halvorsen-logistics" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    with caplog.at_level(logging.INFO, logger="fontTools"):
        render_deck(build_outline(result.plan, result.doc, theme), "html", theme, datetime(2026, 11, 2))
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("fontTools") and r.levelno >= logging.WARNING]
