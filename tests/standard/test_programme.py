"""The programme settings in kamdoc.yaml (`portfolio:`) and plans' `assessment:` checked against them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc

CONFIG = (PLANS / "kamdoc.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    shutil.copytree(PLANS, in_tmp / "plans")
    shutil.move(in_tmp / "plans" / "kamdoc.yaml", in_tmp / "kamdoc.yaml")
    return in_tmp


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_examples_are_assessed_without_findings(repo: Path) -> None:
    run = kamdoc("validate", "--strict", "--today", TODAY)
    assert run.code == 0, run.out + run.err


def test_a_score_for_an_unknown_criterion_is_an_error_on_its_line(repo: Path) -> None:
    plan = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    edit(plan, "    margin: {score: 3,", "    margins: {score: 3,")
    line = next(i for i, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if "margins:" in text)
    run = kamdoc("validate", "--today", TODAY)
    assert run.code == 1
    assert (
        f"plans/halvorsen-logistics/plan.yaml:{line}:5: error: assessment.scores.margins: 'margins' is not a criterion in kamdoc.yaml "
        "(portfolio.criteria): one of revenue_potential, margin, growth, cross_selling, access (did you mean 'margin'?)"
    ) in run.out
    assert (
        "warning: assessment.scores: no answer for margin: the attractiveness is worked out from the others" in run.out
    )


def test_scores_run_from_1_to_5(repo: Path) -> None:
    edit(repo / "plans" / "halvorsen-logistics" / "plan.yaml", "growth: {score: 4,", "growth: {score: 6,")
    run = kamdoc("validate", "--today", TODAY)
    assert run.code == 1 and "assessment.scores.growth.score: the number 6 is out of range (limit 5)" in run.out


def test_unknown_knock_out_and_partnership(repo: Path) -> None:
    plan = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    edit(plan, "  partnership: operative", "  partnership: friendly")
    edit(plan, "    size: {met: true", "    headcount: {met: true")
    out = kamdoc("validate", "--today", TODAY).out
    assert "assessment.partnership: 'friendly' is not one of lean, operative, strategic" in out
    assert (
        "assessment.knock_outs.headcount: 'headcount' is not a knock-out criterion in kamdoc.yaml (portfolio.knock_outs)"
        in out
    )
    assert "assessment.knock_outs: no answer for size: the portfolio cannot say whether the account passes them" in out


def test_scores_without_configured_criteria_are_a_warning(repo: Path) -> None:
    (repo / "kamdoc.yaml").unlink()
    run = kamdoc("validate", "--today", TODAY)
    assert run.code == 0
    assert (
        "warning: assessment.scores: kamdoc.yaml has no portfolio.criteria, so these are neither checked nor used; add them there"
        in run.out
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    - {id: growth, name: Growth of the customer, weight: 20}\n    - {id: cross_selling, name: Cross- and up-selling, weight: 15}\n"
            "    - {id: access, name: Access to decision-makers, weight: 15}\n",
            "",
            "error: portfolio: give 3 to 8 criteria (there are 2)",
        ),
        (
            "{id: margin, name: Achievable margin, weight: 20}",
            "{id: margin, name: Achievable margin, weight: 0}",
            "error: portfolio.criteria[1].weight: 0 is out of range: give a number more than 0",
        ),
        ("{id: growth,", "{id: margin,", "error: portfolio: duplicate criterion id 'margin'; ids are unique"),
        (
            "  review_months: 6",
            "  review_months: 6\n  pareto_share: 0.95",
            "error: portfolio.pareto_share: 0.95 is out of range",
        ),
        (
            "  review_months: 6",
            "  review_months: 6\n  rank_by: margin",
            "error: portfolio.rank_by: 'margin' is not one of revenue, gross_profit",
        ),
        (
            "  review_months: 6",
            "  review_month: 6",
            "error: portfolio.review_month: unknown setting; known: currency, rates, rank_by, pareto_share, review_months, criteria, knock_outs",
        ),
    ],
)
def test_mistakes_in_the_settings_are_errors_with_their_line(repo: Path, old: str, new: str, message: str) -> None:
    edit(repo / "kamdoc.yaml", old, new)
    run = kamdoc("validate", "--today", TODAY)
    assert run.code == 1
    assert message in run.err
