"""The changes slide says each change in the plan's language and shows an edited text as words struck through and new
words, never as the diff's markup ([-…-] {+…+})."""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path

from conftest import PLANS, TODAY
from pptx import Presentation

from kamdoc.analyse.diff import compare
from kamdoc.outline.deck import Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.pipeline.render import render_formats
from kamdoc.theme.settings import load_theme
from kamdoc.validate.plan import validate_file


def test_an_edited_text_is_struck_and_new_words_never_markup(tmp_path: Path) -> None:
    from datetime import date

    shutil.copytree(PLANS / "brenner-werke", tmp_path / "p")
    (tmp_path / ".git").mkdir()
    old = validate_file(tmp_path / "p" / "plan.yaml", date.fromisoformat(TODAY))
    plan = tmp_path / "p" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.split("summary: |\n", 1)[1].split("\n", 1)[0].strip()
    words = first.split()
    edited = " ".join([*words[:3], "rundum", *words[4:]])  # one word replaced in the summary's first sentence
    plan.write_text(text.replace(first, edited, 1), encoding="utf-8")
    new = validate_file(plan, date.fromisoformat(TODAY))
    assert new.plan is not None and old.plan is not None
    changes = compare(old.plan, new.plan)
    assert changes and any("[-" in (c.detail or "") for c in changes)  # the diff marks the words
    theme = load_theme()
    deck = build_outline(new.plan, new.doc, theme, changes_since=("HEAD", changes))  # type: ignore[arg-type]
    (slide,) = [s for s in deck.slides if s.kind == "changes"]
    shown = " ".join(p.text for e in slide.elements if isinstance(e, Text) for p in e.paras)
    assert "Änderungen seit HEAD" in slide.title and "[-" not in shown and "{+" not in shown and "-]" not in shown
    runs = [r for e in slide.elements if isinstance(e, Text) for p in e.paras for r in p.runs]
    assert any(r.strike and words[3] in r.text for r in runs) and any(r.bold and "rundum" in r.text for r in runs)
    pptx = render_formats(deck, ("pptx",), theme, datetime(2026, 11, 22))["pptx"]
    prs = Presentation(io.BytesIO(pptx))
    struck = [
        r
        for s in prs.slides
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
        if r._r.rPr is not None and r._r.rPr.get("strike") == "sngStrike"
    ]  # noqa: SLF001 - the run's own properties
    assert any(words[3] in r.text for r in struck)
