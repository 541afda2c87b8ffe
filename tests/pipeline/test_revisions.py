"""A plan at a git revision is checked against that revision's own kamdoc.yaml, not the working tree's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import PLANS, TODAY, kamdoc


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=k@example.com", "-c", "user.name=K", *args],
        check=True,
        capture_output=True,
    )


def test_an_old_revision_is_validated_with_its_own_settings(tmp_path: Path) -> None:
    repo = tmp_path / "plans-repo"
    shutil.copytree(PLANS / "halvorsen-logistics", repo / "plans" / "halvorsen-logistics")
    shutil.copy(PLANS / "kamdoc.yaml", repo / "kamdoc.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "plans and their programme")
    plan = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    plan.write_text(plan.read_text().replace("account: Halvorsen Logistics ASA", "account: Halvorsen Logistikk ASA"))
    _git(repo, "commit", "-qam", "the account's Norwegian name")
    settings = repo / "kamdoc.yaml"
    # The working tree renames a criterion: the plan as committed no longer fits it, the revision still does.
    settings.write_text(
        settings.read_text().replace("{id: margin, name: Achievable margin", "{id: profit, name: Achievable profit")
    )
    now = kamdoc("validate", repo / "plans", "--today", TODAY)
    assert now.code == 1 and "'margin' is not a criterion in kamdoc.yaml" in now.out
    import os

    before = Path.cwd()
    os.chdir(repo)
    try:
        then = kamdoc("diff", "HEAD~1", "HEAD", "--format", "json", "--today", TODAY)
    finally:
        os.chdir(before)
    assert then.code == 0, then.out + then.err
    assert "not a criterion" not in then.out and "Halvorsen Logistikk ASA" in then.out


def _two_plans(tmp_path: Path) -> Path:
    """A repository of two plans and their programme, committed."""
    repo = tmp_path / "plans-repo"
    for name in ("halvorsen-logistics", "brenner-werke"):
        shutil.copytree(PLANS / name, repo / "plans" / name)
    shutil.copy(PLANS / "kamdoc.yaml", repo / "kamdoc.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "plans and their programme")
    return repo


def _diff(repo: Path, *args: str) -> tuple[int, str, str]:
    import os

    before = Path.cwd()
    os.chdir(repo)
    try:
        run = kamdoc("diff", *args, "--today", TODAY, "--language", "en")
    finally:
        os.chdir(before)
    return run.code, run.out, run.err


def test_a_plan_over_the_size_cap_is_its_own_finding_and_the_others_are_shown(tmp_path: Path) -> None:
    repo = _two_plans(tmp_path)
    halvorsen = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    halvorsen.write_text(
        halvorsen.read_text().replace("account: Halvorsen Logistics ASA", "account: Halvorsen Logistikk ASA")
    )
    brenner = repo / "plans" / "brenner-werke" / "plan.yaml"
    brenner.write_text(brenner.read_text() + "#" + "x" * (2 * 1024 * 1024) + "\n")
    _git(repo, "commit", "-qam", "a new name, and a plan padded past the cap")
    for args in (("HEAD~1", "HEAD"), ("HEAD",)):  # between two commits, and a commit against the working tree
        code, out, err = _diff(repo, *args)
        assert code == 1, out + err
        assert "plans/brenner-werke/plan.yaml (Brenner Werke AG)" not in out  # the padded plan was never read
        assert "plans/brenner-werke/plan.yaml — not compared: at " in out and "is larger than 2 MB" in out
        if args == ("HEAD~1", "HEAD"):
            assert "cover: account: Halvorsen Logistics ASA → Halvorsen Logistikk ASA" in out
    code, out, _ = _diff(repo, "HEAD~1", "HEAD", "--format", "json")
    plans = {p["plan"]: p for p in json.loads(out)["plans"]}
    assert code == 1 and plans["plans/brenner-werke/plan.yaml"]["status"] == "unreadable"
    assert "larger than 2 MB" in plans["plans/brenner-werke/plan.yaml"]["problem"]
    assert plans["plans/halvorsen-logistics/plan.yaml"]["status"] == "changed"


def test_a_broken_kamdoc_yaml_in_the_old_revision_is_each_plans_finding(tmp_path: Path) -> None:
    repo = _two_plans(tmp_path)
    settings = repo / "kamdoc.yaml"
    good = settings.read_text()
    settings.write_text(good + "portfolio: [unclosed\n")
    _git(repo, "commit", "-qam", "a broken programme")
    settings.write_text(good)
    halvorsen = repo / "plans" / "halvorsen-logistics" / "plan.yaml"
    halvorsen.write_text(
        halvorsen.read_text().replace("account: Halvorsen Logistics ASA", "account: Halvorsen Logistikk ASA")
    )
    _git(repo, "commit", "-qam", "the programme mended, a new name")
    code, out, err = _diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 1, out + err
    assert "Traceback" not in out + err and "Usage:" not in err
    assert out.count("| unreadable |") == 2 and "kamdoc.yaml" in out
    code, out, _ = _diff(repo, "HEAD~2", "HEAD")  # past the broken revision, the plans compare as ever
    assert code == 0 and "cover: account: Halvorsen Logistics ASA → Halvorsen Logistikk ASA" in out
