"""The word budget: a long text's lead and key facts on its slide, the whole of it in the appendix, linked both ways."""

from __future__ import annotations

from conftest import DATA, PLANS
from section_plans import valid

from kamdoc.outline.budget import PROSE_WORDS, lead, words
from kamdoc.outline.deck import Deck, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.outline.richtext import Para, Run
from kamdoc.theme.settings import load_theme


def _deck(path: object) -> Deck:
    result = valid(path)  # type: ignore[arg-type]
    return build_outline(result.plan, result.doc, load_theme())


def _words(slide: object) -> int:
    texts = [e for e in slide.elements if isinstance(e, Text) and e.role == "body"]  # type: ignore[attr-defined]
    return sum(len(p.text.split()) for e in texts for p in e.paras)


def test_the_lead_is_the_first_paragraph_and_the_bold_facts_within_the_budget() -> None:
    first = Para((Run("The market grows. " * 10),))  # 30 words
    plain = Para((Run("Background " * 50),))
    fact = Para((Run("Share: "), Run("38 %", bold=True)), "•")
    huge = Para((Run("Fact " * 200, bold=True),))
    assert lead([first, plain, fact, huge]) == [first, fact]  # in order; no fact past the budget
    long = Para((Run("One two three. " * 80),))  # 240 words, sentences of three
    (cut,) = lead([long])
    assert words([cut]) <= PROSE_WORDS and cut.text.endswith("three.")


def test_a_long_market_text_keeps_its_lead_and_links_to_the_whole_in_the_appendix() -> None:
    deck = _deck(PLANS / "halvorsen-logistics" / "plan.yaml")
    (slide,) = [s for s in deck.slides if s.title == "Our market"]
    assert _words(slide) <= PROSE_WORDS + 10  # the lead, the key facts and the line to the appendix
    more = [r for e in slide.elements if isinstance(e, Text) for p in e.paras for r in p.runs if r.link]
    assert [r.link for r in more] == ["#appendix_our_market"]
    (at, appendix) = next((n, s) for n, s in enumerate(deck.slides) if s.section == "appendix_our_market")
    assert appendix.title == "Appendix: Our market in full" and at > deck.slides.index(slide)
    assert all(s.kind == "appendix" for s in deck.slides[at:])  # the appendix is the deck's end
    assert more[0].text == f"The whole text: appendix, slide {appendix.number}"
    assert deck.section_starts()["appendix_our_market"] == at
    assert "The market for warehouse management software" in " ".join(
        p.text for e in appendix.elements if isinstance(e, Text) for p in e.paras
    )


def test_no_prose_slide_of_any_test_plan_runs_over_180_words_outside_the_appendix() -> None:
    for plan in (DATA / "stress", DATA / "base", PLANS / "brenner-werke", PLANS / "halvorsen-logistics"):
        deck = _deck(plan / "plan.yaml")
        for slide in deck.slides:
            prose = slide.kind in ("profile", "market", "our_market") and all(
                isinstance(e, Text) for e in slide.elements
            )
            assert not prose or _words(slide) <= 180, (plan.name, slide.title, _words(slide))


def test_a_sentence_that_announces_a_list_stays_only_with_its_list() -> None:
    lead_in = Para((Run("The trend is the "), Run("unmanned cell", bold=True), Run(". Important drivers are:")))
    items = [Para((Run("robot loading"),), "•"), Para((Run("direct drives"),), "•")]
    first = Para((Run("The market grows."),))
    (kept_first, kept_fact) = lead([first, lead_in, *items])
    assert kept_first == first
    assert kept_fact.text == "The trend is the unmanned cell." and kept_fact.runs[1].bold  # its key fact stays bold
    listed = Para((Run("Drivers:"),))
    facts = [Para((Run("robots", bold=True),), "•")]
    assert lead([first, listed, *facts]) == [first, facts[0]]  # the list shown, its lead-in is prose: not kept
    said_with = Para((Run("Key drivers", bold=True), Run(" are:")))
    assert lead([first, said_with, *facts]) == [first, said_with, facts[0]]  # shown with its list


def test_the_german_market_slide_ends_no_paragraph_with_a_colon() -> None:
    deck = _deck(PLANS / "brenner-werke" / "plan.yaml")
    (slide,) = [s for s in deck.slides if s.title == "Marktumfeld"]
    said = [p.text for e in slide.elements if isinstance(e, Text) for p in e.paras]
    assert not [line for line in said if line.rstrip().endswith(":")], said
    assert any("mannlos laufenden Zelle" in line for line in said)
