"""HTML decks: one self-contained page of the PDF's slides, nothing fetched, a stranger's text shown as text — in Chromium too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS, TODAY, kamdoc, name_first_person
from pptx import Presentation

HOSTILE = '<script>alert(1)</script><img src="https://evil.example/t.png" onerror="alert(2)">'


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    hostile = out / "plans" / "hostile"
    shutil.copytree(PLANS / "halvorsen-logistics", hostile)
    plan = hostile / "plan.yaml"
    name_first_person(plan, HOSTILE)
    run = kamdoc("render", PLANS / "brenner-werke", hostile, "--to", "pptx,html", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    return out


def test_every_slide_is_in_the_page_and_nothing_is_fetched(decks: Path) -> None:
    page = (decks / "brenner-werke.html").read_text(encoding="utf-8")
    assert page.count('<section class="slide') == len(Presentation(str(decks / "brenner-werke.pptx")).slides)
    loaded = re.findall(r"""src\s*=\s*["']([^"']*)""", page) + re.findall(r"""url\(["']?([^"')]*)""", page)
    assert loaded and all(source.startswith("data:") for source in loaded), [
        s[:40] for s in loaded if not s.startswith("data:")
    ]
    assert "<script" not in page  # fonts and pictures inside the page; links (href) are only followed when clicked
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_a_strangers_text_is_text(decks: Path) -> None:
    page = (decks / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and 'onerror="alert' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("name", ["brenner-werke", "hostile"])
def test_chromium_shows_every_slide_and_runs_nothing(decks: Path, name: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    said: list[str] = []
    asked: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: said.append(f"error: {error}"))
    page.on("request", lambda request: asked.append(request.url))
    file = decks / f"{name}.html"
    page.goto(file.as_uri())
    slides = page.locator("section.slide")
    assert slides.count() == file.read_text(encoding="utf-8").count('<section class="slide') > 10
    for index in range(slides.count()):  # each slide laid out at its size, one under the other
        box = slides.nth(index).bounding_box()
        assert box is not None and box["width"] > 1000 and box["height"] > 500
    assert page.locator("h1.title", has_text="Power-Map" if name == "brenner-werke" else "Power map").count() >= 1
    if name == "hostile":
        assert page.get_by_text(HOSTILE, exact=False).count() >= 1  # the stranger's markup, as letters
    page.wait_for_timeout(300)  # time for a script or a blocked load to say so
    assert not dialogs and not said, (dialogs, said)
    assert all(url == file.as_uri() or url.startswith("data:") for url in asked), asked
    assert page.evaluate("document.fonts.check('12pt kamdoc')")
    page.close()


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
    assert not [
        r.getMessage() for r in caplog.records if r.name.startswith("fontTools") and r.levelno >= logging.WARNING
    ]


def test_the_same_plan_gives_the_same_page_on_another_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fonts cut down for the page keep their own date: fontTools would stamp them with the time of the render.
    from datetime import date, datetime

    from fontTools.ttLib.tables import _h_e_a_d

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.formats import render_deck
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(PLANS / "halvorsen-logistics" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    deck = build_outline(result.plan, result.doc, theme)
    pages = []
    for now in (3_000_000_000, 3_000_086_400):
        monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda now=now: now)
        pages.append(render_deck(deck, "html", theme, datetime(2026, 11, 2)))
    assert b"@font-face" in pages[0] and pages[0] == pages[1]
