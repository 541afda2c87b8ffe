"""`kamdoc build`: all plans, in parallel, incremental, sharded, a manifest, failures that do not stop the others."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import DATA, PLANS, TODAY, kamdoc


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    shutil.copytree(PLANS, in_tmp / "plans")
    return in_tmp


def test_build_renders_every_plan_with_a_manifest(repo: Path) -> None:
    run = kamdoc("build", "--today", TODAY)
    assert run.code == 0, run.err
    assert "2 plans in" in run.err and "2 built, 0 unchanged, 0 failed" in run.err
    manifest = json.loads((repo / "build" / "manifest.json").read_text())
    entries = {e["slug"]: e for e in manifest["plans"]}
    assert sorted(entries) == ["brenner-werke", "halvorsen-logistics"]
    entry = entries["brenner-werke"]
    assert sorted(entry["inputs"]) == [
        "plans/brenner-werke/logo.png",
        "plans/brenner-werke/markt.md",
        "plans/brenner-werke/plan.yaml",
    ]
    for output, digest in entry["outputs"].items():
        assert sha(repo / output) == digest
    assert sorted(entry["outputs"]) == ["build/brenner-werke.pdf", "build/brenner-werke.pptx"]


def test_unchanged_plans_are_not_rendered_again(repo: Path) -> None:
    assert kamdoc("build", "--to", "pptx", "--today", TODAY).code == 0
    again = kamdoc("build", "--to", "pptx", "--today", TODAY)
    assert "0 built, 2 unchanged" in again.err
    sidecar = repo / "plans" / "brenner-werke" / "markt.md"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    third = kamdoc("build", "--to", "pptx", "--today", TODAY)
    assert "1 built, 1 unchanged" in third.err
    assert "built     plans/brenner-werke/plan.yaml" in third.err
    (repo / "build" / "halvorsen-logistics.pptx").unlink()  # a lost output is made again
    fourth = kamdoc("build", "--to", "pptx", "--today", TODAY)
    assert "1 built, 1 unchanged" in fourth.err and (repo / "build" / "halvorsen-logistics.pptx").is_file()


def test_two_clean_builds_are_byte_identical(repo: Path) -> None:
    assert kamdoc("build", "--out", "one", "-j", "1", "--today", TODAY).code == 0
    assert kamdoc("build", "--out", "two", "-j", "2", "--today", TODAY).code == 0
    names = sorted(p.name for p in (repo / "one").iterdir())
    assert names == [
        "brenner-werke.pdf",
        "brenner-werke.pptx",
        "halvorsen-logistics.pdf",
        "halvorsen-logistics.pptx",
        "manifest.json",
    ]
    for name in names:
        if name != "manifest.json":
            assert sha(repo / "one" / name) == sha(repo / "two" / name), name


def test_a_manifest_naming_files_outside_the_repo_is_not_trusted(repo: Path) -> None:
    # A CI cache anyone could write to may hold an altered manifest; its inputs outside the repo are never read.
    assert kamdoc("build", "--to", "pptx", "-j", "1", "--today", TODAY).code == 0
    outside = repo.parent / f"{repo.name}-secret.txt"
    outside.write_text("not for kamdoc")
    manifest_file = repo / "build" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    forged = manifest["plans"][0]
    forged["inputs"][f"../{outside.name}"] = sha(outside)
    forged["key"] = _key(forged["inputs"])
    manifest_file.write_text(json.dumps(manifest))
    opened: list[str] = []
    recording = [True]  # an audit hook cannot be removed; it stops recording after this build
    sys.addaudithook(
        lambda event, args: opened.append(str(args[0])) if recording[0] and event == "open" and args else None
    )
    run = kamdoc("build", "--to", "pptx", "-j", "1", "--today", TODAY)
    recording[0] = False
    assert run.code == 0 and "1 built, 1 unchanged" in run.err
    assert not [name for name in opened if name.endswith(outside.name)]


def _key(inputs: dict[str, str]) -> str:
    """The key the build would record for these inputs (pptx, internal deck, default theme, the example programme)."""
    from kamdoc.load.settings import programmes_for
    from kamdoc.pipeline.build import _key as key
    from kamdoc.pipeline.build import plan_recipes, run_recipe

    plan = Path("plans/brenner-werke/plan.yaml")
    recipe = plan_recipes([plan], run_recipe(("pptx",), "internal", None), programmes_for([plan]))[plan]
    return key(recipe, inputs)


def test_a_failing_plan_does_not_stop_the_others(repo: Path) -> None:
    shutil.copy(DATA / "bad" / "role-not-in-list.yaml", repo / "plans" / "broken.yaml")
    (repo / "plans" / "broken.yaml").write_text(
        (repo / "plans" / "broken.yaml").read_text().replace("../base/", "../base-missing/")
    )
    run = kamdoc("build", "--to", "pptx", "--today", TODAY)
    assert run.code == 1
    assert "2 built, 0 unchanged, 1 failed" in run.err
    assert "failed: plans/broken.yaml:" in run.err
    assert "power_map.people[0].roles[1]: 'boss' is not one of" in run.err
    assert (repo / "build" / "brenner-werke.pptx").is_file() and not (repo / "build" / "broken.pptx").exists()


def test_shards_split_the_plans_stably(repo: Path) -> None:
    for i in range(6):
        shutil.copytree(repo / "plans" / "halvorsen-logistics", repo / "plans" / f"copy-{i}")
    seen: list[str] = []
    for index in (1, 2, 3):
        run = kamdoc("build", "--to", "pptx", "--shard", f"{index}/3", "--out", f"shard{index}", "--today", TODAY)
        assert run.code == 0, run.err
        seen += sorted(p.stem for p in (repo / f"shard{index}").glob("*.pptx"))
    assert sorted(seen) == sorted(["brenner-werke", "halvorsen-logistics", *[f"copy-{i}" for i in range(6)]])
    assert kamdoc("build", "--shard", "4/3").code == 2
    assert kamdoc("build", "--shard", "x").code == 2
