"""Long text costs work in proportion to its length: a paragraph split over many slides is measured once, not once a slide."""

from __future__ import annotations

from typing import Any

import pytest

from kamdoc.outline.deck import Box
from kamdoc.outline.layout import Flow, Fonts, split_para
from kamdoc.outline.measure import Metrics
from kamdoc.outline.richtext import Para, blocks
from kamdoc.theme.settings import load_theme


def _fonts() -> Fonts:
    theme = load_theme()
    return Fonts(Metrics(theme.font_file("regular")), Metrics(theme.font_file("bold")))


def _measured(monkeypatch: pytest.MonkeyPatch, markdown: str) -> tuple[int, int]:
    """Characters measured, and slides made, while a Markdown text flows over slides."""
    counted = [0]
    original = Metrics.break_runs

    def counting(self: Metrics, runs: list[tuple[str, bool]], *args: Any) -> list[int]:
        counted[0] += sum(len(text) for text, _ in runs)
        return original(self, runs, *args)

    monkeypatch.setattr(Metrics, "break_runs", counting)
    flow = Flow(_fonts(), Box(36, 80, 648, 400), 12.0, 10.0)
    flow.paras([p for p in blocks(markdown) if isinstance(p, Para)])
    return counted[0], len(flow.pages)


@pytest.mark.parametrize("end", ["  \n", "\n"], ids=["hard line breaks", "soft line breaks"])
def test_a_long_paragraph_is_measured_in_linear_work(monkeypatch: pytest.MonkeyPatch, end: str) -> None:
    def text(lines: int) -> str:
        return "".join(f"Line {i} of the market text{end}" for i in range(lines))

    small, small_pages = _measured(monkeypatch, text(400))
    large, large_pages = _measured(monkeypatch, text(1600))
    assert large_pages >= 3 * small_pages > 3  # the text really runs over many slides
    assert large <= 4 * small * 1.5, (
        small,
        large,
    )  # four times the text, at most about four times the work (was sixteen)


def test_a_split_keeps_every_character_in_order() -> None:
    fonts = _fonts()
    (para,) = [
        p
        for p in blocks("".join(f"Word{i} and more words, sentence {i}. " for i in range(3000)))
        if isinstance(p, Para)
    ]
    parts, rest = [], para
    while fonts.para_height(rest, 12.0, 500.0) > 300.0:  # as the flow does: only what does not fit is split
        cut = split_para(fonts, rest, 12.0, 500.0, 300.0)
        assert cut is not None
        parts.append(cut[0].text)
        rest = cut[1]
        assert fonts.para_height(cut[0], 12.0, 500.0) <= 300.0
    parts.append(rest.text)
    assert len(parts) > 50 and " ".join(parts) == para.text


def test_a_paragraph_keeps_a_bounded_number_of_style_changes_and_every_character() -> None:
    from kamdoc.limits import MAX_STYLED_RUNS

    (para,) = blocks("*a**a*" * 16_000)  # 32,000 italic runs: 660 MB of memory in the PDF before
    assert isinstance(para, Para)
    assert len(para.runs) == MAX_STYLED_RUNS and para.text.count("a") == 32_000
    assert para.runs[0].italic and not para.runs[-1].italic  # styled as written, then plain


THAI = "สวัสดีครับผมชื่อสมชายและนี่คือแผนงานของเราสำหรับลูกค้ารายใหญ่ที่สุด" * 6
EMOJI = "👩‍👩‍👧‍👦👍🏽🇩🇪1️⃣" * 20


@pytest.mark.parametrize("text", [THAI, EMOJI], ids=["thai", "emoji"])
def test_long_words_break_only_between_grapheme_clusters(text: str) -> None:
    """Thai (no spaces) and emoji sequences broken for a narrow box: no line starts inside a cluster (a vowel sign, a ZWJ)."""
    import regex

    from kamdoc.outline.richtext import Run

    fonts = _fonts()
    boundaries = {m.start() for m in regex.finditer(r"\X", text)}
    for width in (40.0, 73.0, 150.0):
        starts = fonts.breaks(Para((Run(text),)), 11.0, width)
        assert starts and set(starts) <= boundaries, width
        lines = fonts.regular.wrap(text, 11.0, width)
        assert "".join(lines) == text and all(sum(map(len, lines[:i])) in boundaries for i in range(len(lines)))
