"""Each plan speaks its own language: kamdoc.yaml's `language` is for new plans only, so a German plans folder whose
kamdoc.yaml says `language: en` previews, checks its health and diffs in German (unless --language says otherwise)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from git_history import commit, edit, new_repo
from preview_server import serving


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = new_repo(tmp_path)
    shutil.copytree(PLANS / "brenner-werke", repo / "plans" / "brenner-werke")
    (repo / "kamdoc.yaml").write_text("plans: plans\nlanguage: en   # of new plans\n", encoding="utf-8")
    commit(repo, "start")
    monkeypatch.chdir(repo)
    return repo


def test_health_speaks_the_plans_language(german: Path) -> None:
    run = kamdoc("health", "--today", TODAY)
    assert "Zustand" in run.out and "Gründe" in run.out and "reasons" not in run.out
    english = kamdoc("health", "--today", TODAY, "--language", "en")
    assert "reasons" in english.out


def test_diff_speaks_the_plans_language(german: Path) -> None:
    edit(german, "plans/brenner-werke/plan.yaml", "attitude: neutral", "attitude: positive")
    run = kamdoc("diff", "--today", TODAY)
    assert run.code == 0, run.err
    assert run.out.startswith("Pläne von ") and " bis Arbeitsverzeichnis" in run.out and "1 Änderung" in run.out
    assert "Gerlinde Brenner-Hofmann: Einstellung: Neutral → Positiv" in run.out
    markdown = kamdoc("diff", "--format", "markdown", "--today", TODAY)
    assert (
        "### Key-Account-Pläne" in markdown.out
        and "| Plan | Kunde | Stand |" in markdown.out
        and "geändert" in markdown.out
    )
    english = kamdoc("diff", "--today", TODAY, "--language", "en")
    assert (
        english.out.startswith("Plans from ")
        and "power map: Gerlinde Brenner-Hofmann: attitude: neutral → positive" in english.out
    )


def test_the_preview_speaks_the_plans_language(german: Path) -> None:
    from kamdoc.load.settings import default_map, load_config

    defaults = default_map(german / "kamdoc.yaml", load_config(german / "kamdoc.yaml"))
    assert "language" not in defaults.get("preview", {}) and defaults["new"]["language"] == "en"  # new plans only
    import urllib.request

    with serving([german / "plans"]) as preview:
        page = urllib.request.urlopen(preview.url, timeout=30).read().decode()
    assert 'lang="de"' in page
