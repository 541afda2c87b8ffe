"""Every ```sh block of README.md and docs/*.md runs, as written, in a fresh plans repository.

A block fenced ```sh is one a reader is meant to run: it must work offline in a git repository holding a copy of the
example plans. Blocks that need the network, a browser, a CI runner, pandoc or Marp, or minutes (the test suite, the long
fuzz run, the benchmarks) are fenced ```console (or ```text) and are not run. The README's first block, the set-up
commands, is left to .ci/run, which runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
"""The README and the pages directly in docs/ (not in its subfolders)."""
HANG = 300.0
"""Seconds after which a block counts as hung: a guard, never a measure of speed."""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Docs Test",
    "GIT_AUTHOR_EMAIL": "docs@example.com",
    "GIT_COMMITTER_NAME": "Docs Test",
    "GIT_COMMITTER_EMAIL": "docs@example.com",
}
OFFLINE = {name: "http://127.0.0.1:9" for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")}
"""Every proxy points nowhere, so a block that reaches for the network fails instead of passing by luck."""

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


@dataclass(frozen=True)
class Block:
    """A fenced ```sh block: the page it is in, the line its fence opens on, and its commands."""

    page: Path
    line: int
    code: str

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def first_line(self) -> str:
        return next((line for line in self.code.splitlines() if line.strip()), "")


def sh_blocks(page: Path) -> list[Block]:
    """The page's fenced blocks whose info string is `sh`, in order, with their fence's indentation taken off."""
    blocks: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        words = opening["info"].split()
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            closing = _FENCE.match(lines[j])
            if (
                closing
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        if words and words[0] == "sh":
            blocks.append(Block(page, i + 1, "\n".join(body) + "\n"))
        i = j + 1
    return blocks


def runnable_blocks() -> list[Block]:
    blocks: list[Block] = []
    for page in PAGES:
        found = sh_blocks(page)
        blocks += (
            found[1:] if page == ROOT / "README.md" else found
        )  # the README's first: the set-up commands, run by .ci/run
    return blocks


BLOCKS = runnable_blocks()


def test_the_readmes_first_block_is_the_set_up_left_to_ci() -> None:
    (first, *_) = sh_blocks(ROOT / "README.md")
    assert first.code.splitlines()[0] == "pip install -e . && kamdoc render plans/"
    assert BLOCKS, "no ```sh block found to run"


def _environment(tmp_path: Path) -> dict[str, str]:
    """This interpreter's `python` and `kamdoc` first on PATH; git with a name, without the user's settings; offline."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "python").symlink_to(sys.executable)
    interpreter_bin = Path(sys.executable).parent
    if not (interpreter_bin / "kamdoc").exists():
        (shims / "kamdoc").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kamdoc "$@"\n', encoding="utf-8")
        (shims / "kamdoc").chmod(0o755)
    git_config = tmp_path / "gitconfig"
    git_config.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAMDOC_")}
    env.update(GIT_ENV)
    env.update(OFFLINE)
    env.update(
        PATH=os.pathsep.join([str(shims), str(interpreter_bin), env.get("PATH", "")]),
        GIT_CONFIG_GLOBAL=str(git_config),
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
        PIP_NO_INDEX="1",
    )
    return env


def _plans_repository(folder: Path, env: dict[str, str]) -> None:
    """A git repository holding a copy of the example plans, their kamdoc.yaml at its top too, in one commit."""
    shutil.copytree(ROOT / "plans", folder / "plans", ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / "plans" / "kamdoc.yaml").is_file():
        shutil.copyfile(ROOT / "plans" / "kamdoc.yaml", folder / "kamdoc.yaml")
    for args in (
        ["-c", "init.defaultBranch=main", "init", "-q"],
        ["add", "."],
        ["commit", "-q", "-m", "Key account plans"],
    ):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_the_documented_commands_run(block: Block, tmp_path: Path) -> None:
    env = _environment(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    _plans_repository(repo, env)
    script = tmp_path / "block.sh"
    script.write_text(block.code, encoding="utf-8")
    process = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail", str(script)],
        cwd=repo,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"{block.name}: `{block.first_line}` still running after {HANG:.0f} s: it hangs\n{output[-6000:]}")
    assert process.returncode == 0, (
        f"{block.name}: the block starting `{block.first_line}` exited {process.returncode}:\n{output[-6000:]}"
    )


def test_the_readme_starts_where_users_start_and_stays_short() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250  # the rest lives in docs/, which the README links to
    assert lines[:4] == ["# kamdoc", "", "```sh", "pip install -e . && kamdoc render plans/"]
