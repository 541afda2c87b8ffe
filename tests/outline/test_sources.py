"""The sources section end to end: citations numbered in the deck and listed on a closing slide, an unknown source an
error at its own line, the organisation's rule that every key figure names one, and a customer's copy without them."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, TODAY, kamdoc
from section_plans import edited, valid

from kamdoc.analyse.diff import compare
from kamdoc.outline.change_words import ChangeWords
from kamdoc.outline.deck import BubbleChart, Table, Text
from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme

PLAN = DATA / "sources" / "plan.yaml"


def _said(slide: object) -> str:
    return " ".join(p.text for e in slide.elements if isinstance(e, Text) for p in e.paras)  # type: ignore[attr-defined]


def test_citations_are_numbered_as_the_sources_are_listed_and_the_list_closes_the_deck() -> None:
    result = valid(PLAN)
    deck = build_outline(result.plan, result.doc, load_theme())
    said = " ".join(_said(s) for s in deck.slides)  # thin slides may share one: read the deck, not one slide
    assert "North America\u00a0[1]." in said
    assert "a year\u00a0[3]." in said and "part\u00a0[3]\u00a0[4]." in said
    tables = [e for s in deck.slides for e in s.elements if isinstance(e, Table)]
    assert any(t.rows[0][0] == "Revenue\u00a0[1]" for t in tables)  # the key figures
    owners = next(t for t in tables if t.rows[0][0] == "Founders")
    assert [r[0] for r in owners.rows] == ["Founders", "Northgate Capital\u00a0[2]"]
    (chart,) = [e for s in deck.slides for e in s.elements if isinstance(e, BubbleChart)]
    assert chart.bubbles[0].label == "Oakridge GmbH\u00a0[4]"
    last = deck.slides[-1]
    assert last.kind == "sources" and last.title == "Sources"
    entries = [(p.bullet, p.text) for e in last.elements if isinstance(e, Text) for p in e.paras]
    assert entries == [
        ("[1]", "Annual report 2025"),
        (None, "Oakridge Components plc, 20 Mar 2026 · https://oakridge.example/investors/annual-report-2025.pdf"),
        ("[2]", "Persons with significant control"),
        (None, "Companies House, 1 Jun 2026 · https://find-and-update.company-information.service.gov.uk/"),
        ("[3]", "Hydraulic sensor market 2026–2030"),
        (None, "Fluid Power Research, 10 Feb 2026 · File: market-study.md"),
        ("[4]", "Call with Leila Khan about the German plant"),
        (None, "Priya Natarajan, 14 Sept 2026"),
    ]
    link = next(r for e in last.elements if isinstance(e, Text) for p in e.paras for r in p.runs if r.link)
    assert link.text == link.link == "https://oakridge.example/investors/annual-report-2025.pdf"


def test_the_customers_copy_has_no_sources_and_no_citation_marks() -> None:
    result = valid(PLAN)
    deck = build_outline(result.plan, result.doc, load_theme(), audience="customer")
    said = " ".join(_said(s) for s in deck.slides)
    cells = " ".join(c for s in deck.slides for e in s.elements if isinstance(e, Table) for r in e.rows for c in r)
    assert "North America." in said and "[1]" not in said + cells and "[^" not in said + cells
    assert "sources" not in {s.kind for s in deck.slides} and "Sources" not in said


def test_an_unknown_citation_is_an_error_at_its_own_line_of_the_markdown_file(tmp_path: Path) -> None:
    plan = edited("sources", tmp_path, "id: market-study", "id: market-report")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 1
    market = plan.parent / "market.md"
    assert (
        f"{market}:1:72: error: profile.market: '[^market-study]' cites no entry of sources; did you mean " in run.out
    )
    assert f"{market}:3:48: error: profile.market: '[^market-study]' cites no entry of sources" in run.out


def test_an_unknown_source_of_a_figure_is_an_error_at_its_place_in_the_plans_language(tmp_path: Path) -> None:
    plan = edited("sources", tmp_path, "      source: companies-house", "      source: companies-hous")
    plan.write_text(plan.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    run = kamdoc("validate", plan.parent, "--today", TODAY)
    assert run.code == 1
    assert (
        ":34:15: error: profile.owners[1].source: 'companies-hous' steht nicht in sources (als id); "
        "gemeint ist wohl 'companies-house'" in run.out
    )


def test_with_require_sources_every_key_figure_names_one(in_tmp: Path) -> None:
    shutil.copytree(DATA / "sources", in_tmp / "p")
    plan = in_tmp / "p" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("      source: annual-report\n", ""), encoding="utf-8")
    assert kamdoc("validate", "p", "--today", TODAY).code == 0  # a plan's own choice, until the organisation says
    (in_tmp / "kamdoc.yaml").write_text("require_sources: true\n", encoding="utf-8")
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1
    assert (
        "p/plan.yaml:25:7: error: profile.kpis[0]: names no source, and kamdoc.yaml says require_sources: true; "
        "add source: with the id of an entry in sources" in run.out
    )
    (in_tmp / "kamdoc.yaml").write_text("require_sources: yes please\n", encoding="utf-8")
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1 and "require_sources: expected true or false, got 'yes please'" in run.out + run.err


def test_a_changed_source_is_said_in_the_diff(tmp_path: Path) -> None:
    old = valid(PLAN)
    new = valid(edited("sources", tmp_path, "    date: 2026-09-14", "    date: 2026-09-15"))
    changes = [ChangeWords("en").line(c) for c in compare(old.plan, new.plan) if c.section == "sources"]
    assert changes == ["Sources: call-khan: Date: 14 Sept 2026 → 15 Sept 2026"]


def test_a_cited_file_must_lie_in_the_plans_repo_and_is_looked_for_not_read(tmp_path: Path) -> None:
    missing = edited("sources", tmp_path / "a", "file: market-study.md", "file: studies/market-study.md")
    run = kamdoc("validate", missing.parent, "--today", TODAY)
    assert run.code == 0
    assert ":131:11: warning: sources[2].file: 'studies/market-study.md' does not exist (looked for " in run.out
    outside = edited("sources", tmp_path / "b", "file: market-study.md", "file: ../../../../etc/passwd")
    (outside.parent / ".git").mkdir()
    run = kamdoc("validate", outside.parent, "--today", TODAY)
    assert run.code == 1 and "sources[2].file: '../../../../etc/passwd' points outside the plans repo" in run.out
