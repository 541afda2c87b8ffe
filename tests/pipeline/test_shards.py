"""CI at scale: shards partition the plans exactly, their folders merge into what one build makes, and an edit rebuilds one plan."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc

COUNT, SHARDS = 7, 3


@pytest.fixture
def plans(in_tmp: Path) -> Path:
    folder = in_tmp / "plans"
    for i in range(COUNT):
        shutil.copytree(PLANS / "halvorsen-logistics", folder / f"account-{i:02d}")
    return folder


def _build(*args: str | Path) -> str:
    run = kamdoc("build", *args, "--to", "pptx", "-j", "2", "--today", TODAY)
    assert run.code == 0, run.err
    return run.err


def _manifest(folder: Path) -> dict[str, object]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_shards_partition_the_plans_and_merge_into_one_build(plans: Path, in_tmp: Path) -> None:
    _build("plans", "--out", "build")
    single = (in_tmp / "build" / "manifest.json").read_text(encoding="utf-8")
    shutil.move(in_tmp / "build", in_tmp / "single")
    parts = []
    for index in range(1, SHARDS + 1):
        _build("plans", "--out", f"shard-{index}", "--shard", f"{index}/{SHARDS}")
        parts.append({entry["plan"] for entry in _manifest(in_tmp / f"shard-{index}")["plans"]})  # type: ignore[index]
    assert sum(len(p) for p in parts) == COUNT and len(set().union(*parts)) == COUNT  # each plan in exactly one shard
    merged = kamdoc("build", "--merge", "shard-1", "--merge", "shard-2", "--merge", "shard-3", "--out", "build")
    assert merged.code == 0, merged.err
    assert (in_tmp / "build" / "manifest.json").read_text(encoding="utf-8") == single  # the same file one build writes
    assert sorted(p.name for p in (in_tmp / "build").glob("*.pptx")) == sorted(
        p.name for p in (in_tmp / "single").glob("*.pptx")
    )
    # A shard built again after one edit renders that plan only (if it is in the shard) and keeps the rest.
    plan = plans / "account-03" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    said = [_build("plans", "--out", f"shard-{i}", "--shard", f"{i}/{SHARDS}") for i in range(1, SHARDS + 1)]
    built = [int(re.search(r"(\d+) built", s).group(1)) for s in said]  # type: ignore[union-attr]
    assert sum(built) == 1, said


def test_merge_refuses_what_no_shard_build_wrote(plans: Path, in_tmp: Path) -> None:
    _build("plans", "--out", "shard-1", "--shard", "1/2")
    _build("plans", "--out", "shard-2", "--shard", "2/2")
    deck = next((in_tmp / "shard-1").glob("*.pptx"))
    deck.write_bytes(deck.read_bytes() + b"tampered")
    tampered = kamdoc("build", "--merge", "shard-1", "--merge", "shard-2", "--out", "build")
    assert tampered.code == 1 and "not the deck manifest.json names (its hash differs)" in tampered.err
    assert not (in_tmp / "build" / "manifest.json").exists()  # nothing half-merged
    twice = kamdoc("build", "--merge", "shard-2", "--merge", "shard-2", "--out", "build")
    assert twice.code == 1 and "is in two shards" in twice.err
    (in_tmp / "shard-2" / "manifest.json").write_text('{"plans": [{"plan": "../../etc/passwd"}]}')
    forged = kamdoc("build", "--merge", "shard-2", "--out", "build")
    assert forged.code == 1 and "not a manifest kamdoc wrote" in forged.err
    usage = kamdoc("build", "plans", "--merge", "shard-1")
    assert usage.code == 2 and "--merge joins shard folders" in usage.err


def test_merge_fails_naming_each_plan_that_failed_in_its_shard(plans: Path, in_tmp: Path) -> None:
    broken = plans / "account-00" / "plan.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("cover:", "cover: 5\nxcover:", 1), encoding="utf-8")
    for index in (1, 2):
        kamdoc(
            "build",
            "plans",
            "--out",
            f"shard-{index}",
            "--shard",
            f"{index}/2",
            "--to",
            "pptx",
            "-j",
            "2",
            "--today",
            TODAY,
        )
    # A plan that failed while its decks were written (a full disk): its entry has a key and no decks, and no error finding.
    shard = next(
        f"shard-{i}"
        for i in (1, 2)
        if "account-03" in (in_tmp / f"shard-{i}" / "manifest.json").read_text(encoding="utf-8")
    )
    manifest = _manifest(in_tmp / shard)
    entry = next(e for e in manifest["plans"] if e["plan"] == "plans/account-03/plan.yaml")  # type: ignore[attr-defined]
    for deck in entry["outputs"]:
        (in_tmp / deck).unlink()
    entry.update(outputs={}, error="cannot write its decks: No space left on device")
    (in_tmp / shard / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    merged = kamdoc("build", "--merge", "shard-1", "--merge", "shard-2", "--out", "build")
    assert merged.code == 1
    failed_in = next(
        f"shard-{i}"
        for i in (1, 2)
        if "account-00" in (in_tmp / f"shard-{i}" / "manifest.json").read_text(encoding="utf-8")
    )
    assert f"plans/account-00/plan.yaml failed in {failed_in} (2 validation errors)" in merged.err
    assert (
        f"plans/account-03/plan.yaml failed in {shard} (cannot write its decks: No space left on device)" in merged.err
    )
    assert len(merged.err.strip().splitlines()) == 1 and "Traceback" not in merged.err
    listed = {e["plan"]: e["outputs"] for e in _manifest(in_tmp / "build")["plans"]}  # type: ignore[attr-defined]
    assert (
        listed["plans/account-00/plan.yaml"] == {} and len([p for p, o in listed.items() if o]) == COUNT - 2
    )  # the rest merged
