"""`kamdoc health`: each generated plan's status with its reasons; formats; --fail-on for a scheduled job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import kamdoc
from programme_repo import TODAY, repo_fixture  # noqa: F401 - the module's `repo` fixture

DAY = TODAY.isoformat()


@pytest.fixture(scope="module")
def plans(repo: Path) -> dict[str, dict]:
    run = kamdoc("health", "--format", "json", "--today", DAY)
    assert run.code == 0, run.err  # without --fail-on, health only reports
    return {Path(p["plan"]).parent.name: p for p in json.loads(run.out)["plans"]}


def reasons(plan: dict) -> dict[str, str]:
    return {r["code"]: r["severity"] for r in plan["reasons"]}


def test_each_plan_has_its_status_and_reasons(plans: dict[str, dict]) -> None:
    expected = {
        "alpha": ("green", {}),
        "bravo": ("amber", {"review_overdue": "amber"}),
        "charlie": ("red", {"review_overdue": "red"}),
        "delta": ("red", {"enemy_decision_maker": "red"}),
        "echo": ("amber", {"version_old": "amber"}),
        "foxtrot": ("green", {}),  # failing a knock-out is the portfolio's business, not the plan's health
        "golf": ("amber", {"no_decision_maker": "amber", "goals_overdue": "amber"}),
        "hotel": ("amber", {"not_smart": "amber"}),
        "india": ("amber", {"incomplete": "amber"}),
        "juliett": ("red", {"version_old": "red", "commit_old": "amber"}),
        "kilo": ("green", {}),
        "lima": ("red", {"invalid": "red"}),
    }
    assert {slug: (p["status"], reasons(p)) for slug, p in plans.items()} == expected


def test_reasons_say_what_is_wrong(plans: dict[str, dict]) -> None:
    text = {slug: "; ".join(r["text"] for r in p["reasons"]) for slug, p in plans.items()}
    assert text["bravo"] == "review overdue since 2026-11-03 (20 days)"
    assert text["delta"].startswith("an enemy among the decision-makers: ")
    assert "last commit 10 months ago (cadence 6 months)" in text["juliett"]
    assert "last revised 13 months ago" in text["juliett"]
    assert "deadline passed: nordic-rollout" in text["golf"]
    assert "not SMART: nordic-rollout: no baseline" in text["hotel"]
    assert text["lima"] == "does not validate: 1 error(s); run kamdoc validate"
    assert plans["india"]["completeness"] < 0.5 <= plans["alpha"]["completeness"]
    assert plans["juliett"]["days_since_commit"] == (TODAY - __import__("datetime").date(2026, 1, 10)).days
    assert plans["alpha"]["days_since_version"] == 10 and plans["alpha"]["last_commit"] == "2026-11-20"


def test_fail_on_red_for_a_scheduled_job(repo: Path) -> None:
    red = kamdoc("health", "--fail-on", "red", "--today", DAY)
    assert red.code == 1 and "12 plans: 4 red, 5 amber, 3 green" in red.out
    only_green = kamdoc("health", "plans/alpha", "plans/kilo", "--fail-on", "amber", "--today", DAY)
    assert only_green.code == 0, only_green.out
    amber = kamdoc("health", "plans/alpha", "plans/bravo", "--fail-on", "amber", "--today", DAY)
    assert amber.code == 1


def test_github_annotations(repo: Path) -> None:
    out = kamdoc("health", "--format", "github", "--today", DAY).out.splitlines()
    assert (
        "::error file=plans/delta/plan.yaml,line=1,title=plan health red::an enemy among the decision-makers: "
        in "\n".join(out)
    )
    assert any(
        line.startswith("::warning file=plans/bravo/plan.yaml,line=1,title=plan health amber::review overdue")
        for line in out
    )
    assert not any("plans/alpha/" in line for line in out)


def test_german_reasons(repo: Path) -> None:
    out = kamdoc("health", "plans/bravo", "--language", "de", "--format", "json", "--today", DAY).out
    assert "Review überfällig seit 03.11.2026 (20 Tage)" in out
    table = kamdoc("health", "plans/alpha", "plans/bravo", "plans/delta", "--language", "de", "--today", DAY).out
    assert "Zustand" in table and "Gründe" in table and "3 Pläne: 1 rot, 1 gelb, 1 grün" in table, table
    assert " red" not in table and "amber" not in table
    github = kamdoc("health", "plans/delta", "--language", "de", "--format", "github", "--today", DAY).out
    assert "title=Zustand des Plans rot::" in github


def test_outside_git_the_commit_age_is_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from programme_repo import SPECS, make_repo

    root = tmp_path / "nogit"
    root.mkdir()
    monkeypatch.chdir(root)
    make_repo(root, [SPECS[0]])
    import shutil

    shutil.rmtree(root / ".git")
    (root / ".git").mkdir()  # still the repo's top, but not a git repository
    run = kamdoc("health", "--format", "json", "--today", DAY)
    plan = json.loads(run.out)["plans"][0]
    assert plan["status"] == "green" and plan["last_commit"] is None and plan["days_since_commit"] is None


def _odd_commit(root: Path, slug: str, when: str) -> None:
    """A commit touching one plan, dated as given (GIT_COMMITTER_DATE's forms, e.g. '@300000000000 +0000')."""
    import os
    import subprocess

    with (root / "plans" / slug / "plan.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"# touched at {when}\n")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qam", when],
        cwd=root,
        check=True,
        env=env,
    )


def test_commit_dates_after_9999_and_odd_zones_are_said_not_crashed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from programme_repo import SPECS, make_repo

    root = tmp_path / "odd"
    root.mkdir()
    monkeypatch.chdir(root)
    make_repo(root, SPECS[:2])
    _odd_commit(root, "alpha", "@300000000000 +0000")  # the year 11476
    _odd_commit(root, "bravo", "@1795300000 +9959")  # 21 Nov 2026, 22:26 UTC, in a zone 99 hours 59 minutes east
    run = kamdoc("health", "--format", "json", "--today", DAY)
    assert run.code == 0, run.out + run.err
    plans = {Path(p["plan"]).parent.name: p for p in json.loads(run.out)["plans"]}
    alpha, bravo = plans["alpha"], plans["bravo"]
    assert alpha["last_commit"] == "2026-11-20"  # the newest commit whose date can be read
    assert "a commit is dated in the year 11476, which no calendar here holds" in " ".join(
        r["text"] for r in alpha["reasons"]
    )
    assert bravo["last_commit"] == "2026-11-21"  # the moment is known; the zone no place has is left out
    assert "commit_unreadable" not in reasons(bravo)
    table = kamdoc("health", "--today", DAY, "--language", "de")
    assert table.code == 0 and "ein Commit ist auf das Jahr 11476 datiert" in " ".join(
        table.out.split()
    )  # the reasons wrap in their column
    portfolio = kamdoc("portfolio", "--no-deck", "--today", DAY)
    assert portfolio.code == 0, portfolio.out + portfolio.err


def test_generated_odd_histories_never_break_health(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
    import gen_history
    from programme_repo import SPECS, make_repo

    root = tmp_path / "generated"
    root.mkdir()
    monkeypatch.chdir(root)
    make_repo(root, SPECS[:1])
    for when in gen_history.history(random.Random(29), 8):
        _odd_commit(root, "alpha", when)
    run = kamdoc("health", "--format", "json", "--today", DAY)
    assert run.code == 0, run.out + run.err
    (plan,) = json.loads(run.out)["plans"]
    assert plan["last_commit"] is None or plan["last_commit"] <= "9999-12-31"


def test_the_previews_start_page_shows_a_history_dated_after_9999(tmp_path: Path) -> None:
    import http.client
    import os
    import shutil
    import subprocess
    from urllib.parse import urlsplit

    from conftest import PLANS
    from preview_server import serving

    plans = tmp_path / "plans"
    for name in ("brenner-werke", "halvorsen-logistics"):
        shutil.copytree(PLANS / name, plans / name)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    when = "@300000000000 +9959"  # the year 11476, in a zone no place has
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "far ahead"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when},
    )
    with serving([plans]) as running:
        parts = urlsplit(running.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        page = response.read().decode()
        connection.close()
    assert response.status == 200, page[:500]
    assert "Brenner Werke" in page and "11476" in page
