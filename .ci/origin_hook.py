"""Hatch build hook: a wheel built in a git clone records the clone's commit and remote address in kamdoc/_origin.json.

`kamdoc init` pins CI and the commit hook to that commit (kamdoc.commands.starter.installed_from_git), so that a team that
installs a wheel built from its own clone gets a pinned repository without looking the commit up. A wheel built from an
sdist, or from a clone with changes not committed, records nothing: its code is no commit anyone can fetch.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


class OriginHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds kamdoc/_origin.json to a wheel built in a clean git clone."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if self.target_name != "wheel" or version == "editable" or not (root / ".git").exists():
            return
        commit = _git(root, "rev-parse", "HEAD")
        if len(commit) != 40 or _git(root, "status", "--porcelain", "--untracked-files=no"):
            return
        self._folder = tempfile.mkdtemp(prefix="kamdoc-origin-")
        record = Path(self._folder) / "_origin.json"
        record.write_text(json.dumps({"commit": commit, "repository": _git(root, "remote", "get-url", "origin") or str(root)}), encoding="utf-8")
        build_data["force_include"][str(record)] = "kamdoc/_origin.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_folder", None):
            shutil.rmtree(self._folder, ignore_errors=True)
