"""The preview serves the bytes it read when it made a deck: a checkout that turns a logo or a font into a link, a FIFO or a giant changes nothing a page is given."""

from __future__ import annotations

import http.client
import io
import json
import random
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PLANS
from fuzz.gen_files import SECRET, fifo, git_config, link_into_git, link_out, link_to_device, release, sparse
from preview_server import copy_plans, serving

from kamdoc.errors import KamdocError
from kamdoc.preview import files
from kamdoc.preview.files import Served
from kamdoc.preview.server import Preview
from kamdoc.preview.workspace import Workspace
from kamdoc.theme.settings import load_theme

FONT = "LiberationSans-Regular.ttf"


def get(url: str) -> tuple[int, bytes]:
    """The status and body of a GET (the client gives up after 30 s, so a server that waits for ever fails the test)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def system_font(face: str = "regular") -> Path:
    """A font file of the default theme, as the machine has it."""
    return load_theme().font_file(face)


def png(colour: str) -> bytes:
    """A small PNG of one colour: a logo that passes every check."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plans repo with one plan (its logo beside it) and a theme folder whose fonts/ holds the regular face."""
    plans = copy_plans(PLANS, tmp_path, "brenner-werke")
    (tmp_path / "theme" / "fonts").mkdir(parents=True)
    shutil.copy(system_font(), tmp_path / "theme" / "fonts" / FONT)
    return plans


@contextmanager
def served(plans: Path) -> Iterator[tuple[Preview, dict[str, bytes]]]:
    """The preview of the repo's plan with its theme, and every file its first deck page loads, by address."""
    with serving([plans], theme_dir=plans.parent / "theme") as running:
        yield running, page_files(running)


def page_files(running: Preview) -> dict[str, bytes]:
    """The files the plan's deck page loads now, each as the server answers its address."""
    status, page = get(f"{running.url}deck/brenner-werke")
    assert status == 200
    found = {}
    for key in sorted(set(re.findall(r"/file/([0-9a-f]+\.[a-z0-9]+)", page.decode()))):
        status, body = get(f"{running.url}file/{key}")
        assert status == 200
        found[key] = body
    return found


def theme_files(plans: Path) -> Served:
    """The store of files a preview of the repo with its theme hands its pages."""
    return Workspace([plans], Served("/token"), plans.parent / "theme").files


def problems(running: Preview) -> str:
    """What the deck's page lists as wrong."""
    return json.dumps(json.loads(get(f"{running.url}api/deck/brenner-werke")[1])["problems"])


def test_the_theme_font_is_served(repo: Path) -> None:
    with served(repo) as (_, first):
        assert system_font().read_bytes() in first.values()


def test_a_font_turned_into_a_link_out_of_the_tree_is_not_served(repo: Path) -> None:
    with served(repo) as (running, first):
        other = system_font("bold").read_bytes()  # a real font, so that only where it lies is wrong with it
        link_out(random.Random(1), repo.parent / "theme" / "fonts", FONT, other)
        for key in first:  # the addresses the page was given: what was read when the deck was made
            body = get(f"{running.url}file/{key}")[1]
            assert SECRET.encode() not in body and body == first[key]
        running.workspace.changed()
        after = page_files(running)
        assert all(SECRET.encode() not in body for body in after.values())
        said = problems(running)
        assert "a link to a file outside the" in said and "work tree" in said


def test_a_logo_turned_into_a_link_out_of_the_tree_is_not_served(repo: Path) -> None:
    with served(repo) as (running, first):
        link_out(random.Random(2), repo / "brenner-werke", "logo.png", png("red"))
        running.workspace.changed()
        after = page_files(running)
        for key in {*first, *after}:
            assert SECRET.encode() not in get(f"{running.url}file/{key}")[1]
        assert "outside the plans repo" in problems(running)


def test_a_font_turned_into_a_fifo_is_answered_without_waiting(repo: Path) -> None:
    with served(repo) as (running, first):
        pipe = fifo(random.Random(3), repo.parent / "theme" / "fonts", FONT)
        try:
            for key, body in first.items():
                assert get(f"{running.url}file/{key}")[1] == body  # a reader of the FIFO would wait here for ever
            running.workspace.changed()
            assert page_files(running)
        finally:
            release(pipe)  # lets a server that did open it go on, so that the test ends


@pytest.mark.parametrize(
    "make", ["fifo", "sparse", "link_out", "link_to_device", "link_into_git", "git_config", "no font"]
)
def test_a_hostile_font_file_is_one_message(repo: Path, make: str) -> None:
    fonts, rng = repo.parent / "theme" / "fonts", random.Random(4)
    made = {
        "fifo": lambda: fifo(rng, fonts, FONT),
        "sparse": lambda: sparse(rng, fonts, FONT, head=system_font().read_bytes()),
        "link_out": lambda: link_out(rng, fonts, FONT, system_font().read_bytes()),
        "link_to_device": lambda: link_to_device(rng, fonts, FONT),
        "link_into_git": lambda: link_into_git(rng, fonts, FONT),
        "git_config": lambda: git_config(rng, fonts),
        "no font": lambda: _text_font(fonts),
    }[make]()
    said = {
        "fifo": "is not a regular file",
        "sparse": "is larger than 32 MB",
        "link_out": "outside the work tree",
        "link_to_device": "outside the work tree",
        "link_into_git": "inside git's own folder (.git/)",
        "git_config": "inside git's own folder (.git/)",
        "no font": "is not a TrueType, OpenType or WOFF font",
    }[make]
    store = theme_files(repo)
    with pytest.raises(KamdocError) as refused:
        store.url_for(made)
    assert said in refused.value.message and SECRET not in refused.value.message


def _text_font(fonts: Path) -> Path:
    """A text file named like a font, inside the tree."""
    (fonts / FONT).unlink()
    (fonts / FONT).write_text("not a font at all\n", encoding="utf-8")
    return fonts / FONT


def test_a_link_inside_the_tree_and_the_systems_fonts_are_served(repo: Path) -> None:
    fonts = repo.parent / "theme" / "fonts"
    (fonts / "Same.ttf").symlink_to(FONT)
    store = theme_files(repo)
    for font in (fonts / "Same.ttf", system_font("bold")):
        key = store.url_for(font).rsplit("/", 1)[1]
        assert store.get(key) == (font.read_bytes(), "font/ttf")


def test_the_files_kept_for_pages_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_PREVIEW_KEPT_BYTES", 2_500, raising=False)
    store = Served("/token")
    keys = [store.url_for_bytes("logo.png", bytes([n]) * 1_000).rsplit("/", 1)[1] for n in range(4)]
    assert [store.get(key) is not None for key in keys] == [False, False, True, True]  # the oldest dropped out
    assert store.get(keys[3]) == (bytes([3]) * 1_000, "image/png")
