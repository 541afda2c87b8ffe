"""What `kamdoc diff` counts as a plan and a change, and how a stranger's plan text lands in a pull-request comment."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from git_history import commit, edit, new_repo

PLAN = "plans/brenner-werke/plan.yaml"
HOSTILE_NAME = "</details><details open><summary>@octocat please approve</summary>"
HOSTILE_TITLE = (
    '<img src="https://evil.example/t.png"> ![pixel](https://evil.example/p.png) see #1 [click](https://evil.example)'
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("scope")
    new_repo(root)
    shutil.copytree(PLANS / "brenner-werke", root / "plans" / "brenner-werke")
    (root / "kamdoc.yaml").write_text("plans: plans\ntheme: themes/ourco\n", encoding="utf-8")
    (root / "themes" / "ourco").mkdir(parents=True)
    (root / "themes" / "ourco" / "theme.yaml").write_text('colour:\n  primary: "7A1F5C"\n', encoding="utf-8")
    (root / "plans" / "broken").mkdir()
    (root / "plans" / "broken" / "plan.yaml").write_text("format: 1\ncover: {account: Broken AG}\n", encoding="utf-8")
    revs = {"start": commit(root, "start")}
    (root / "themes" / "ourco" / "theme.yaml").write_text('colour:\n  primary: "123456"\n', encoding="utf-8")
    revs["theme"] = commit(root, "a theme edit, no plan")
    edit(root, PLAN, "target: 50 % (Jahresvolumen 2028)", "target: 55 % (Jahresvolumen 2028)")
    edit(
        root, PLAN, "industry: ", "industry: [a list where text belongs]\n  old_industry: "
    )  # an error in the new revision
    revs["invalid"] = commit(root, "an edit and an error")
    edit(root, PLAN, "industry: [a list where text belongs]\n  old_industry: ", "industry: ")
    edit(root, PLAN, "name: Nicole Jäger", f"name: {json.dumps(HOSTILE_NAME)}")
    edit(root, PLAN, "title: Referentin des Vorstands", f"title: {json.dumps(HOSTILE_TITLE)}")
    revs["hostile"] = commit(root, "a stranger's names")
    return root, revs


def diff(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    run = kamdoc("diff", *args, "--today", TODAY)
    assert run.code in (0, 1), run.err
    return run.code, run.out


def test_only_plans_under_the_plans_folder_count(
    repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, revs = repo
    code, out = diff(root, monkeypatch, revs["start"], revs["theme"], "--format", "json", "--exit-code")
    plans = json.loads(out)["plans"]
    assert all(p["plan"].startswith("plans/") for p in plans)  # themes/ourco/theme.yaml is no plan
    assert code == 0 and all(p["status"] == "unchanged" for p in plans)


def test_a_plan_invalid_in_both_revisions_and_untouched_is_no_change(
    repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, revs = repo
    code, out = diff(root, monkeypatch, "HEAD", "HEAD", "--exit-code")
    assert code == 0 and "no changes" in out
    _, data = diff(root, monkeypatch, revs["start"], revs["theme"], "--format", "json")
    broken = next(p for p in json.loads(data)["plans"] if p["plan"] == "plans/broken/plan.yaml")
    assert broken["status"] == "unchanged" and not broken["changes"] and not broken["new_findings"]


def test_an_invalid_new_revision_shows_its_changes_and_its_new_errors(
    repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, revs = repo
    _, out = diff(root, monkeypatch, revs["theme"], revs["invalid"], "--format", "json")
    plan = next(p for p in json.loads(out)["plans"] if p["plan"] == PLAN)
    assert plan["status"] == "invalid" and plan["account"] == "Brenner Werke AG"
    places = [c["where"] for c in plan["changes"]]
    assert any(w.endswith("target") for w in places), places  # the edit made beside the error
    assert any(f["severity"] == "error" and "industry" in f["field"] for f in plan["new_findings"])
    _, text = diff(root, monkeypatch, revs["theme"], revs["invalid"])
    assert "Brenner Werke AG" in text and "50 % (Jahresvolumen 2028) → 55 % (Jahresvolumen 2028)" in text


def test_the_comment_shows_a_strangers_text_literally(
    repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, revs = repo
    _, out = diff(root, monkeypatch, revs["invalid"], revs["hostile"], "--format", "markdown")
    assert "@octocat" not in out and "#1 " not in out  # no mention, no reference
    assert "<img" not in out and "<details open>" not in out and "</summary>" not in out.replace("</summary>\n", "")
    assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(", out)  # no image and no link made of plan text
    assert out.count("<details>") == out.count("</details>")  # only the comment's own sections
    assert "&lt;/details&gt;&lt;details open&gt;" in out  # the name itself is there, to read
