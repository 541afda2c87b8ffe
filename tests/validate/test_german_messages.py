"""A German plan's findings are said in German; every message kamdoc gives has its German form."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, PLANS, kamdoc

from kamdoc.messages import has_german, in_german
from kamdoc.validate.plan import validate_file

FIXTURES = sorted((DATA / "bad").glob("*.yaml")) + [
    DATA / "stress" / "plan.yaml",
    PLANS / "brenner-werke" / "plan.yaml",
]


@pytest.mark.parametrize("plan", FIXTURES, ids=[p.stem if p.stem != "plan" else p.parent.name for p in FIXTURES])
def test_every_message_has_a_german_form(plan: Path) -> None:
    result = validate_file(plan, date(2026, 11, 22))
    missing = [f.message for f in result.findings if not has_german(f.message)]
    assert not missing, missing


def test_a_german_plan_is_told_in_german_unless_asked_otherwise(tmp_path: Path) -> None:
    shutil.copytree(PLANS / "brenner-werke", tmp_path / "p")
    plan = tmp_path / "p" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("attitude: neutral", "attitude: hostile", 1), encoding="utf-8"
    )
    german = kamdoc("validate", tmp_path / "p", "--today", "2026-11-22")
    assert (
        german.code == 1 and "'hostile' ist keiner der Werte mentor, positive, neutral, negative, enemy" in german.out
    )
    assert "(gemeint ist wohl 'positive')" in german.out
    english = kamdoc("validate", tmp_path / "p", "--today", "2026-11-22", "--language", "en")
    assert "'hostile' is not one of mentor, positive" in english.out
    github = kamdoc("validate", tmp_path / "p", "--today", "2026-11-22", "--format", "github").out
    assert "ist keiner der Werte" in github


def test_values_ids_and_paths_stay_as_written() -> None:
    said = in_german("'../base/oakridge.png' does not exist (looked for tests/data/bad/../base/oakridge.png)")
    assert said == "'../base/oakridge.png' gibt es nicht (gesucht: tests/data/bad/../base/oakridge.png)"
    assert (
        in_german("a goal without a metric is not SMART: add 'metric'")
        == "ein Ziel ohne Messgröße ist nicht SMART: ergänze 'metric'"
    )
    assert in_german("image 'charts/share.png' does not exist (looked for plans/acme/charts/share.png)") == (
        "Bild 'charts/share.png' gibt es nicht (gesucht: plans/acme/charts/share.png)"
    )
    assert in_german("something kamdoc has no German for yet") == "something kamdoc has no German for yet"


def test_a_misspelt_part_of_the_deck_in_speaker_notes_names_the_parts(tmp_path: Path) -> None:
    shutil.copytree(PLANS / "brenner-werke", tmp_path / "p")
    plan = tmp_path / "p" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("  financials: Die Planzahlen", "  financals: Die Planzahlen"),
        encoding="utf-8",
    )
    run = kamdoc("validate", tmp_path / "p", "--today", "2026-11-22")
    assert run.code == 1
    said = [line for line in run.out.splitlines() if "speaker_notes.financals" in line]
    assert (
        len(said) == 1
        and ":3: error: speaker_notes.financals: 'financals' ist keiner der Werte profile, customer_goals" in said[0]
    )
    assert "(gemeint ist wohl 'financials')" in said[0]


def test_the_closing_line_speaks_the_language_most_plans_speak(tmp_path: Path) -> None:
    german = kamdoc("validate", PLANS / "brenner-werke", "--today", "2026-11-22")
    assert german.err.strip().splitlines()[-1] == "1 Plan geprüft: 0 Fehler, 0 Warnungen"
    both = kamdoc("validate", PLANS / "brenner-werke", PLANS / "halvorsen-logistics", "--today", "2026-11-22")
    assert both.err.strip().splitlines()[-1] == "checked 2 plans: 0 errors, 0 warnings"  # a tie: English


def test_scores_of_criteria_kamdoc_yaml_does_not_name_are_told_in_german(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    shutil.copytree(PLANS / "brenner-werke", tmp_path / "plans" / "brenner")
    plan = tmp_path / "plans" / "brenner" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("    growth: {score", "    grwth: {score"), encoding="utf-8"
    )
    (tmp_path / "kamdoc.yaml").write_text(
        "portfolio:\n  criteria:\n"
        + "".join(
            f"    - {{id: {c}, name: {c}, weight: 1}}\n" for c in ("revenue_potential", "margin", "growth", "access")
        )
        + "  knock_outs:\n    - {id: size, name: Größe}\n",
        encoding="utf-8",
    )
    run = kamdoc("validate", tmp_path / "plans", "--today", "2026-11-22")
    assert run.code == 1
    assert "'grwth' ist kein Kriterium in kamdoc.yaml (portfolio.criteria): eines von revenue_potential" in run.out
    assert "(gemeint ist wohl 'growth')" in run.out and "'cross_selling' ist kein Kriterium" in run.out
    assert "'no_exclusive_rival_contract' ist kein K.-o.-Kriterium in kamdoc.yaml (portfolio.knock_outs)" in run.out


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_kamdoc_yaml_that_is_not_yaml_is_told_in_the_language_it_says(in_tmp: Path, language: str) -> None:
    # Its language cannot be read from the settings the broken YAML would give, so the line `language: de` is read alone.
    shutil.copytree(PLANS / "brenner-werke", in_tmp / "plans" / "brenner")
    (in_tmp / "kamdoc.yaml").write_text(f"plans: plans\nlanguage: {language}\nformats: [pptx\n", encoding="utf-8")
    run = kamdoc("validate", "plans", "--today", "2026-11-22")
    assert run.code == 1
    said = {
        "de": "kamdoc.yaml:3:10: error: die hier mit [ geöffnete Liste wird nie geschlossen",
        "en": "kamdoc.yaml:3:10: error: the list opened here with [ is never closed",
    }
    assert said[language] in run.out + run.err, run.out + run.err
