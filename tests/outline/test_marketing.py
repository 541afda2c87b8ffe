"""The marketing calendar as a timeline by quarter; a table where a timeline would not read."""

from __future__ import annotations

from pathlib import Path

from conftest import PLANS
from section_plans import valid

from kamdoc.outline.deck import Deck, Shape, Table
from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme

HALVORSEN = PLANS / "halvorsen-logistics" / "plan.yaml"


def _deck(path: Path) -> Deck:
    result = valid(path)
    return build_outline(result.plan, result.doc, load_theme())


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    import shutil

    folder = tmp_path / "halvorsen-logistics"
    shutil.copytree(HALVORSEN.parent, folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan


def test_each_event_is_a_card_under_its_quarter_in_date_order() -> None:
    deck = _deck(HALVORSEN)
    (slide,) = [s for s in deck.slides if s.section == "marketing"]
    shapes = [e for e in slide.elements if isinstance(e, Shape)]
    heads = [s for s in shapes if s.fill == "primary"]
    assert [h.paras[0].text for h in heads] == ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027", "Q1 2028", "Q2 2028"]
    cards = [s for s in shapes if s.fill != "primary"]
    dates = [c.paras[0].text.replace("\n", " ") for c in cards]
    assert dates == [
        "10 Feb 2027",
        "24 Feb 2027",
        "19 May 2027",
        "8 Sept 2027",
        "17 Nov 2027",
        "12 Apr 2028",
        "14 Jun 2028",
    ]
    column = {h.paras[0].text: h.box for h in heads}
    assert cards[1].box.x == column["Q1 2027"].x and cards[1].box.y > cards[0].box.bottom  # second in its quarter
    assert cards[-1].box.x == column["Q2 2028"].x
    assert not any(a.box.overlaps(b.box) for i, a in enumerate(shapes) for b in shapes[i + 1 :])
    assert deck.body_box is not None and all(s.box.bottom <= deck.body_box.bottom for s in shapes)


def test_an_event_without_a_date_or_a_calendar_over_two_years_is_a_table(tmp_path: Path) -> None:
    for n, (old, new) in enumerate(
        (("  - date: 2027-02-10\n    event:", "  - event:"), ("  - date: 2028-06-14\n", "  - date: 2029-06-14\n"))
    ):
        deck = _deck(_edited(tmp_path / str(n), old, new))
        (slide,) = [s for s in deck.slides if s.section == "marketing"]
        assert [type(e) for e in slide.elements] == [Table]
