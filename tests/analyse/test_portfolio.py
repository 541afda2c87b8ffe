"""`kamdoc portfolio` over a repository of 12 generated accounts: 80/20 ranking and cut, quadrants, partnerships, knock-outs, the deck."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import kamdoc
from decks import titles
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from programme_repo import TODAY, repo_fixture  # noqa: F401 - the module's `repo` fixture

DAY = TODAY.isoformat()


@pytest.fixture(scope="module")
def report(repo: Path) -> dict:
    run = kamdoc("portfolio", "--format", "json", "--no-deck", "--today", DAY)
    assert run.code == 1, run.err  # lima does not validate
    assert "left out: plans/lima/plan.yaml does not validate" in run.err
    return json.loads(run.out)


@pytest.fixture(scope="module")
def deck(repo: Path) -> Path:
    run = kamdoc("portfolio", "--to", "pptx,pdf", "--out", "decks", "--today", DAY)
    assert (repo / "decks" / "portfolio.pptx").is_file() and (repo / "decks" / "portfolio.pdf").is_file(), run.err
    return repo / "decks"


def test_accounts_are_ranked_by_revenue_in_the_reporting_currency(report: dict) -> None:
    ranked = [(a["account"], a["revenue"]) for a in report["accounts"]]
    assert ranked == [
        ("Alpha Group", 5_000_000),
        ("Bravo Group", 3_000_000),
        ("Charlie Group", 2_000_000),
        ("Delta Group", 1_000_000),
        ("Echo Group", 800_000),
        ("Foxtrot Group", 600_000),  # 750k USD at 0.8
        ("Golf Group", 500_000),
        ("Hotel Group", 400_000),
        ("India Group", 300_000),
        ("Juliett Group", 200_000),
        ("Kilo Group", 150_000),
    ]
    assert report["total_revenue"] == 13_950_000 and report["invalid"] == ["plans/lima/plan.yaml"]


def test_the_accounts_that_make_80_percent(report: dict) -> None:
    # 5,000 + 3,000 + 2,000 + 1,000 = 11,000 of 13,950 is 78.9 %: Echo crosses the line and belongs to the core.
    core = [a["account"] for a in report["accounts"] if a["core"]]
    assert core == ["Alpha Group", "Bravo Group", "Charlie Group", "Delta Group", "Echo Group"]
    assert report["pareto"]["accounts"] == 5
    assert report["pareto"]["top_share"] == pytest.approx(5000 / 13950)
    assert report["pareto"]["top3_share"] == pytest.approx(10000 / 13950)
    assert report["accounts"][-1]["cumulative"] == pytest.approx(1.0)


def test_each_account_lands_in_its_quadrant(report: dict) -> None:
    quadrant = {a["account"]: (a["quadrant"], a["strategy"]) for a in report["accounts"]}
    assert quadrant["Alpha Group"] == ("star", "develop")
    assert quadrant["Bravo Group"] == ("question-mark", "selective")
    assert quadrant["Charlie Group"] == ("cash-cow", "maintain")
    assert quadrant["Delta Group"] == ("dog", "withdraw")
    assert quadrant["Echo Group"] == ("star", "develop")  # exactly 3 and 3: the middle counts as high
    assert quadrant["India Group"] == (None, None)  # not assessed
    alpha = report["accounts"][0]
    # Position: share of wallet 50 % -> 5, decision-makers positive -> 4, strategic -> 5.
    assert alpha["attractiveness"] == pytest.approx(4.0) and alpha["position"] == pytest.approx(14 / 3)


def test_partnerships_and_knock_outs(report: dict) -> None:
    by_name = {a["account"]: a for a in report["accounts"]}
    assert [by_name[n]["partnership"] for n in ("Alpha Group", "Bravo Group", "Echo Group", "India Group")] == [
        "strategic",
        "lean",
        "operative",
        None,
    ]
    assert by_name["Foxtrot Group"]["knock_outs_failed"] == [
        {"criterion": "At least 1000 employees", "reason": "450 staff"}
    ]
    assert by_name["Kilo Group"]["knock_outs_unanswered"] == ["At least 1000 employees"]
    assert all(not a["knock_outs_failed"] for n, a in by_name.items() if n != "Foxtrot Group")


def test_text_and_markdown_tables(repo: Path) -> None:
    text = kamdoc("portfolio", "--no-deck", "--today", DAY).out
    assert "5 of 11 accounts make 80% of revenue" in text
    assert "concentration: top account 35.8%, top 3 71.7%" in text
    assert "knock-outs failed: Foxtrot Group (At least 1000 employees)" in text
    line = next(line for line in text.splitlines() if "Bravo Group" in line and "question-mark" in line)
    assert "3.0m" in line and "21.5%" in line
    markdown = kamdoc("portfolio", "--no-deck", "--format", "markdown", "--today", DAY).out
    assert "| 1 | Alpha Group | 5.0m |" in markdown and "## Plan health" in markdown


def test_the_deck_has_a_native_matrix_and_curve(deck: Path) -> None:
    prs = Presentation(str(deck / "portfolio.pptx"))
    charts = {sh.chart.chart_type: sh.chart for slide in prs.slides for sh in slide.shapes if sh.has_chart}
    bubbles = charts[XL_CHART_TYPE.BUBBLE].plots[0].series[0]
    assert len(list(bubbles.values)) == 10  # every scored account; India has no assessment
    labels = [p.data_label.text_frame.text for p in bubbles.points]
    assert "Alpha Group" in labels and "India Group" not in labels
    line_chart = next(c for t, c in charts.items() if "LINE" in str(t))
    curve = list(line_chart.plots[0].series[0].values)
    assert curve[0] == pytest.approx(5000 / 13950, abs=1e-4) and curve[-1] == pytest.approx(1.0)
    shown = titles(deck / "portfolio.pptx")
    assert shown[1:] == [
        "At a glance",
        "80/20: revenue by account",
        "Accounts ranked by revenue",
        "Portfolio matrix",
        "Partnership levels",
        "Knock-out criteria",
        "Plan health",
    ]


def test_plan_health_cells_are_coloured_by_status(deck: Path) -> None:
    from pptx.dml.color import RGBColor

    prs = Presentation(str(deck / "portfolio.pptx"))
    table = next(
        sh.table for s in prs.slides for sh in s.shapes if sh.has_table and sh.table.cell(0, 1).text == "Status"
    )
    colours = {table.cell(r, 1).text: table.cell(r, 1).fill.fore_color.rgb for r in range(1, len(table.rows))}
    assert colours == {
        "Red": RGBColor.from_string("DB7058"),
        "Amber": RGBColor.from_string("F2CF80"),
        "Green": RGBColor.from_string("90C499"),
    }


def test_the_pdf_shows_the_same(deck: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(deck / "portfolio.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Portfolio matrix",
        "Stars (develop)",
        "Cash cows (maintain)",
        "Alpha Group",
        "Plan health",
        "450 staff",
        "80%",
    ):
        assert expected in text, expected


def test_a_currency_without_rate_is_an_error(repo: Path, tmp_path: Path) -> None:
    (repo / "kamdoc.yaml").write_text(
        (repo / "kamdoc.yaml").read_text().replace("rates: {USD: 0.8}", "rates: {CHF: 1.05}")
    )
    try:
        run = kamdoc("portfolio", "--no-deck", "--today", DAY)
    finally:
        (repo / "kamdoc.yaml").write_text(
            (repo / "kamdoc.yaml").read_text().replace("rates: {CHF: 1.05}", "rates: {USD: 0.8}")
        )
    assert run.code == 1
    assert (
        "kamdoc.yaml gives no rate for USD (portfolio.rates.USD: what one USD is worth in EUR), needed for plans/foxtrot/plan.yaml"
        in run.err
    )
    assert run.out == ""


def test_text_and_markdown_in_german(repo: Path) -> None:
    text = kamdoc("portfolio", "--no-deck", "--language", "de", "--today", DAY).out
    assert "5 von 11 Accounts machen 80 % des Umsatzes" in text
    assert "Konzentration: größter Account 35,8 %, Top 3 71,7 %" in text
    assert "K.-o.-Kriterien nicht erfüllt: Foxtrot Group (At least 1000 employees)" in text
    line = next(line for line in text.splitlines() if "Bravo Group" in line)
    assert "3,0 Mio." in line and "21,5 %" in line and "Question" in line
    assert "Zustand der Pläne: rot " in text and "knock-outs" not in text
    markdown = kamdoc("portfolio", "--no-deck", "--format", "markdown", "--language", "de", "--today", DAY).out
    assert "| 1 | Alpha Group | 5,0 Mio. |" in markdown and "## Zustand der Pläne" in markdown


def test_german_deck(repo: Path) -> None:
    run = kamdoc("portfolio", "--to", "pptx", "--language", "de", "--out", "de", "--today", DAY)
    shown = titles(repo / "de" / "portfolio.pptx")
    assert "Portfolio-Matrix" in shown and "Zustand der Pläne" in shown, run.err


def test_a_b_and_c_by_the_cumulative_share(report: dict) -> None:
    # A: the five that make 80 %; B: up to 95 % (Hotel starts at 92.5 %); C: the rest.
    classes = {a["account"].split()[0]: a["class"] for a in report["accounts"]}
    assert [k for k, v in classes.items() if v == "A"] == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert [k for k, v in classes.items() if v == "B"] == ["Foxtrot", "Golf", "Hotel"]
    assert [k for k, v in classes.items() if v == "C"] == ["India", "Juliett", "Kilo"]
    assert report["pareto"]["by"] == "revenue"


def test_ranked_by_gross_profit_with_a_pareto_share_of_its_own() -> None:
    """The examples by gross profit: each product's last actual year times its margin, in euros."""
    from datetime import date

    from conftest import PLANS

    from kamdoc.analyse.health import Summary
    from kamdoc.analyse.portfolio import analyse
    from kamdoc.load.settings import programme_for
    from kamdoc.validate.plan import validate_file

    plans = [validate_file(PLANS / name / "plan.yaml", TODAY).plan for name in ("brenner-werke", "halvorsen-logistics")]
    found = [Summary(p.cover.account, p.cover.account, p, 0) for p in plans if p is not None]
    programme = programme_for(PLANS).model_copy(update={"rank_by": "gross_profit", "pareto_share": 0.7})
    by_profit = analyse(found, date(2026, 11, 23), programme)
    expected = {}
    for plan in plans:
        assert plan is not None
        fin = plan.financials
        year = max(y for p in fin.products for y in p.actual)
        profit = sum(p.actual.get(year, 0) * (p.margin or 0) / 100 for p in fin.products) * 1000
        expected[plan.cover.account] = profit * (programme.rate(fin.currency) or 0)
    ranked = [(a.account, a.gross_profit) for a in by_profit.accounts]
    assert ranked == sorted(expected.items(), key=lambda kv: -kv[1])
    assert by_profit.accounts[0].share == pytest.approx(ranked[0][1] / sum(expected.values()))
    # Brenner makes 68 % of the gross profit, short of the 70 % line: Halvorsen crosses it and is an A account too.
    assert by_profit.accounts[0].share == pytest.approx(0.684, abs=0.001)
    assert [a.abc for a in by_profit.accounts] == ["A", "A"]
