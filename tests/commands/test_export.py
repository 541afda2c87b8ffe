"""`kamdoc export` for controllers: the workbook opens in openpyxl with typed cells, each account's totals per year
are the plan's, two exports of one revision are the same bytes, `--at` exports a tag's plans, CSV has one file a
sheet, and a plan's text that looks like a formula stays text."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import PLANS, TODAY, kamdoc
from git_history import committed_plans, git

from kamdoc.validate.plan import validate_file


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example plans and their programme, committed and tagged as the budget round's."""
    committed_plans(tmp_path)
    git(tmp_path, "tag", "budget-2027")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _export(*args: str) -> Path:
    run = kamdoc("export", "plans", "--today", TODAY, *args)
    assert run.code == 0, run.out + run.err
    return Path(run.out.splitlines()[0])


def _rows(book: openpyxl.Workbook, name: str) -> list[dict[str, object]]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_the_workbook_holds_each_accounts_totals_typed(repo: Path) -> None:
    book = openpyxl.load_workbook(_export())
    assert book.sheetnames == [
        "financials", "key_projects", "goals", "actions", "contracts", "risks", "portfolio", "health", "about",
    ]  # fmt: skip
    totals: dict[tuple[str, int], float] = defaultdict(float)
    for row in _rows(book, "financials"):
        assert isinstance(row["year"], int | float) and isinstance(row["amount"], int | float)
        totals[(str(row["account"]), int(row["year"]))] += float(row["amount"])  # type: ignore[arg-type]
    for name in ("brenner-werke", "halvorsen-logistics"):
        plan = validate_file(PLANS / name / "plan.yaml", date.fromisoformat(TODAY)).plan
        assert plan is not None
        for year, amount in plan.financials.totals().items():
            assert totals[(plan.cover.account, year)] == pytest.approx(amount)
    sheet = book["financials"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref is not None
    assert sheet["L2"].number_format.endswith("0.0%")  # the margin, a percentage
    actions = _rows(book, "actions")
    assert all(isinstance(a["due"], datetime) for a in actions if a["due"] is not None)
    assert {a["overdue"] for a in actions} <= {True, False}
    weighted = [p for p in _rows(book, "key_projects") if p["weighted_volume"] is not None]
    assert weighted and all(
        p["weighted_volume"] == pytest.approx(p["volume"] * p["probability"])  # type: ignore[operator]
        for p in weighted
    )
    about = {r["what"]: r["value"] for r in _rows(book, "about")}
    assert about["revision"] == "working tree" and about["date"] == datetime(2026, 11, 22)


def test_two_exports_of_one_revision_are_the_same_bytes_and_at_reads_the_tag(repo: Path) -> None:
    plan = repo / "plans" / "brenner-werke" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("2028: 4800}", "2028: 9999}", 1), encoding="utf-8")
    first = _export("--at", "budget-2027", "-o", "a.xlsx").read_bytes()
    second = _export("--at", "budget-2027", "-o", "b.xlsx").read_bytes()
    assert first == second
    book = openpyxl.load_workbook(io.BytesIO(first))
    amounts = [r["amount"] for r in _rows(book, "financials") if r["year"] == 2028]
    assert 9999 not in amounts  # the tag's plans, not the working tree's
    assert {r["what"]: r["value"] for r in _rows(book, "about")}["revision"] != "working tree"
    now = openpyxl.load_workbook(_export("-o", "now.xlsx"))
    assert 9999 in [r["amount"] for r in _rows(now, "financials") if r["year"] == 2028]


def test_csv_is_a_file_a_sheet_and_a_formula_stays_text(repo: Path) -> None:
    plan = repo / "plans" / "brenner-werke" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    first_project = text.index("key_projects:")
    name_at = text.index("name: ", first_project)
    end = text.index("\n", name_at)
    plan.write_text(text[:name_at] + "name: '=HYPERLINK(\"http://x\")'" + text[end:], encoding="utf-8")
    folder = _export("--to", "csv", "-o", "sheets").parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.csv" for n in ("financials", "key_projects", "goals", "actions", "contracts", "risks", "portfolio",
                             "health", "about")
    )  # fmt: skip
    data = (folder / "key_projects.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    projects = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert '\'=HYPERLINK("http://x")' in [p["project"] for p in projects]
    book = openpyxl.load_workbook(_export("-o", "f.xlsx"))
    cells = [c for c in book["key_projects"]["D"] if c.value == '=HYPERLINK("http://x")']
    assert cells and cells[0].data_type == "s"  # a string, never a formula


def test_a_wrong_revision_is_one_message(repo: Path) -> None:
    run = kamdoc("export", "plans", "--at", "no-such-tag")
    assert run.code == 2 and "'no-such-tag' is not a revision of this repository" in run.err


def test_a_plan_that_does_not_validate_is_left_out_and_named(repo: Path) -> None:
    plan = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kamdoc: 1", "kamdoc: 7", 1), encoding="utf-8")
    run = kamdoc("export", "plans", "--today", TODAY, "-o", "x.xlsx")
    assert run.code == 1 and "halvorsen-logistics/plan.yaml: left out, it does not validate" in run.err
    accounts = {r["account"] for r in _rows(openpyxl.load_workbook(repo / "x.xlsx"), "financials")}
    assert accounts == {"Brenner Werke AG"}
