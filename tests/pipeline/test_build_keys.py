"""`kamdoc build`'s keys know what made each deck: kamdoc's own files, not only its version number, and the settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS, ROOT, TODAY, kamdoc

from kamdoc import __version__

EXAMPLES = ("plans/brenner-werke/plan.yaml", "plans/halvorsen-logistics/plan.yaml")
NOT_COPIED = shutil.ignore_patterns("__pycache__", "*.pyc")


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    shutil.copytree(PLANS, in_tmp / "plans")
    return in_tmp


def statuses(manifest_folder: Path, err: str) -> dict[str, str]:
    """What a build said it did with each plan (its lines off a terminal), for the plans its manifest lists."""
    plans = [entry["plan"] for entry in json.loads((manifest_folder / "manifest.json").read_text())["plans"]]
    said = dict(
        reversed(line.split()[:2])
        for line in err.splitlines()
        if line.split()[:1] in (["built"], ["unchanged"], ["failed"])
    )
    return {plan: said.get(plan, "") for plan in plans}


def installed_copy(folder: Path) -> Path:
    """kamdoc as a source checkout lays it out (the package, and templates/ beside it), copied to `folder`."""
    shutil.copytree(ROOT / "kamdoc", folder / "kamdoc", ignore=NOT_COPIED)
    shutil.copytree(ROOT / "templates", folder / "templates", ignore=NOT_COPIED)
    return folder


def build_with(kamdoc_copy: Path, repo: Path) -> subprocess.CompletedProcess[str]:
    """`python -m kamdoc build` in `repo` with the copy of kamdoc in `kamdoc_copy` imported instead of this one."""
    env = {**os.environ, "PYTHONPATH": str(kamdoc_copy), "PYTHONDONTWRITEBYTECODE": "1"}
    args = [sys.executable, "-m", "kamdoc", "build", "plans", "--to", "pptx", "-j", "1", "--today", TODAY]
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_an_upgrade_in_place_builds_every_deck_again(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    kamdoc_copy = installed_copy(tmp_path_factory.mktemp("site"))
    first = build_with(kamdoc_copy, repo)
    assert first.returncode == 0, first.stderr
    assert statuses(repo / "build", first.stderr) == dict.fromkeys(EXAMPLES, "built")
    keys = {e["plan"]: e["key"] for e in json.loads((repo / "build" / "manifest.json").read_text())["plans"]}
    # Another process hashes the same files the same way: nothing is built twice.
    again = build_with(kamdoc_copy, repo)
    assert statuses(repo / "build", again.stderr) == dict.fromkeys(EXAMPLES, "unchanged"), again.stderr
    # The upgrade: one byte of one module, in place (the same size), and the version number as it was.
    module = kamdoc_copy / "kamdoc" / "limits.py"
    code = bytearray(module.read_bytes())
    assert code[:3] == b'"""' and chr(code[3]).isascii() and chr(code[3]).isalpha()  # the docstring's first letter
    code[3] ^= 0x20  # in the other case
    module.write_bytes(bytes(code))
    upgraded = build_with(kamdoc_copy, repo)
    assert upgraded.returncode == 0, upgraded.stderr
    assert statuses(repo / "build", upgraded.stderr) == dict.fromkeys(EXAMPLES, "built")
    manifest = json.loads((repo / "build" / "manifest.json").read_text())
    assert manifest["kamdoc"] == __version__
    assert all(entry["key"] != keys[entry["plan"]] for entry in manifest["plans"])


def test_a_programme_setting_builds_the_plans_of_its_repo_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.pipeline import recipe

    shutil.copytree(PLANS / "halvorsen-logistics", repo / "other" / "nordlicht")
    shutil.copy(PLANS / "kamdoc.yaml", repo / "other" / "kamdoc.yaml")  # another plans repo, with its own settings
    hashed: list[Path] = []
    own_files = recipe._own_files
    monkeypatch.setattr(recipe, "_own_files", lambda root: (hashed.append(root), own_files(root))[1])
    recipe.package_digest.cache_clear()
    build = ("build", "plans", "other", "--to", "pptx", "-j", "1", "--today", TODAY)
    first = kamdoc(*build)
    assert first.code == 0 and "3 built, 0 unchanged, 0 failed" in first.err, first.err
    assert len(hashed) == len(recipe._package_roots())  # kamdoc's files are read once for the run, not once per plan
    assert "0 built, 3 unchanged, 0 failed" in kamdoc(*build).err
    settings = repo / "plans" / "kamdoc.yaml"
    settings.write_text(
        settings.read_text().replace(
            "  knock_outs:", "    - {id: innovation, name: Innovation, weight: 10}\n  knock_outs:", 1
        )
    )
    changed = kamdoc(*build)
    assert changed.code == 0, changed.err
    assert statuses(repo / "build", changed.err) == {
        **dict.fromkeys(EXAMPLES, "built"),
        "other/nordlicht/plan.yaml": "unchanged",
    }
    findings = {
        e["plan"]: [f["message"] for f in e["findings"]]
        for e in json.loads((repo / "build" / "manifest.json").read_text())["plans"]
    }
    assert any("no answer for innovation" in message for message in findings["plans/brenner-werke/plan.yaml"])
    assert not any("innovation" in message for message in findings["other/nordlicht/plan.yaml"])
    assert "0 built, 3 unchanged, 0 failed" in kamdoc(*build).err


def test_the_document_date_from_the_environment_builds_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = ("build", "plans", "--to", "pptx", "-j", "1", "--today", TODAY)
    assert "2 built" in kamdoc(*build).err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # written into the decks' properties as their date
    assert "2 built, 0 unchanged" in kamdoc(*build).err
    assert "0 built, 2 unchanged" in kamdoc(*build).err


def test_kamdocs_own_files_are_named_relative_to_it_without_bytecode(tmp_path: Path) -> None:
    from kamdoc.pipeline.recipe import _own_files

    package = tmp_path / "kamdoc"
    for name in (
        "__init__.py",
        "render/pptx.py",
        "render/__pycache__/pptx.cpython-311.pyc",
        "stray.pyc",
        "templates/default/deck.css",
    ):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("x")
    assert sorted(_own_files(package)) == [
        "kamdoc/__init__.py",
        "kamdoc/render/pptx.py",
        "kamdoc/templates/default/deck.css",
    ]


def test_themes_inside_the_package_are_hashed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.pipeline import recipe

    package = Path(recipe.kamdoc.__file__).resolve().parent
    assert recipe._package_roots()[0] == package
    monkeypatch.setattr(recipe, "THEMES_DIR", package / "templates")  # a wheel's layout: kamdoc/templates
    assert recipe._package_roots() == [package]
