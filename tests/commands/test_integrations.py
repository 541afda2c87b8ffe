"""What kamdoc ships for other tools: the pre-commit hook and the composite GitHub Action."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT


def test_pre_commit_hook_runs_kamdoc_validate() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kamdoc-validate"
    assert hook["entry"] == "kamdoc validate" and hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "plans/acme/plan.yaml") and re.search(hook["files"], "plans/acme/market.md")


def test_action_installs_kamdoc_and_pins_actions_to_commits() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "pip install" in scripts and "${{" not in scripts  # inputs arrive through the environment only
