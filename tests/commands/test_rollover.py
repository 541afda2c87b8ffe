"""`kamdoc rollover` of both examples: every comment kept, the rolled plan valid with only its estimates reported,
`kamdoc diff` showing exactly the changes it printed; controlling's figures from a CSV file, and its mistakes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import kamdoc
from git_history import committed_plans

ROLL_DAY = "2027-01-15"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    committed_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def _changes(out: str) -> list[str]:
    """The change lines of `rollover`'s or `diff`'s text: "  ~ cover: version: …", "  + …", "  - …"."""
    return [line.strip() for line in out.splitlines() if re.match(r"^  [~+-] ", line)]


@pytest.mark.parametrize("name", ["brenner-werke", "halvorsen-logistics"])
def test_a_rolled_example_keeps_its_comments_validates_and_diffs_as_said(repo: Path, name: str) -> None:
    plan = repo / "plans" / name / "plan.yaml"
    before = plan.read_text(encoding="utf-8")
    run = kamdoc("rollover", f"plans/{name}", "--version", ROLL_DAY, "--today", ROLL_DAY)
    assert run.code == 0, run.out + run.err
    after = plan.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before)  # every comment, in its order
    assert re.search(r"^  version: 2027-01-15$", after, re.M) and re.search(r"^  status: draft$", after, re.M)
    checked = kamdoc("validate", f"plans/{name}", "--today", ROLL_DAY, "--language", "en")
    assert checked.code == 0, checked.out
    warnings = [line for line in checked.out.splitlines() if ": warning: " in line]
    assert warnings and all("is an estimate (the planned figure kamdoc rollover carried over)" in w for w in warnings)
    said = _changes(run.out)
    diff = kamdoc("diff", "HEAD", "--", f"plans/{name}")
    assert diff.code == 0, diff.err
    assert _changes(diff.out) == said and len(said) > 10


def test_controllings_figures_replace_the_estimate(tmp_path: Path) -> None:
    figures = tmp_path / "actuals.csv"
    figures.write_text("product;year;amount\nSensor boards;2026;1.234,5\n", encoding="utf-8")
    base = tmp_path / "plans" / "base"
    shutil.copytree(Path(__file__).parents[1] / "data" / "base", base)
    run = kamdoc("rollover", str(base), "--version", ROLL_DAY, "--actuals", str(figures), "--today", ROLL_DAY)
    assert run.code == 0, run.out + run.err
    text = (base / "plan.yaml").read_text(encoding="utf-8")
    assert "actual: {2024: 610, 2025: 700, 2026: 1234.5}" in text and "estimated" not in text
    assert "plan: {2027: 860, 2028: 860}" in text  # the next year planned like the last


def test_an_unknown_product_in_controllings_file_is_an_error_with_a_guess(repo: Path) -> None:
    figures = repo / "actuals.csv"
    figures.write_text("product,year,amount\nServoantriebe Achsantriebe,2026,4000\n", encoding="utf-8")
    plan = repo / "plans" / "brenner-werke" / "plan.yaml"
    before = plan.read_bytes()
    run = kamdoc("rollover", "plans/brenner-werke", "--version", ROLL_DAY, "--actuals", str(figures))
    assert run.code == 1
    assert "actuals.csv:2: error: 'Servoantriebe Achsantriebe' is not a product of the plan; did you mean" in run.err
    assert "Servoantriebe (Achsantriebe)" in run.err and plan.read_bytes() == before  # nothing written


def test_a_version_not_after_the_plans_or_a_broken_plan_is_refused(repo: Path) -> None:
    run = kamdoc("rollover", "plans/brenner-werke", "--version", "2026-01-01")
    assert run.code == 1 and "is not after the plan's version 2026-11-15" in run.err
    plan = repo / "plans" / "brenner-werke" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kamdoc: 1", "kamdoc: 9", 1), encoding="utf-8")
    broken = kamdoc("rollover", "plans/brenner-werke", "--version", ROLL_DAY)
    assert broken.code == 1 and "fix them first" in broken.err


def test_a_roll_past_a_deadline_says_what_a_person_must_look_at(tmp_path: Path) -> None:
    base = tmp_path / "plans" / "base"
    shutil.copytree(Path(__file__).parents[1] / "data" / "base", base)
    run = kamdoc("rollover", str(base), "--version", "2028-01-15", "--today", "2028-01-15")
    assert run.code == 0, run.out + run.err
    assert "goal past its deadline (31 Dec 2027): set a new one, or close it: Win the electronics" in run.out
    text = (base / "plan.yaml").read_text(encoding="utf-8")
    assert "actual: {2024: 610, 2025: 700, 2026: 780, 2027: 860}" in text and "estimated: [2026, 2027]" in text
    assert "plan: {2028: 860}" in text and "next_review: 2028-07-15" in text
    assert "the mission looks to 2030, less than three years after 2028: look further ahead" in run.out


def test_controllings_workbook_is_read_like_its_csv(tmp_path: Path) -> None:
    import xlsxwriter

    figures = tmp_path / "actuals.xlsx"
    book = xlsxwriter.Workbook(str(figures))
    sheet = book.add_worksheet()
    for r, row in enumerate([("product", "year", "amount"), ("Sensor boards", 2026, 1234.5)]):
        sheet.write_row(r, 0, row)
    book.close()
    base = tmp_path / "plans" / "base"
    shutil.copytree(Path(__file__).parents[1] / "data" / "base", base)
    run = kamdoc("rollover", str(base), "--version", ROLL_DAY, "--actuals", str(figures), "--today", ROLL_DAY)
    assert run.code == 0, run.out + run.err
    assert "actual: {2024: 610, 2025: 700, 2026: 1234.5}" in (base / "plan.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    again = kamdoc("rollover", str(base), "--version", "2028-01-15", "--actuals", str(broken))
    assert again.code == 1 and "broken.xlsx: not an Excel workbook kamdoc can read" in again.err


def test_a_moved_years_comment_goes_with_it(tmp_path: Path) -> None:
    base = tmp_path / "plans" / "base"
    shutil.copytree(Path(__file__).parents[1] / "data" / "base", base)
    plan = base / "plan.yaml"
    block = (
        "      actual:\n        2024: 610  # audited\n        2025: 700\n"
        "      plan:\n        2026: 780  # budget round\n        2027: 860  # stretch\n"
    )
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("      actual: {2024: 610, 2025: 700}\n      plan: {2026: 780, 2027: 860}\n", block),
        encoding="utf-8",
    )
    before = _comments(plan.read_text(encoding="utf-8"))
    run = kamdoc("rollover", str(base), "--version", ROLL_DAY, "--today", ROLL_DAY)
    assert run.code == 0, run.out + run.err
    after = plan.read_text(encoding="utf-8")
    assert sorted(_comments(after)) == sorted(before)
    assert "        2026: 780  # budget round\n      plan:\n        2027: 860  # stretch\n        2028: 860\n" in after
