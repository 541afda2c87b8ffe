"""Thin neighbouring slides on one: the small plan's parts of a kind stacked under headings, links and numbers kept."""

from __future__ import annotations

from conftest import DATA
from section_plans import valid

from kamdoc.outline.deck import ColumnChart, Deck, Table, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme

SMALL = DATA / "base" / "plan.yaml"


def _deck(path: object = SMALL, audience: str = "internal") -> Deck:
    result = valid(path)  # type: ignore[arg-type]
    return build_outline(result.plan, result.doc, load_theme(), audience=audience)


def _headings(slide: object) -> list[str]:
    return [
        e.paras[0].text
        for e in slide.elements  # type: ignore[attr-defined]
        if isinstance(e, Text) and e.colour == "primary" and e.paras and e.paras[0].runs[0].bold
    ]


def test_the_small_plans_customer_slides_share_one_under_headings() -> None:
    deck = _deck()
    titles = [s.title for s in deck.slides]
    assert "Key figures" not in titles and "Owners and subsidiaries" not in titles  # on the profile's slide
    profile = next(s for s in deck.slides if s.title == "Customer profile")
    assert _headings(profile) == ["Key figures", "Owners and subsidiaries"]  # the first part is the slide's title
    glance = next(s for s in deck.slides if s.title == "The customer at a glance")
    assert _headings(glance) == ["Customer goals and projects", "Market", "Competitors", "Buying strategy"]
    assert (glance.section, glance.also) == ("customer_goals", ("market", "buying_strategy"))
    together = next(s for s in deck.slides if s.title == "Projects and relationships")
    assert _headings(together) == ["Key projects", "Relationship plan"]
    assert len(deck.slides) <= 14  # 22 before


def test_parts_stand_in_order_inside_the_body_and_apart() -> None:
    deck = _deck()
    body = deck.body_box
    assert body is not None
    for slide in deck.slides:
        if not slide.also and slide.title not in ("Customer profile", "Mission and goals"):
            continue
        boxes = [e.box for e in slide.elements if isinstance(e, (Text, Table))]
        assert all(body.y - 0.01 <= b.y and b.bottom <= body.bottom + 0.01 for b in boxes), slide.title
        for a, b in zip(boxes, boxes[1:]):
            assert a.bottom <= b.y + 0.01, slide.title  # stacked: each part under the one before


def test_the_agenda_links_and_numbers_every_entry_to_the_slide_it_shares() -> None:
    deck = _deck()
    starts = deck.section_starts()
    glance = next(i for i, s in enumerate(deck.slides) if s.title == "The customer at a glance")
    assert starts["customer_goals"] == starts["market"] == starts["buying_strategy"] == glance
    agenda = next(s for s in deck.slides if s.kind == "agenda")
    names, pages = [e for e in agenda.elements if isinstance(e, Text)]
    numbers = {p.runs[0].link.lstrip("#"): q.text for p, q in zip(names.paras, pages.paras)}
    assert numbers["market"] == numbers["buying_strategy"] == str(glance + 1)


def test_a_slide_too_full_to_share_keeps_its_own() -> None:
    deck = _deck(DATA / "stress" / "plan.yaml")
    titles = [s.title for s in deck.slides]
    for part in ("Schlüsselprojekte", "Account-Team", "Beziehungsmanagement"):  # a part over two slides never joins
        assert f"{part} (1/2)" in titles and f"{part} (2/2)" in titles
    assert sum(1 for s in deck.slides if s.kind == "goal") >= 5  # a goal's slide is its own


def test_a_small_financials_shows_chart_and_table_on_one_slide() -> None:
    deck = _deck()
    (slide,) = [s for s in deck.slides if s.section == "financials"]
    (chart,) = [e for e in slide.elements if isinstance(e, ColumnChart)]
    (table,) = [e for e in slide.elements if isinstance(e, Table)]
    assert chart.box.bottom < table.box.y and [row[0] for row in table.rows] == ["Sensor boards", "Growth"]
    assert deck.body_box is not None and abs(table.box.bottom - deck.body_box.bottom) < 0.01


def test_a_part_over_two_slides_never_joins_even_after_a_thin_neighbour() -> None:
    from kamdoc.outline.kit import PlanKit
    from kamdoc.outline.pack import pack

    result = valid(SMALL)
    kit = PlanKit(result.plan, result.doc, load_theme(), False)
    deck = _deck()
    thin = next(s for s in deck.slides if s.title == "Projects and relationships")
    from kamdoc.outline.deck import Slide

    part = [e for e in thin.elements if isinstance(e, Table)][:1]
    first = Slide("key_projects", "Key projects", list(part), section="key_projects")
    long = [Slide("risks", "Risks", list(part), section="risks") for _ in range(2)]  # one part over two slides
    packed = pack(kit, [first, *long])
    assert [s.title for s in packed] == ["Key projects", "Risks", "Risks"]
