"""kamdoc as a user installs it: the sdist and wheel built, the wheel installed into a fresh venv outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import PLANS, ROOT

EXAMPLES = ("brenner-werke", "halvorsen-logistics")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (python -m build's way), as a release would make them."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh virtual environment, far from the checkout, with only the wheel and what it depends on."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", venv, cwd=venv)
    wheel = next(dist.glob("kamdoc-*.whl"))
    _run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=venv)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "KAMDOC"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv))
    return env


def test_the_sdist_and_the_wheel_carry_the_default_theme(dist: Path) -> None:
    with tarfile.open(next(dist.glob("kamdoc-*.tar.gz"))) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {
        "templates/default/theme.yaml",
        "templates/default/deck.html.j2",
        "kamdoc/commands/scaffold/head.de.yaml",
    } <= names
    with zipfile.ZipFile(next(dist.glob("kamdoc-*.whl"))) as wheel:
        files = set(wheel.namelist())
    shipped = {
        f"kamdoc/templates/default/{name}" for name in ("theme.yaml", "deck.html.j2", "elements.html.j2", "deck.css")
    }
    assert shipped <= files
    assert not any(name.startswith(("tests/", "templates/", "plans/")) for name in files)


def test_the_installed_wheel_sets_up_validates_renders_and_builds(installed: dict[str, str], tmp_path: Path) -> None:
    kamdoc = Path(installed["VIRTUAL_ENV"]) / "bin" / "kamdoc"
    where = _run(
        Path(installed["VIRTUAL_ENV"]) / "bin" / "python",
        "-c",
        "import kamdoc; print(kamdoc.__file__)",
        cwd=tmp_path,
        env=installed,
    )
    assert str(ROOT) not in where and installed["VIRTUAL_ENV"] in where  # the wheel's kamdoc, not the checkout's

    _run(kamdoc, "init", "sales-plans", cwd=tmp_path, env=installed)
    repo = tmp_path / "sales-plans"
    for name in EXAMPLES:
        shutil.copytree(PLANS / name, repo / "plans" / name)
    _run(kamdoc, "validate", cwd=repo, env=installed)

    _run(
        kamdoc,
        "render",
        *(f"plans/{name}" for name in EXAMPLES),
        "--to",
        "pptx,pdf",
        "--out",
        "decks",
        cwd=repo,
        env=installed,
    )
    made = sorted(p.name for p in (repo / "decks").iterdir())
    assert made == sorted(f"{name}.{fmt}" for name in EXAMPLES for fmt in ("pdf", "pptx"))
    assert all((repo / "decks" / name).stat().st_size > 20_000 for name in made)

    _run(kamdoc, "build", cwd=repo, env=installed)
    built = {p.name for p in (repo / "build").iterdir()}
    assert {"manifest.json", "example.pptx", *(f"{name}.pptx" for name in EXAMPLES)} <= built


def test_the_installed_wheel_serves_the_preview(installed: dict[str, str], tmp_path: Path) -> None:
    import re
    import urllib.request

    (tmp_path / ".git").mkdir()
    shutil.copytree(PLANS / "halvorsen-logistics", tmp_path / "plans" / "halvorsen-logistics")
    kamdoc = Path(installed["VIRTUAL_ENV"]) / "bin" / "kamdoc"
    process = subprocess.Popen(
        [str(kamdoc), "preview", "plans/halvorsen-logistics", "--port", "0"],
        cwd=tmp_path,
        env=installed,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        url = next((m.group(1) for line in process.stderr if (m := re.search(r"preview: (http://\S+)", line))), None)
        assert url, f"kamdoc preview did not start (exit code {process.poll()})"
        page = urllib.request.urlopen(url, timeout=60).read().decode()  # the one plan's deck
        assert "Halvorsen" in page and page.count('<section class="slide') > 10
        for asset in sorted(
            set(re.findall(r'(?:href|src)="(/[^"]+/static/[^"]+)"', page))
        ):  # the page's script, style and icon
            assert (
                urllib.request.urlopen(url.split("/", 3)[0] + "//" + url.split("/", 3)[2] + asset, timeout=30).status
                == 200
            )
    finally:
        process.terminate()
        process.wait(30)


def test_a_repository_set_up_from_the_wheel_commits_offline_before_kamdoc_is_pinned(
    installed: dict[str, str], tmp_path: Path
) -> None:
    """The first hour: kamdoc from a wheel knows no commit to pin, yet the commit hook init asks for never breaks a commit."""
    venv = Path(installed["VIRTUAL_ENV"])
    unpinned = _run(venv / "bin" / "kamdoc", "init", "sales-plans", cwd=tmp_path, env=installed)
    assert "WARNING: kamdoc is not pinned to a commit" in unpinned
    repo = tmp_path / "sales-plans"
    # Offline: every proxy points nowhere, so a hook that fetched anything would fail the commit.
    env = {
        **installed,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    _run("git", "init", "-q", cwd=repo, env=env)
    _run(sys.executable, "-m", "pre_commit", "install", cwd=repo, env=env)
    _run("git", "add", ".", cwd=repo, env=env)
    committed = _run("git", "commit", "-m", "Start key account plans", cwd=repo, env=env)
    assert "kamdoc validate" in committed and "Passed" in committed  # the hook ran, with the kamdoc installed here
    commit = "0123456789abcdef0123456789abcdef01234567"
    _run(venv / "bin" / "kamdoc", "init", "--kamdoc-rev", commit, "--force", cwd=repo, env=env)
    texts = {
        p: p.read_text(errors="replace")
        for p in repo.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
    assert not [p for p, text in texts.items() if "PIN-A-KAMDOC-COMMIT" in text]
    assert not (repo / ".gitlab").exists() and f"@{commit}" in texts[repo / ".gitlab-ci.yml"]  # one pipeline, pinned
