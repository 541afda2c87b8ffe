"""Slide titles of the plan's own (`titles:`): they replace kamdoc's on our copy, never on the customer's."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PLANS, TODAY, kamdoc
from section_plans import valid

from kamdoc.outline.plan_deck import build_outline
from kamdoc.theme.settings import load_theme

OWN = "Der Rahmenvertrag Antriebstechnik endet am 31.03.2027"


def _titles(audience: str) -> list[str]:
    result = valid(PLANS / "brenner-werke" / "plan.yaml")
    deck = build_outline(result.plan, result.doc, load_theme(), audience=audience)
    return [s.title for s in deck.slides]


def test_a_title_of_the_plans_own_replaces_kamdocs_on_our_copy_only() -> None:
    ours = _titles("internal")
    assert OWN in ours and "Verträge" not in ours
    theirs = _titles("customer")
    assert OWN not in theirs  # the author's words may judge: the customer's copy keeps kamdoc's


def test_an_unknown_entry_is_an_error_at_its_line_with_the_entry_meant(tmp_path: Path) -> None:
    folder = tmp_path / "brenner-werke"
    shutil.copytree(PLANS / "brenner-werke", folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(f"  contracts: {OWN}", f"  contract: {OWN}"), encoding="utf-8")
    line = text.splitlines().index(f"  contracts: {OWN}") + 1
    run = kamdoc("validate", plan, "--today", TODAY)
    assert run.code == 1
    assert f"plan.yaml:{line}:3: error: titles.contract: 'contract' ist keiner der Werte" in run.out + run.err
    assert "gemeint ist wohl 'contracts'" in run.out + run.err
