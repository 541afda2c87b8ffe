"""`kamdoc textconv`, git's diff driver: the lines of a plan of the work tree, and one message for anything else git never hands it."""

from __future__ import annotations

import os
import random
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, kamdoc
from fuzz.gen_files import (
    GENERATORS,
    SECRET,
    TOKEN_URL,
    fifo,
    git_config,
    hostile_file,
    link_into_git,
    link_out,
    link_to_device,
    release,
    sparse,
)

PLAN = "account:\n  name: Brenner Werke AG\nb: [1, 2]\n"
MEMORY = 3 * 1024**3
"""The address space a textconv run that must not read a whole file is given: a kamdoc that did would fail, not the machine."""


def kamdoc_fenced(*args: str | Path) -> Run:
    """Run kamdoc in a process of its own with bounded memory, stopped after a minute (a guard against a hang, not a measure of speed)."""

    def fence() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "kamdoc", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=fence,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"kamdoc {' '.join(map(str, args))} waited for ever")
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A work tree with one plan in it."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    plans = tmp_path / "repo" / "plans"
    plans.mkdir()
    (plans / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path / "repo"


def refused(run: Run, why: str) -> None:
    """One message saying why, exit code 1, and nothing on standard output for git to show."""
    assert run.code == 1 and run.out == "", run
    assert why in run.err and run.err.count("\n") == 1 and "Traceback" not in run.err
    assert SECRET not in run.err


def test_a_plan_of_the_work_tree_is_printed_as_lines(tree: Path) -> None:
    run = kamdoc("textconv", tree / "plans" / "plan.yaml")
    assert run.code == 0 and run.out.splitlines() == ['account.name = "Brenner Werke AG"', "b[0] = 1", "b[1] = 2"]


def test_a_link_inside_the_tree_is_followed(tree: Path) -> None:
    (tree / "plans" / "same.yaml").symlink_to("plan.yaml")
    assert 'account.name = "Brenner Werke AG"' in kamdoc("textconv", tree / "plans" / "same.yaml").out


def test_a_file_outside_every_repo_is_printed(tmp_path: Path) -> None:
    # git writes the old side of a diff to a folder of its own (/tmp/git-blob-XXXXXX/plan.yaml), in no work tree.
    blob = tmp_path / "git-blob-a1b2c3" / "plan.yaml"
    blob.parent.mkdir()
    blob.write_text(PLAN, encoding="utf-8")
    assert kamdoc("textconv", blob).out.startswith('account.name = "Brenner Werke AG"')


def test_a_file_that_is_no_yaml_is_passed_through(tree: Path) -> None:
    (tree / "plans" / "notes.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    run = kamdoc("textconv", tree / "plans" / "notes.yaml")
    assert run.code == 0 and run.out == "a: [unclosed\n"


def test_a_link_out_of_the_tree_is_refused(tree: Path) -> None:
    link = link_out(random.Random(1), tree / "plans", "plan.yaml", PLAN.encode())
    refused(kamdoc("textconv", link), "is a link to a file outside the work tree")


def test_a_link_to_a_device_is_refused(tree: Path) -> None:
    refused(
        kamdoc_fenced("textconv", link_to_device(random.Random(2), tree / "plans", "plan.yaml")),
        "outside the work tree",
    )


def test_gits_own_files_are_refused(tree: Path) -> None:
    config = git_config(random.Random(3), tree, "config")
    refused(kamdoc("textconv", config), "inside git's own folder (.git/)")
    refused(kamdoc("textconv", tree / "plans" / ".." / ".git" / "config"), "inside git's own folder (.git/)")


def test_a_link_into_git_is_refused(tree: Path) -> None:
    refused(kamdoc("textconv", link_into_git(random.Random(3), tree, "plan.yaml")), "inside git's own folder (.git/)")


def test_a_fifo_is_refused_without_waiting(tree: Path) -> None:
    refused(kamdoc_fenced("textconv", fifo(random.Random(4), tree / "plans", "plan.yaml")), "is not a regular file")


def test_a_huge_file_is_refused_without_reading_it(tree: Path) -> None:
    giant = sparse(random.Random(5), tree / "plans", "plan.yaml", head=PLAN.encode())
    refused(kamdoc_fenced("textconv", giant), "is larger than 2 MB")


def test_git_diff_shows_the_lines_through_the_driver(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is not installed")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(tmp_path), *args], capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("config", "user.email", "test@example.com")
    git("config", "user.name", "Test")
    git("config", "diff.kamdoc.textconv", f"{sys.executable} -m kamdoc textconv")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=kamdoc\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "first")
    (tmp_path / "plan.yaml").write_text(PLAN.replace("[1, 2]", "[1, 3]"), encoding="utf-8")
    shown = git("diff")
    assert "-b[1] = 2" in shown and "+b[1] = 3" in shown
    assert "+b[1] = 3" in git("diff", "HEAD")  # the old side from a blob git wrote outside the tree


def test_the_generators_make_what_they_say(tree: Path) -> None:
    rng, plans = random.Random(6), tree / "plans"
    assert not link_out(rng, plans, "a.yaml").resolve().is_relative_to(tree)
    assert str(link_to_device(rng, plans, "b.yaml").resolve()).startswith("/dev/")
    assert stat.S_ISFIFO(os.lstat(fifo(rng, plans, "c.yaml")).st_mode)
    giant = os.stat(sparse(rng, plans, "d.yaml"))
    assert giant.st_size >= 1024**3 and giant.st_blocks * 512 < 1024**2  # a gigabyte or more that takes no room
    assert TOKEN_URL in git_config(rng, tree).read_text(encoding="utf-8")
    assert link_into_git(rng, plans, "e.yaml").resolve() == (tree / ".git" / "config").resolve()
    fifo(rng, plans, "a.yaml")  # a hostile file replaces what was there, as a checkout does
    assert stat.S_ISFIFO(os.lstat(plans / "a.yaml").st_mode)
    release(plans / "a.yaml")  # nobody reads it: nothing to end
    assert os.path.lexists(hostile_file(rng, plans, "f.yaml"))


@pytest.mark.parametrize("make", GENERATORS, ids=lambda make: make.__name__)
def test_any_hostile_file_is_one_message(tree: Path, make: Callable[..., Path]) -> None:
    run = kamdoc_fenced("textconv", make(random.Random(7), tree / "plans", "plan.yaml"))
    assert run.code == 1 and run.out == "" and run.err.count("\n") == 1 and SECRET not in run.err
