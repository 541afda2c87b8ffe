"""A plan at a git revision is checked against that revision's own kamdoc.yaml, not the working tree's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import PLANS, TODAY, kamdoc


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=k@example.com", "-c", "user.name=K", *args], check=True, capture_output=True)


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
    settings.write_text(settings.read_text().replace("{id: margin, name: Achievable margin", "{id: profit, name: Achievable profit"))
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
