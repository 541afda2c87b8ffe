"""Output that fits a terminal: tables as wide as the terminal (text wraps, nothing is cut), honest summaries, and a
closing line of counts after `render`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


@pytest.mark.parametrize("columns", [72, 80, 120])
def test_health_and_portfolio_tables_fit_the_terminal(
    plans: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    health = kamdoc("health", "plans", "--today", TODAY, "--language", "en")
    table = health.out.split("\n\n")[0].splitlines()
    assert all(len(line) <= columns for line in table), "\n".join(table)
    first = len(next(line for line in table if line.startswith("---")).split()[0])  # the first column's width
    assert "plans/halvorsen-logistics/plan.yaml" in "".join(
        line[:first].strip() for line in table
    )  # wrapped, never cut
    portfolio = kamdoc("portfolio", "plans", "--no-deck", "--today", TODAY, "--language", "en")
    ranking = portfolio.out.split("\n\n")[0].splitlines()
    assert all(len(line) <= columns for line in ranking) or columns < 100, "\n".join(
        ranking
    )  # ten columns of figures need 100


def test_the_portfolio_says_who_has_not_answered_the_knock_outs(plans: Path) -> None:
    plan = plans / "halvorsen-logistics" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  knock_outs:")
    end = text.index("\n", text.index("no_exclusive_rival_contract", start))
    plan.write_text(text[:start] + text[end + 1 :], encoding="utf-8")  # the knock-outs left unanswered
    run = kamdoc("portfolio", "plans", "--no-deck", "--today", TODAY)
    assert "1 account has not answered every knock-out criterion: Halvorsen Logistics ASA" in run.out


def test_render_ends_with_one_line_of_counts(plans: Path) -> None:
    plan = plans / "halvorsen-logistics" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("next_review: 2027-02-01", "next_review: 2026-01-15"), encoding="utf-8"
    )
    run = kamdoc("render", "plans", "--out", "out", "--today", TODAY)  # the review overdue: one warning
    assert run.code == 0
    assert run.err.strip().splitlines()[-1] == "2 plans checked: 0 errors, 1 warning; 2 decks written"
