"""Outputs that cannot be written, killed builds, poisoned caches and clashing plans: one message, and nothing half done."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS, ROOT, TODAY, kamdoc, within
from processes import alive, children

from kamdoc.pipeline import render as render_plans

EXAMPLES = ("brenner-werke", "halvorsen-logistics")


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    for name in EXAMPLES:
        shutil.copytree(PLANS / name, in_tmp / "plans" / name)
    shutil.copy(PLANS / "kamdoc.yaml", in_tmp / "kamdoc.yaml")
    return in_tmp


def test_an_output_that_is_a_file_is_one_message(repo: Path) -> None:
    (repo / "out").write_text("not a folder\n")
    for command in ("render", "build"):
        run = kamdoc(command, "plans", "--out", "out/decks", "--today", TODAY)
        assert run.code == 1, command
        assert "cannot write out/decks/" in run.err and "Traceback" not in run.err, run.err


def test_a_full_disk_fails_the_plan_and_the_manifest_says_what_was_built(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = render_plans.write_atomically

    def full_for_brenner(target: Path, data: bytes) -> None:
        if target.name.startswith("brenner-werke"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, data)

    monkeypatch.setattr("kamdoc.pipeline.build.write_atomically", full_for_brenner)
    run = kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY)
    assert run.code == 1
    assert "failed: plans/brenner-werke/plan.yaml: cannot write its decks: No space left on device" in run.err
    manifest = json.loads((repo / "out" / "manifest.json").read_text())
    assert {entry["plan"]: bool(entry["outputs"]) for entry in manifest["plans"]} == {
        "plans/brenner-werke/plan.yaml": False,
        "plans/halvorsen-logistics/plan.yaml": True,
    }


def test_plans_that_would_write_the_same_deck_are_an_error_naming_both(repo: Path) -> None:
    for region in ("east", "west"):
        shutil.copytree(PLANS / "halvorsen-logistics", repo / "plans" / region / "acme")
    for command in ("render", "build"):
        run = kamdoc(command, "plans", "--out", f"out-{command}", "-j", "1", "--today", TODAY)
        assert run.code == 1
        assert (
            "plans/east/acme/plan.yaml and plans/west/acme/plan.yaml would both be written as acme.pptx/.pdf" in run.err
        )
        assert not (repo / f"out-{command}" / "acme.pptx").exists()
        assert (repo / f"out-{command}" / "brenner-werke.pptx").exists()


@pytest.mark.parametrize(
    "manifest",
    [
        "[]",
        '{"plans": 3}',
        '{"plans": [{"plan": 1}]}',
        '{"plans": [null, "x", {"plan": "plans/brenner-werke/plan.yaml", "inputs": []}]}',
        '{"plans": [{"plan": "plans/brenner-werke/plan.yaml", "slug": "b", "key": "'
        + "0" * 64
        + '", "inputs": {"/etc/passwd": "'
        + "0" * 64
        + '"}, "outputs": {}, "findings": [{"line": "x"}]}]}',
        "{" * 100_000,
        "not json at all",
    ],
    ids=["list", "plans-number", "plan-number", "mixed", "bad-finding", "deep", "text"],
)
def test_a_poisoned_manifest_is_ignored_and_everything_is_built(repo: Path, manifest: str) -> None:
    (repo / "out").mkdir()
    (repo / "out" / "manifest.json").write_text(manifest)
    run = kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY)
    assert run.code == 0, run.err
    assert "2 built, 0 unchanged" in run.err


def _planted(repo: Path) -> dict[str, Any]:
    """A first build, then a deck replaced and the manifest rewritten to match it, as a poisoned cache would."""
    assert kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY).code == 0
    deck = repo / "out" / "halvorsen-logistics.pptx"
    deck.write_bytes(b"PK planted")
    import hashlib

    manifest = json.loads((repo / "out" / "manifest.json").read_text())
    for entry in manifest["plans"]:
        if entry["slug"] == "halvorsen-logistics":
            entry["outputs"]["out/halvorsen-logistics.pptx"] = hashlib.sha256(b"PK planted").hexdigest()
    (repo / "out" / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def test_with_a_build_secret_a_planted_deck_is_built_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMDOC_BUILD_SECRET", "ci-only-secret")
    _planted(repo)
    run = kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY)
    assert run.code == 0 and "1 built, 1 unchanged" in run.err
    assert (repo / "out" / "halvorsen-logistics.pptx").read_bytes() != b"PK planted"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_manifest_input_naming_a_fifo_does_not_hang(repo: Path) -> None:
    assert kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY).code == 0
    os.mkfifo(repo / "plans" / "pipe")
    manifest = json.loads((repo / "out" / "manifest.json").read_text())
    for entry in manifest["plans"]:
        entry["inputs"]["plans/pipe"] = "0" * 64
    (repo / "out" / "manifest.json").write_text(json.dumps(manifest))
    run = within(
        lambda: kamdoc("build", "plans", "--out", "out", "-j", "1", "--today", TODAY)
    )  # a FIFO opened to read blocks for ever
    assert run.code == 0 and "2 built" in run.err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_kill_9_of_build_leaves_no_worker_and_the_next_run_no_tmp_file(repo: Path) -> None:
    for i in range(6):
        shutil.copytree(PLANS / "halvorsen-logistics", repo / "plans" / f"copy-{i}")
    (repo / "out").mkdir()
    (repo / "out" / ".copy-0.pptx.999999999.kamdoc-abc.tmp").write_bytes(b"left by a run killed while writing")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamdoc",
            "build",
            "plans",
            "--out",
            "out",
            "-j",
            "2",
            "--to",
            "pptx,pdf",
            "--today",
            TODAY,
        ],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.1)
        workers = children(build.pid)
    assert len(workers) >= 2, "the build started no workers"
    time.sleep(0.5)
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 60  # a hang guard: they go within a second when the machine is idle
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "workers outlived the killed build"
    run = kamdoc("build", "plans", "--out", "out", "-j", "1", "--to", "pptx", "--today", TODAY)
    assert run.code == 0, run.err
    assert not list((repo / "out").glob("*.tmp")) and not list((repo / "out").glob(".*.tmp"))


def test_a_bug_on_one_plan_of_many_is_that_plans_finding(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.validate import plan as validate

    for i in range(25):  # enough for worker processes
        shutil.copytree(PLANS / "halvorsen-logistics", in_tmp / "plans" / f"account-{i:02}")
    real = validate.validate_file

    def buggy(plan: Path, today: Any, programme: Any = None) -> Any:
        if "account-07" in str(plan):
            raise RuntimeError("a bug that only this plan finds")
        return real(plan, today, programme)

    monkeypatch.setattr(validate, "validate_file", buggy)  # workers are forked, so they inherit it
    run = kamdoc("validate", "plans", "--today", TODAY)
    assert run.code == 1
    assert (
        "plans/account-07/plan.yaml:1:1: error: kamdoc could not check this plan (RuntimeError: a bug that only this plan finds"
        in run.out
    )
    assert "checked 25 plans: 1 error" in run.err


def test_a_manifest_over_the_cap_is_not_read(repo: Path) -> None:
    (repo / "out").mkdir()
    with open(repo / "out" / "manifest.json", "w") as handle:
        handle.write('{"plans": [' + ", ".join(['{"plan": "x"}'] * 5_000_000) + "]}")
    assert (repo / "out" / "manifest.json").stat().st_size > 64 * 1024 * 1024
    run = kamdoc("build", "plans", "--out", "out", "-j", "1", "--to", "pptx", "--today", TODAY)
    assert run.code == 0 and "2 built" in run.err
