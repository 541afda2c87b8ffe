"""Approvals through pull requests: `init --review` (CODEOWNERS and the workflow's check), `kamdoc approval` against
recorded reviews, the PR comment's line, `kamdoc tag` after the merge and `render --at` of the tag."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, kamdoc
from fake_tracker import Tracker, serve
from git_history import commit, edit, git, new_repo
from PIL import Image
from test_starter import ACTIONLINT, REV, _no_zizmor_findings

TODAY = "2026-11-23"
APPROVERS = 'approvers: ["@lead", "@sales/directors"]\n'


@pytest.fixture
def fake_github() -> Iterator[Tracker]:
    yield from serve("github")


@pytest.fixture
def pr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A repository whose main has the plan in review and the approvers, and a branch that sets the plan to approved:
    the commits of both sides."""
    (tmp_path / "plans-repo").mkdir()
    root = new_repo(tmp_path / "plans-repo")
    shutil.copytree(DATA / "contracts", root / "plans" / "oakridge")
    edit(root, "plans/oakridge/plan.yaml", "status: approved", "status: review")
    (root / "kamdoc.yaml").write_text(APPROVERS, encoding="utf-8")
    base = commit(root, "plan in review")
    git(root, "branch", "-M", "main")
    git(root, "checkout", "-q", "-b", "approve")
    edit(root, "plans/oakridge/plan.yaml", "status: review", "status: approved")
    # The pull request also names its author an approver: the check goes by main's list.
    (root / "kamdoc.yaml").write_text('approvers: ["@lead", "@sales/directors", "@author"]\n', encoding="utf-8")
    head = commit(root, "approve the plan")
    monkeypatch.chdir(root)
    return {"base": base, "head": head, "root": str(root)}


def _check(tracker: Tracker, monkeypatch: pytest.MonkeyPatch, head: str, *more: str) -> tuple[int, str]:
    monkeypatch.setenv("GITHUB_API_URL", tracker.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "sales/plans")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    run = kamdoc("approval", "main...approve", "--pull", "7", "--head", head, "--today", TODAY, *more)
    return run.code, run.out + run.err


def _review(login: str, state: str, commit_id: str) -> dict[str, object]:
    return {"user": {"login": login}, "state": state, "commit_id": commit_id}


def test_an_approvers_approval_passes(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_github.reviews = [_review("someone", "COMMENTED", pr["head"]), _review("Lead", "APPROVED", pr["head"])]
    code, said = _check(fake_github, monkeypatch, pr["head"])
    assert code == 0, said
    assert "plans/oakridge/plan.yaml: Status review → approved: approved by @lead" in said
    assert "plans/oakridge@2026-10-01" in said


def test_a_team_member_s_approval_passes(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_github.teams = {"sales/directors": ["maria"]}
    fake_github.reviews = [_review("maria", "APPROVED", pr["head"])]
    code, said = _check(fake_github, monkeypatch, pr["head"])
    assert code == 0 and "approved by @maria (@sales/directors)" in said


@pytest.mark.parametrize(
    "reviews",
    [
        [],  # nobody reviewed
        [("someone", "APPROVED")],  # not an approver, not in the team
        [("author", "APPROVED")],  # made an approver by the pull request itself
        [("lead", "APPROVED"), ("lead", "CHANGES_REQUESTED")],  # the approver's latest review asks for changes
        [("lead", "APPROVED"), ("lead", "DISMISSED")],
    ],
)
def test_without_an_approvers_approval_the_check_fails(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch, reviews: list[tuple[str, str]]
) -> None:
    fake_github.reviews = [_review(login, state, pr["head"]) for login, state in reviews]
    code, said = _check(fake_github, monkeypatch, pr["head"], "--format", "github")
    assert code == 1
    assert said.strip() == (
        "::error file=plans/oakridge/plan.yaml,title=Approval needed::Status review → approved: "
        "needs approval from @lead or @sales/directors"
    )


def test_an_approval_of_an_older_commit_does_not_count(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_github.reviews = [_review("lead", "APPROVED", pr["base"])]
    assert _check(fake_github, monkeypatch, pr["head"])[0] == 1


def test_a_change_that_approves_nothing_passes_without_asking_github(
    pr: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    run = kamdoc("approval", "main...main", "--today", TODAY)
    assert run.code == 0 and "no plan is set to approved" in run.out


def test_the_pull_request_comment_says_whose_approval_is_needed(pr: dict[str, str]) -> None:
    run = kamdoc("diff", "main...approve", "--format", "markdown", "--today", TODAY)
    assert "**Status review → approved: needs approval from @lead or @sales/directors**" in run.out.replace(
        "\u2060", ""
    )


def test_the_merge_is_tagged_and_renders_as_it_was(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = Path(pr["root"])
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--ff-only", "approve")
    assert kamdoc("tag", "plans", "--today", TODAY).out.startswith(
        f"tagged plans/oakridge@2026-10-01 at {pr['head'][:10]}"
    )
    assert "is already at" in kamdoc("tag", "plans", "--today", TODAY).out
    (root / "README.md").write_text("Our plans\n", encoding="utf-8")
    commit(root, "an unrelated commit")
    assert "stays at" in kamdoc("tag", "plans", "--today", TODAY).out  # the plan is as it was approved: no warning
    first = kamdoc("render", "plans", "--out", tmp_path / "then", "--today", TODAY)
    assert first.code == 0, first.err
    # Later the plan changes, its logo too, and the version stays: the old tag no longer names the plan's commit.
    edit(root, "plans/oakridge/plan.yaml", "account: Oakridge Components", "account: Oakridge Group")
    Image.new("RGB", (40, 20), (200, 30, 30)).save(root / "plans/oakridge/logo.png")
    commit(root, "later edit")
    assert kamdoc("tag", "plans", "--today", TODAY).out.startswith("warning: plans/oakridge@2026-10-01 is at")
    again = kamdoc(
        "render", "plans", "--at", "plans/oakridge@2026-10-01", "--out", tmp_path / "again", "--today", TODAY
    )
    assert again.code == 0, again.err
    assert (tmp_path / "again/oakridge.pptx").read_bytes() == (tmp_path / "then/oakridge.pptx").read_bytes()
    # Through GitHub's API, as the workflow does it: the tag is made at GITHUB_SHA.
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "sales/plans")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    monkeypatch.setenv("GITHUB_SHA", pr["head"])
    git(root, "checkout", "-q", pr["head"])
    assert kamdoc("tag", "plans", "--format", "github", "--today", TODAY).code == 0
    assert fake_github.tags == {"plans/oakridge@2026-10-01": pr["head"]}


def test_render_at_a_revision_that_is_none_is_one_message(pr: dict[str, str]) -> None:
    run = kamdoc("render", "plans", "--at", "no-such-tag")
    assert run.code == 2 and "'no-such-tag' is not a revision" in run.err


def test_init_review_writes_codeowners_from_kamdoc_yaml(tmp_path: Path) -> None:
    (tmp_path / "kamdoc.yaml").write_text(
        'owners:\n  plans/acme: ["@jana", "@sales/north"]\n' + APPROVERS, encoding="utf-8"
    )
    run = kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV, "--review")
    assert run.code == 0, run.err
    assert (tmp_path / "kamdoc.yaml").read_text().startswith("owners:")  # the team's settings stay as they are
    lines = [line for line in (tmp_path / "CODEOWNERS").read_text().splitlines() if line and not line.startswith("#")]
    assert lines == [
        "/plans/ @lead @sales/directors",
        "/kamdoc.yaml @lead @sales/directors",
        "/CODEOWNERS @lead @sales/directors",
        "/.github/ @lead @sales/directors",  # the approval check itself
        "/plans/acme/ @jana @sales/north @lead @sales/directors",
    ]
    assert "owners: plans/acme is no folder here" in run.out


def test_init_review_s_workflow_passes_actionlint_and_zizmor(tmp_path: Path) -> None:
    run = kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV, "--review")
    assert run.code == 0, run.err
    assert "kamdoc.yaml names no approvers" in run.out
    workflow = tmp_path / ".github/workflows/kamdoc.yml"
    text = workflow.read_text()
    assert "command: approval" in text and "command: tag" in text and "pull_request_review:" in text
    out = subprocess.run(
        ["node", str(ACTIONLINT), str(workflow)], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == []
    _no_zizmor_findings(tmp_path)


@pytest.mark.parametrize("place", ["CODEOWNERS", ".github/CODEOWNERS"])
def test_a_team_s_own_codeowners_is_kept(tmp_path: Path, place: str) -> None:
    (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / place).write_text("* @the-team\n", encoding="utf-8")
    run = kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV, "--review")
    assert run.code == 0 and (tmp_path / place).read_text() == "* @the-team\n"
    assert f"{place} is the team's own: kept as it is" in run.out
    assert not (tmp_path / "CODEOWNERS").exists() or place == "CODEOWNERS"  # no second file GitHub would not read


def test_an_approved_version_renders_again_however_old_it_is(pr: dict[str, str], tmp_path: Path) -> None:
    root = Path(pr["root"])
    (root / "kamdoc.yaml").write_text(APPROVERS + "rules:\n  max_plan_age: 6 months\n", encoding="utf-8")
    commit(root, "plans are revised twice a year")
    git(root, "tag", "plans/oakridge@2026-10-01")
    assert kamdoc("validate", "plans", "--today", "2028-01-01").code == 1  # the plan as it stands is too old
    run = kamdoc(
        "render", "plans", "--at", "plans/oakridge@2026-10-01", "--out", tmp_path / "d", "--today", "2028-01-01"
    )
    assert run.code == 0, run.err


def test_changing_an_approved_plan_needs_the_approval_again(
    pr: dict[str, str], fake_github: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(pr["root"])
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--ff-only", "approve")
    git(root, "checkout", "-q", "-b", "raise-volume")
    edit(root, "plans/oakridge/plan.yaml", "{name: Wireless line, volume: 1500,", "{name: Wireless line, volume: 2500,")
    head = commit(root, "raise the volume of an approved plan")
    comment = kamdoc("diff", "main...raise-volume", "--format", "markdown", "--today", TODAY).out.replace("\u2060", "")
    # The merged branch had named its author an approver: from now on main's kamdoc.yaml says so.
    assert "**Approved plan changed: needs approval from @lead or @sales/directors or @author again" in comment
    monkeypatch.setenv("GITHUB_API_URL", fake_github.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "sales/plans")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    run = kamdoc("approval", "main...raise-volume", "--pull", "7", "--head", head, "--today", TODAY)
    assert run.code == 1 and "plans/oakridge/plan.yaml: Approved plan changed: needs approval" in run.out
    fake_github.reviews = [_review("lead", "APPROVED", head)]
    run = kamdoc("approval", "main...raise-volume", "--pull", "7", "--head", head, "--today", TODAY)
    assert run.code == 0 and "Approved plan changed: approved by @lead" in run.out


def test_without_a_token_the_check_still_says_what_is_needed(
    pr: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    run = kamdoc("approval", "main...approve", "--pull", "7", "--today", TODAY)
    assert run.code == 1 and "needs approval from @lead or @sales/directors" in run.out and "GITHUB_TOKEN" in run.err


def test_running_init_again_keeps_the_pin_and_the_settings(tmp_path: Path) -> None:
    first = kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV)
    assert first.code == 0
    with (tmp_path / "kamdoc.yaml").open("a", encoding="utf-8") as settings:
        settings.write('approvers: ["@lead"]\n')
    again = kamdoc("init", tmp_path, "--review", "--force")  # as CODEOWNERS' header says, without the pin's options
    assert again.code == 0, again.err
    workflow = (tmp_path / ".github/workflows/kamdoc.yml").read_text()
    assert f"kamdoc/kamdoc@{REV}" in workflow and "PIN-A-KAMDOC-COMMIT" not in workflow
    assert 'approvers: ["@lead"]' in (tmp_path / "kamdoc.yaml").read_text()
    assert "/plans/ @lead" in (tmp_path / "CODEOWNERS").read_text()
