"""The outline's memos answer as the work they save would, and stay within their caps whatever a plan says."""

from __future__ import annotations

from typing import Any

import pytest

from kamdoc.outline import power_map, richtext
from kamdoc.outline.kit import Geometry
from kamdoc.outline.measure import Metrics
from kamdoc.outline.memo import Memo
from kamdoc.standard.model import Link, Person
from kamdoc.theme.settings import load_theme


def _metrics() -> tuple[Metrics, Metrics]:
    theme = load_theme()
    return Metrics(theme.font_file("regular")), Metrics(theme.font_file("bold"))


def test_a_memo_keeps_no_more_entries_than_its_cap() -> None:
    memo: Memo[int, str] = Memo(entries=3)
    for k in range(10):
        assert memo.put(k, str(k), 1) == str(k)  # an answer not kept is still given
    assert len(memo.kept) == 3
    assert 9 not in memo.kept


def test_a_memo_keeps_no_more_characters_than_its_cap() -> None:
    memo: Memo[int, str] = Memo(chars=100)
    for k in range(10):
        memo.put(k, "x" * 40, 40)
    assert len(memo.kept) == 2  # 80 characters kept; a third text would pass the cap


def test_wraps_remembered_are_the_wraps_worked_out_and_bounded() -> None:
    kept, fresh = _metrics()[0], _metrics()[0]
    kept._wraps = Memo(entries=5)
    texts = [f"Word {i} and a few more words that wrap, {i * 'x'}" for i in range(30)]
    for _ in range(2):
        for text in texts:
            assert kept.wrap(text, 10.0, 80.0) == fresh._wrap(text, 10.0, 80.0)
    assert len(kept._wraps.kept) == 5


def test_line_breaks_remembered_are_those_worked_out_and_bounded() -> None:
    kept, bold = _metrics()
    kept._breaks = Memo(entries=4)
    for _ in range(2):
        for i in range(20):
            runs = [(f"Bold {i} ", True), (f"and regular words {i} " * 5, False)]
            assert kept.break_runs(runs, 10.0, 90.0, bold) == kept._break_runs(runs, 10.0, 90.0, bold)
    assert len(kept._breaks.kept) == 4


def test_the_power_maps_box_heights_are_kept_once_a_person_and_style(monkeypatch: pytest.MonkeyPatch) -> None:
    maps: list[power_map._Map] = []
    made = power_map._Map.__init__

    def kept(self: power_map._Map, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        maps.append(self)

    monkeypatch.setattr(power_map._Map, "__init__", kept)
    people = [
        Person(id=f"p{i}", name=f"Person {i}", title="Engineer", roles=["user"], reports_to=f"p{i // 4}" if i else None)
        for i in range(80)
    ]
    links = [Link(from_=f"p{i}", to=f"p{79 - i}") for i in range(0, 80, 7)]
    geometry = Geometry.of(load_theme())
    power_map.power_map_slides(people, links, geometry.body, geometry.fonts, "en")
    (m,) = maps
    styles = {key[0] for key in m._box_heights}
    assert len(styles) <= len(power_map.SIZES) * len(power_map.WIDTHS) + len(power_map.SPLIT_SIZES) * len(
        power_map.WIDTHS
    )
    # Each person at each style: with or without a line for a tag, and for a team's slide.
    assert 0 < len(m._box_heights) <= 4 * len(styles) * len(people)
    assert len(m._lines) <= 2 * len(people)


def test_markdown_parsed_before_is_parsed_as_again_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(richtext, "_PARSED", Memo(entries=3))
    texts = [f"**Goal {i}**\n\n- first\n- second {i}\n\n| a | b |\n|---|--:|\n| {i} | 2 |" for i in range(10)]
    for _ in range(2):
        for text in texts:
            assert richtext.blocks(text) == richtext._parsed(text)
    assert len(richtext._PARSED.kept) == 3
