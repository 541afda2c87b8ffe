"""`kamdoc history` over a plan's six commits: attitudes changed, a planned value cut and restored, a goal's deadline
moved twice, a person added and one removed, one invalid revision, the plan's folder renamed; every format against
the values written, the cut-and-restore included, which the two-point diff does not show."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, TODAY, kamdoc

OLD, NEW = Path("plans") / "oakridge", Path("plans") / "oakridge-components"
LEILA = "    - id: lkhan\n      name: Leila Khan\n      title: Head of Purchasing\n      reports_to: sreed\n      roles: [buyer, influencer]\n      attitude: neutral\n"
TOM = (
    "    - id: tnew\n      name: Tom Newman\n      title: Plant Manager\n      reports_to: sreed\n      roles: [user]\n"
)


def _git(repo: Path, *args: str, day: str = "2026-06-01") -> None:
    when = f"{day}T12:00:00+02:00"
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=k@example.com", "-c", "user.name=Priya N", *args],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
    )


def _edit(plan: Path, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    assert old in text, old
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A plans repository whose one plan went through six commits, on six days."""
    repo = tmp_path_factory.mktemp("history")
    shutil.copytree(DATA / "base", repo / OLD)
    plan = repo / OLD / "plan.yaml"
    _edit(plan, "version: 2026-10-01", "version: 2026-07-01")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Oakridge's first plan", day="2026-07-01")
    _edit(
        plan,
        "roles: [buyer, influencer]\n      attitude: neutral",
        "roles: [buyer, influencer]\n      attitude: positive",
    )
    _edit(plan, "plan: {2026: 780, 2027: 860}", "plan: {2026: 630, 2027: 860}")
    _edit(plan, "version: 2026-07-01", "version: 2026-08-01")
    _git(repo, "commit", "-qam", "Leila warms to us; 2026 cut after the Q2 review", day="2026-08-01")
    _edit(plan, "    deadline: 2027-12-31\n    actions:", "    deadline: 2028-06-30\n    actions:")
    _edit(plan, "  links:\n", f"{TOM}  links:\n")
    _edit(plan, "version: 2026-08-01", "version: 2026-09-01")
    _git(repo, "commit", "-qam", "Wireless line later; Tom joins the map", day="2026-09-01")
    _edit(plan, "      roles: [user]\n", "      roles: [boss]\n")
    _git(repo, "commit", "-qam", "Work in progress", day="2026-09-15")
    _edit(plan, "      roles: [boss]\n", "      roles: [user]\n")
    _edit(plan, "plan: {2026: 630, 2027: 860}", "plan: {2026: 780, 2027: 860}")
    _edit(plan, "    deadline: 2028-06-30\n    actions:", "    deadline: 2028-12-31\n    actions:")
    _edit(plan, LEILA.replace("attitude: neutral", "attitude: positive"), "")
    _edit(plan, "  links:\n    - {from: lkhan, to: sreed, kind: influences}\n", "")
    _edit(plan, "contact: lkhan, stage", "contact: sreed, stage")
    _edit(plan, "version: 2026-09-01", "version: 2026-10-01")
    _git(repo, "commit", "-qam", "2026 restored; Leila left Oakridge", day="2026-10-01")
    _git(repo, "mv", str(OLD), str(NEW))
    _edit(
        repo / NEW / "plan.yaml", "influence: high\n      attitude: positive", "influence: high\n      attitude: mentor"
    )
    _edit(repo / NEW / "plan.yaml", "version: 2026-10-01", "version: 2026-11-01")
    _git(repo, "commit", "-qam", "Sam is our mentor now; folder named as the account", day="2026-11-01")
    before, cached = Path.cwd(), os.environ.get("XDG_CACHE_HOME")
    os.chdir(repo)
    os.environ["XDG_CACHE_HOME"] = str(repo.parent / f"{repo.name}-cache")  # this module's own cache
    try:
        yield repo
    finally:
        os.chdir(before)
        if cached is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = cached


def _json(*args: str) -> dict[str, object]:
    run = kamdoc("history", str(NEW), "--format", "json", *args)
    assert run.code == 0, run.out + run.err
    (plan,) = json.loads(run.out)["plans"]
    return plan  # type: ignore[no-any-return]


def _row(plan: dict[str, object], label: str) -> dict[str, object]:
    rows = plan["rows"]
    assert isinstance(rows, list)
    found = [r for r in rows if r["label"] == label]
    assert found, [r["label"] for r in rows]
    return found[0]  # type: ignore[no-any-return]


def test_each_commit_is_a_column_and_the_cut_and_restore_shows(repo: Path) -> None:
    plan = _json("--by", "commit")
    columns = plan["columns"]
    assert isinstance(columns, list) and len(columns) == 6
    assert [c["commits"][0]["path"] for c in columns] == [f"{OLD}/plan.yaml"] * 5 + [f"{NEW}/plan.yaml"]
    assert [c["invalid_revisions"] for c in columns] == [0, 0, 0, 1, 0, 0]
    assert columns[3]["commits"][0]["message"] == "Work in progress" and columns[3]["commits"][0]["errors"] >= 1
    total = _row(plan, "total: 2026 plan")
    assert total["values"] == [780, 630, 630, None, 780, 780]
    assert [c["message"] for c in total["changes"]] == [
        "Leila warms to us; 2026 cut after the Q2 review",
        "2026 restored; Leila left Oakridge",
    ]
    assert _row(plan, "Leila Khan: attitude")["values"] == ["neutral", "positive", "positive", None, None, None]
    assert _row(plan, "Sam Reed: attitude")["values"][-1] == "mentor"
    deadline = _row(plan, "Win the electronics of the wireless line: deadline")
    assert deadline["values"] == ["2027-12-31", "2027-12-31", "2028-06-30", None, "2028-12-31", "2028-12-31"]
    assert _row(plan, "Tom Newman: roles")["values"] == [None, None, "user", None, "user", "user"]  # he joined
    assert _row(plan, "people on the map")["values"] == [2, 2, 3, None, 2, 2]
    assert plan["account"] == "Oakridge Components"


def test_the_two_point_diff_shows_no_change_where_history_shows_the_cut(repo: Path) -> None:
    run = kamdoc("diff", "HEAD~5", "HEAD", "--format", "json", "--today", TODAY)
    assert run.code == 0, run.out + run.err
    (plan,) = json.loads(run.out)["plans"]
    assert plan["status"] == "renamed" and plan["old_plan"] == f"{OLD}/plan.yaml"
    sections = {c["section"] for c in plan["changes"]}
    assert "power_map" in sections and "financials" not in sections  # 780 at both ends: the cut is not seen


def test_by_version_the_invalid_revision_stands_alone(repo: Path) -> None:
    plan = _json()
    labels = [c["label"] for c in plan["columns"]]
    assert labels[:3] == ["2026-07-01", "2026-08-01", "2026-09-01"] and labels[4:] == ["2026-10-01", "2026-11-01"]
    assert plan["columns"][3]["invalid_revisions"] == 1
    since = _json("--since", "2026-09-10")
    assert [c["label"] for c in since["columns"]][-2:] == ["2026-10-01", "2026-11-01"]


def test_fields_pick_the_groups_and_an_unknown_one_is_a_usage_error(repo: Path) -> None:
    plan = _json("--fields", "revenue", "--by", "commit")
    assert {r["group"] for r in plan["rows"]} == {"revenue"}  # type: ignore[attr-defined]
    wrong = kamdoc("history", str(NEW), "--fields", "moods")
    assert wrong.code == 2 and "moods: choose from people, revenue" in wrong.err


def test_text_markdown_and_csv_say_the_same(repo: Path) -> None:
    text = kamdoc("history", str(NEW), "--by", "commit")
    assert text.code == 0 and "total: 2026 plan" in text.out and "Work in progress (invalid)" in text.out
    lines = [x for x in text.out.splitlines() if x.startswith("total: 2026 plan")]  # a line per block of columns
    assert [v for line in lines for v in line.split()[3:]] == ["780", "630", "630", "780", "780"]  # none when invalid
    md = kamdoc("history", str(NEW), "--by", "commit", "--format", "markdown")
    row = next(x for x in md.out.splitlines() if x.startswith("| total: 2026 plan"))
    assert [c.strip() for c in row.strip("|").split("|")][1:] == ["780", "**630**", "630", "", "**780**", "780"]
    table = kamdoc("history", str(NEW), "--by", "commit", "--format", "csv")
    assert table.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(table.out.lstrip("\ufeff"))))
    cut = [r for r in rows if r["fact"] == "2026 plan" and r["subject"] == ""]
    assert [float(r["value"]) for r in cut] == [780, 630, 630, 780, 780]
    assert cut[1]["message"] == "Leila warms to us; 2026 cut after the Q2 review" and cut[1]["author"] == "Priya N"


def test_german_labels_for_a_german_report(repo: Path) -> None:
    run = kamdoc("history", str(NEW), "--by", "commit", "--language", "de")
    assert "gesamt: 2026 Plan" in run.out and "Leila Khan: Einstellung" in run.out and "Neutral" in run.out
    assert "Work in progress (ungültig)" in run.out


def test_a_wrong_revision_or_no_repository_is_one_message(repo: Path, tmp_path: Path) -> None:
    for option in ("--until", "--since"):
        run = kamdoc("history", str(NEW), option, "no-such-branch")
        assert run.code == 2 and "'no-such-branch' is not a revision of this repository" in run.err, run.err
    outside = tmp_path / "plans" / "x"
    shutil.copytree(DATA / "required", outside)
    run = kamdoc("history", str(outside))
    assert run.code == 2 and "is not inside a git repository" in run.err
    later = kamdoc("history", str(NEW), "--since", "2030-01-01")
    assert later.code == 0 and "no commits in this range" in later.out


def test_revisions_read_once_are_taken_from_the_cache_and_a_spoilt_cache_is_read_again(repo: Path) -> None:
    first = _json("--by", "commit")
    (cache,) = (repo.parent / f"{repo.name}-cache" / "kamdoc").glob("history-*.json")
    records = json.loads(cache.read_text(encoding="utf-8"))
    assert len(records) == 6 and sum("facts" in r for r in records.values()) == 5  # one revision is invalid
    # A cached value changed by hand is what the history then shows: proof it was read from the cache.
    key = next(k for k, r in records.items() if "facts" in r)
    for fact in records[key]["facts"]:
        if fact[:3] == ["revenue", "", "2026 plan"]:
            fact[3] = 1.0
    cache.write_text(json.dumps(records), encoding="utf-8")
    assert 1.0 in _row(_json("--by", "commit"), "total: 2026 plan")["values"]
    for spoilt in ("[1, 2", json.dumps({key: {"facts": [[1, 2, 3, {"x": 1}]]}}), json.dumps([1] * 10)):
        cache.write_text(spoilt, encoding="utf-8")
        assert _json("--by", "commit")["rows"] == first["rows"]


def test_the_portfolios_movers_name_the_commit_that_moved_them(repo: Path) -> None:
    settings = repo / "kamdoc.yaml"
    settings.write_text("portfolio:\n  currency: GBP\n", encoding="utf-8")
    try:
        run = kamdoc("portfolio", "plans", "--no-deck", "--format", "json", "--since", "HEAD~4", "--today", TODAY)
        text = kamdoc("portfolio", "plans", "--no-deck", "--since", "HEAD~4", "--today", TODAY)
        day = kamdoc("portfolio", "plans", "--no-deck", "--format", "json", "--since", "2026-07-15", "--today", TODAY)
    finally:
        settings.unlink()
    assert run.code == 0, run.err
    movers = json.loads(run.out)["movers"]
    assert movers["since"] == "HEAD~4"
    revenue = [m for m in movers["changes"] if m["what"] == "revenue 2026 plan"]
    assert revenue == [
        {
            "plan": f"{NEW}/plan.yaml",
            "account": "Oakridge Components",
            "what": "revenue 2026 plan",
            "old": 630,
            "new": 780,
            "commit": revenue[0]["commit"],
            "author": "Priya N",
            "message": "2026 restored; Leila left Oakridge",
        }
    ]
    assert "Oakridge Components: revenue 2026 plan: 630 -> 780 (" in text.out
    # Since July the 2026 plan was cut and restored: no move, as the two ends agree.
    assert not [m for m in json.loads(day.out)["movers"]["changes"] if m["what"] == "revenue 2026 plan"]


def test_movers_since_a_revision_that_is_none_is_one_message(repo: Path) -> None:
    run = kamdoc("portfolio", "plans", "--no-deck", "--since", "no-such-tag", "--today", TODAY)
    assert run.code == 2 and "'no-such-tag' is not a revision of this repository" in run.err


def test_the_development_slides_chart_is_the_historys_values(repo: Path, tmp_path: Path) -> None:
    from pptx import Presentation

    run = kamdoc("render", str(NEW), "--history", "4", "--to", "pptx", "--out", str(tmp_path), "--today", TODAY)
    assert run.code == 0, run.err
    prs = Presentation(str(tmp_path / "oakridge-components.pptx"))
    (slide,) = [
        s for s in prs.slides if s.shapes.title and s.shapes.title.text.startswith("Development over the last 4")
    ]
    (chart,) = [sh.chart for sh in slide.shapes if sh.has_chart]
    years = [int(c) for c in chart.plots[0].categories]
    drawn = {s.name: list(s.values) for s in chart.plots[0].series}
    # The chart's own workbook, which PowerPoint opens to edit it, holds the same numbers.
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    columns = list(book.worksheets[0].iter_cols(values_only=True))
    kept = {col[0]: [v if v != "" else None for v in col[1 : len(years) + 1]] for col in columns[1:]}
    assert kept == drawn
    plan = _json()  # by version: the slide's columns are the last four valid ones
    valid = [c for c in plan["columns"] if c["invalid_revisions"] < len(c["commits"])][-4:]
    moved = {int(r["fact"].split()[0]): r for r in plan["rows"] if r["group"] == "revenue" and not r["subject"]}
    said = [f"{date.fromisoformat(c['label']):%-d %b %Y}".replace("Sep ", "Sept ") for c in valid]
    # Each version's line: versions that planned every year alike share one, named by all of them.
    names = [next(n for n in drawn if n.startswith("Plan ") and label in n[5:].split(", ")) for label in said]
    assert len(set(names)) < len(names)  # here some did: one line for them, not lines hidden under each other
    for name, column in zip(names, valid):
        k = plan["columns"].index(column)
        for year, value in zip(years, drawn[name]):
            if year in moved and moved[year]["fact"].endswith("plan"):
                assert value == moved[year]["values"][k], (name, year)
    for i, year in enumerate(years):  # a year the history does not list did not move: every version drew it alike
        if year not in moved:
            assert len({drawn[name][i] for name in names}) == 1, year
    assert drawn[names[1]][years.index(2026)] == 630 and drawn[names[-1]][years.index(2026)] == 780
    grid = next(sh.table for sh in slide.shapes if sh.has_table)
    cells = {row.cells[0].text: [c.text for c in row.cells][1:] for row in list(grid.rows)[1:]}
    assert cells["Sam Reed"][-1] == "Mentor" and cells["Leila Khan"][-2:] == ["–", "–"]
    assert cells["Tom Newman"] == ["–", "not given", "not given", "not given"]  # joined, without an attitude
    customer = kamdoc("render", str(NEW), "--history", "4", "--audience", "customer", "--out", str(tmp_path / "c"))
    assert customer.code == 0
    titles = [
        s.shapes.title.text
        for s in Presentation(str(tmp_path / "c" / "oakridge-components.pptx")).slides
        if s.shapes.title
    ]
    assert not [t for t in titles if t.startswith("Development")]  # attitudes are ours alone


def test_kamdoc_yaml_sets_the_versions_shown_and_a_wrong_number_is_an_error_at_its_line(
    repo: Path, tmp_path: Path
) -> None:
    from pptx import Presentation

    settings = repo / "kamdoc.yaml"
    try:
        settings.write_text("history: 3\n", encoding="utf-8")
        run = kamdoc("render", str(NEW), "--to", "pptx", "--out", str(tmp_path), "--today", TODAY)
        assert run.code == 0, run.err
        titles = [
            s.shapes.title.text
            for s in Presentation(str(tmp_path / "oakridge-components.pptx")).slides
            if s.shapes.title
        ]
        assert "Development over the last 3 versions" in titles
        settings.write_text("history: 30\n", encoding="utf-8")
        wrong = kamdoc("render", str(NEW), "--to", "pptx", "--out", str(tmp_path), "--today", TODAY)
        assert (
            wrong.code == 1
            and "kamdoc.yaml:1:10: error: history: expected a whole number from 0 to 8, got 30" in wrong.err
        )
    finally:
        settings.unlink()


def test_a_revision_over_the_size_cap_is_invalid_and_the_history_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    repo = tmp_path / "big"
    shutil.copytree(DATA / "base", repo / OLD)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first", day="2026-07-01")
    plan = repo / OLD / "plan.yaml"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good + "# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    _git(repo, "commit", "-qam", "a giant comment", day="2026-08-01")
    plan.write_text(good.replace("plan: {2026: 780, 2027: 860}", "plan: {2026: 800, 2027: 860}"), encoding="utf-8")
    _git(repo, "commit", "-qam", "back to size", day="2026-09-01")
    before = Path.cwd()
    os.chdir(repo)
    try:
        run = kamdoc("history", str(OLD), "--by", "commit", "--format", "json")
    finally:
        os.chdir(before)
    assert run.code == 0, run.err
    (found,) = json.loads(run.out)["plans"]
    assert [c["invalid_revisions"] for c in found["columns"]] == [0, 1, 0]
    assert _row(found, "total: 2026 plan")["values"] == [780, None, 800]
