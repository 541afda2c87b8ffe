"""Hostile plans from pull requests: each ends in one clear error, fast, with nothing read outside the repo."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import DATA, TODAY, kamdoc, within

HOSTILE = sorted(p for p in (DATA / "hostile").iterdir() if p.is_dir())

EXPECTED = {
    "alias-bomb": "plan.yaml:3:4: error: YAML anchors (&a) are not allowed in a plan",
    "deep-nesting": "plan.yaml:2:32: error: the plan nests deeper than 24 levels",
    "logo-absolute": "plan.yaml:9:9: error: cover.logo: '/etc/passwd' is an absolute path",
    "logo-traversal": "plan.yaml:9:9: error: cover.logo: '../../../../../../../../../../etc/passwd' points outside the plans repo",
    "logo-url": "plan.yaml:9:9: error: cover.logo: 'http://127.0.0.1:9/logo.png' is a URL; kamdoc never fetches from the network",
    "markdown-image-outside": "market.md:3:1: error: profile.market: image '../../../../../../../../../etc/passwd' points outside the plans repo",
    "markdown-image-url": "market.md:3:16: error: profile.market: image 'http://127.0.0.1:9/chart.png' is a URL",
    "pixel-bomb-png": "plan.yaml:9:9: error: cover.logo: 'logo.png' has too many pixels; at most 25 megapixels are allowed",
    "svg-entities": "plan.yaml:9:9: error: cover.logo: 'logo.svg' is an SVG with entity or DTD declarations, which are refused",
    "svg-external": "plan.yaml:9:9: error: cover.logo: 'logo.svg' is an SVG that refers to another file or URL",
    "text-named-png": "plan.yaml:9:9: error: cover.logo: 'logo.png' is not a PNG, JPEG or SVG image (its content is text)",
}


def test_every_hostile_case_has_an_expectation() -> None:
    assert sorted(EXPECTED) == [p.name for p in HOSTILE]


@pytest.mark.parametrize("case", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_plan_ends_in_one_clear_error(case: Path) -> None:
    run = within(lambda: kamdoc("validate", case, "--today", TODAY))
    assert run.code == 1
    assert f"tests/data/hostile/{case.name}/{EXPECTED[case.name]}" in run.out
    assert "Traceback" not in run.out + run.err


def _copy_base(where: Path) -> Path:
    shutil.copytree(DATA / "base", where)
    return where / "plan.yaml"


def test_five_megabyte_string_is_refused_fast(in_tmp: Path) -> None:
    plan = _copy_base(in_tmp / "p")
    plan.write_text(plan.read_text().replace("industry: Sensors", 'industry: "' + "A" * 5_000_000 + '"'))
    run = within(lambda: kamdoc("validate", "p", "--today", TODAY))
    assert run.code == 1
    assert (
        run.out.strip() == "p/plan.yaml:1:1: error: the plan file is larger than 2 MB"
    )  # refused by its size, before any parsing


def test_five_megabyte_sidecar_is_refused_fast(in_tmp: Path) -> None:
    _copy_base(in_tmp / "p")
    (in_tmp / "p" / "market.md").write_text("B" * 5_000_000)
    run = within(lambda: kamdoc("validate", "p", "--today", TODAY))
    assert (
        run.out.strip() == "p/plan.yaml:40:18: error: profile.market.file: 'market.md' is larger than 2 MB"
    )  # by its size, unread


def test_symbolic_links_out_of_the_repo_are_refused(in_tmp: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("secret")
    shutil.copy(DATA / "base" / "logo.png", outside / "logo.png")
    _copy_base(in_tmp / "p")
    for name, target in (("market.md", "secret.md"), ("logo.png", "logo.png")):
        (in_tmp / "p" / name).unlink()
        os.symlink(outside / target, in_tmp / "p" / name)
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1
    assert (
        "p/plan.yaml:10:9: error: cover.logo: 'logo.png' points through a symbolic link outside the plans repo"
        in run.out
    )
    assert (
        "p/plan.yaml:40:18: error: profile.market.file: 'market.md' points through a symbolic link outside the plans repo"
        in run.out
    )


def test_a_plan_linked_in_from_outside_is_refused(in_tmp: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    plan = _copy_base(outside / "p")
    (in_tmp / "plans").mkdir()
    os.symlink(plan, in_tmp / "plans" / "linked.yaml")
    run = kamdoc("validate", "plans", "--today", TODAY)
    assert run.code == 1
    assert run.out.startswith("plans/linked.yaml:1:1: error: the plan is a link to a file outside the plans repo")


def test_links_inside_the_repo_are_fine(in_tmp: Path) -> None:
    _copy_base(in_tmp / "p")
    (in_tmp / "shared").mkdir()
    shutil.move(in_tmp / "p" / "logo.png", in_tmp / "shared" / "logo.png")
    os.symlink(in_tmp / "shared" / "logo.png", in_tmp / "p" / "logo.png")
    assert kamdoc("validate", "p", "--today", TODAY).code == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("industry: Sen\x00sors", "plan.yaml:20:16: error: control character U+0000 is not allowed in a plan"),
        (
            'industry: "Sen\\x07sors"',
            "plan.yaml:20:13: error: profile.industry: control character U+0007 is not allowed in text",
        ),
        (
            'industry: "Sen\\ud800sors"',
            "plan.yaml:20:19: error: a backslash in double quotes starts an escape that YAML does not know",
        ),
    ],
    ids=["raw-nul", "escaped-bell", "lone-surrogate"],
)
def test_control_characters_and_lone_surrogates_are_refused(in_tmp: Path, text: str, message: str) -> None:
    plan = _copy_base(in_tmp / "p")
    plan.write_text(plan.read_text().replace("industry: Sensors", text))
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1
    assert f"p/{message}" in run.out


def test_invalid_utf8_names_the_place(in_tmp: Path) -> None:
    plan = _copy_base(in_tmp / "p")
    plan.write_bytes(plan.read_bytes().replace(b"industry: Sensors", b"industry: Sen\xffsors"))
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.out.strip() == "p/plan.yaml:20:16: error: the file is not UTF-8 text (save it as UTF-8)"


def test_nothing_is_fetched_from_the_network(in_tmp: Path) -> None:
    """A plan full of URLs where files belong makes no connection: a local listener sees no request."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    hits: list[object] = []

    def listen() -> None:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            try:
                hits.append(server.accept())
            except OSError:
                continue

    thread = threading.Thread(target=listen)
    thread.start()
    plan = _copy_base(in_tmp / "p")
    url = f"http://127.0.0.1:{port}"
    plan.write_text(plan.read_text().replace("logo: logo.png", f"logo: {url}/logo.png"))
    (in_tmp / "p" / "market.md").write_text(f"![a]({url}/a.png)\n\n[link]({url}/page)\n")
    (in_tmp / "p" / "logo.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}/b.png"/></svg>')
    run = kamdoc("validate", "p", "--today", TODAY)
    thread.join()
    server.close()
    assert run.code == 1
    assert hits == []
