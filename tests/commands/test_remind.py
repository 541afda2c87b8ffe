"""`kamdoc remind`: which plans of a five-plan folder are due and why, and one issue per due plan kept in step in a
recorded GitHub and GitLab (created once, updated, closed when the plan is no longer due)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import kamdoc
from due_repo import due_fixture  # noqa: F401 - the module's `due` fixture
from fake_tracker import Tracker, serve
from programme_repo import TODAY

DAY = TODAY.isoformat()


@pytest.fixture
def fake_github() -> Iterator[Tracker]:
    yield from serve("github")


@pytest.fixture
def fake_gitlab() -> Iterator[Tracker]:
    yield from serve("gitlab")


def test_health_sees_each_plan_s_trouble(due: Path) -> None:
    run = kamdoc("health", "--format", "json", "--today", DAY)
    plans = {Path(p["plan"]).parent.name: p for p in json.loads(run.out)["plans"]}
    codes = {slug: (p["status"], sorted(r["code"] for r in p["reasons"])) for slug, p in plans.items()}
    assert codes == {
        "healthy": ("green", []),
        "invalid": ("red", ["invalid"]),
        "notice": ("amber", ["notice_passed"]),
        "overdue": ("amber", ["actions_overdue", "review_overdue"]),
        "single": ("amber", ["single_threaded"]),
    }
    said = {slug: [r["text"] for r in p["reasons"]] for slug, p in plans.items()}
    assert said["overdue"][1].startswith("action overdue: ") and "(Aisha Rahman, due 2026-11-13)" in said["overdue"][1]
    assert said["single"] == [
        "single-threaded: only 1 mentor among the key people; Karin Solberg holds 8 of 8 key people"
    ]
    assert plans["healthy"]["coverage"]["percent"] == 100 and plans["single"]["coverage"]["single_threaded"] == [
        "mentor",
        "owner",
    ]


def test_a_dry_run_lists_exactly_the_due_plans_and_their_reasons(due: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    run = kamdoc("remind", "--dry-run", "--format", "github", "--today", DAY)
    assert run.code == 0, run.err
    planned = re.findall(r"^would create: (\S+): (.*)$", run.out, re.M)
    assert [plan for plan, _ in planned] == [
        "plans/invalid/plan.yaml",
        "plans/notice/plan.yaml",
        "plans/overdue/plan.yaml",
    ]
    assert (
        planned[2][1]
        == "Key account plan due: Overdue Group · review 2026-11-13 · Daniel Okafor (assigned to @aisha-rahman)"
    )
    reasons = run.out.split("plans/overdue/plan.yaml")[1].splitlines()[1:]
    assert reasons[0] == "  - review overdue since 2026-11-13 (10 days)"
    assert reasons[1].startswith("  - action overdue: ")
    assert "renews itself: Support agreement" in run.out and "does not validate" in run.out
    assert "single" not in run.out and "healthy" not in run.out


def test_a_plan_whose_review_comes_within_the_window_is_due(due: Path) -> None:
    # The healthy plan's review is 60 days after TODAY.
    run = kamdoc("remind", "--within", "9w", "--format", "json", "--today", DAY)
    due_plans = {Path(p["plan"]).parent.name: p for p in json.loads(run.out)["plans"] if p["due"]}
    assert due_plans["healthy"]["reasons"] == [f"next review on {(TODAY + timedelta(days=60)).isoformat()}"]
    assert "healthy" not in kamdoc("remind", "--within", "59d", "--today", DAY).out


def _run(kind: str, tracker: Tracker, monkeypatch: pytest.MonkeyPatch, today: str = DAY) -> str:
    if kind == "github":
        monkeypatch.setenv("GITHUB_API_URL", tracker.url)
        monkeypatch.setenv("GITHUB_REPOSITORY", "sales/plans")
        monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    else:
        monkeypatch.setenv("CI_API_V4_URL", f"{tracker.url}/api/v4")
        monkeypatch.setenv("CI_PROJECT_ID", "42")
        monkeypatch.setenv("KAMDOC_GITLAB_TOKEN", "t0ken")
    run = kamdoc("remind", "--format", kind, "--today", today)
    assert run.code == 0, run.err
    return run.out


def _fix_overdue_plan(due: Path) -> None:
    """The key account manager moves the review date and does the late action: the plan is no longer due."""
    plan = due / "plans/overdue/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(f"next_review: {(TODAY - timedelta(days=10)).isoformat()}", "next_review: 2027-03-01")
    plan.write_text(text.replace("status: open", "status: done"), encoding="utf-8")


@pytest.mark.parametrize("kind", ["github", "gitlab"])
def test_issues_are_made_once_updated_and_closed(
    kind: str, due: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker: Tracker = request.getfixturevalue(f"fake_{kind}")
    original = (due / "plans/overdue/plan.yaml").read_text(encoding="utf-8")
    try:
        first = _run(kind, tracker, monkeypatch)
        assert first.count("created #") == 3 and len(tracker.open_issues()) == 3
        overdue = next(i for i in tracker.issues.values() if "Overdue Group" in i["title"])
        assert tracker.body(overdue).startswith("<!-- kamdoc-reminder: plans/overdue/plan.yaml -->")
        assert "- review overdue since 2026-11-13 (10 days)" in tracker.body(overdue)
        assert overdue["assignees"] and "kamdoc-reminder" in str(overdue["labels"])
        token = "Authorization" if kind == "github" else "Private-Token"
        assert all(headers.get(token, "").endswith("t0ken") for _, _, _, headers in tracker.requests), (
            "every request carries the token"
        )

        again = _run(kind, tracker, monkeypatch)
        assert again.count("unchanged #") == 3 and len(tracker.issues) == 3  # found by its marker, not doubled

        tomorrow = (TODAY + timedelta(days=1)).isoformat()  # a day later the overdue review is 11 days late
        assert "updated #" in _run(kind, tracker, monkeypatch, tomorrow) and len(tracker.issues) == 3
        assert "(11 days)" in tracker.body(overdue)

        _fix_overdue_plan(due)
        last = _run(kind, tracker, monkeypatch, tomorrow)
        assert f"closed #{overdue['number' if kind == 'github' else 'iid']}: plans/overdue/plan.yaml" in last
        assert len(tracker.open_issues()) == 2 and overdue["state"] != "open"
        said = overdue["comments" if kind == "github" else "notes"]
        assert said == ["Closed by kamdoc: the plan is healthy and its next review is 2027-03-01."]
    finally:
        (due / "plans/overdue/plan.yaml").write_text(original, encoding="utf-8")


def test_no_token_is_one_message_that_says_what_the_job_needs(due: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    run = kamdoc("remind", "--format", "github", "--today", DAY)
    assert run.code == 1 and "GITHUB_TOKEN" in run.err and "issues: write" in run.err


def test_the_token_goes_to_https_addresses_only(due: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_API_URL", "http://api.example.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "sales/plans")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    run = kamdoc("remind", "--format", "github", "--today", DAY)
    assert run.code == 1 and "https addresses only" in run.err


def test_a_tracker_that_refuses_is_one_message(
    due: Path, fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "someone/else")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    run = kamdoc("remind", "--format", "github", "--today", DAY)
    assert run.code == 1 and "GitHub answered 404" in run.err and "Traceback" not in run.err


def test_a_wrong_span_is_a_usage_error(due: Path) -> None:
    run = kamdoc("remind", "--within", "fortnight")
    assert run.code == 2 and "14d, 2w or 14" in run.err


def test_the_plan_s_words_in_an_issue_mention_no_one(
    due: Path, fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = due / "plans/overdue/plan.yaml"
    original = plan.read_text(encoding="utf-8")
    try:
        plan.write_text(
            original.replace("Post-mortem of the", "Ask @ceo for *the* post-mortem of the", 1), encoding="utf-8"
        )
        _run("github", fake_github, monkeypatch)
        body = next(fake_github.body(i) for i in fake_github.issues.values() if "Overdue Group" in i["title"])
        assert "Ask @\u2060ceo for \\*the\\* post-mortem" in body and "@ceo" not in body
    finally:
        plan.write_text(original, encoding="utf-8")


def test_a_german_repository_hears_the_run_in_german(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kamdoc("init", in_tmp, "--language", "de").code == 0
    plan = in_tmp / "plans/example/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"next_review: \S+", "next_review: 2026-12-01", text, count=1), encoding="utf-8")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    run = kamdoc("remind", "--dry-run", "--format", "github", "--today", "2026-12-07")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("(hier kein GitHub-Token: offene Erinnerungen wurden nicht gelesen")
    assert lines[1].startswith("würde anlegen: plans/example/plan.yaml: Key-Account-Plan fällig: ")
    assert "  - Review überfällig seit 01.12.2026 (6 Tage)" in lines
    report = kamdoc("remind", "--today", "2026-12-07").out
    assert report.startswith("1 von 1 Plänen fällig:\n")
