"""A theme's font files are checked like logos: inside the theme's work tree, within the size cap, and a font fontTools can read."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from conftest import PLANS, kamdoc
from fuzz.gen_themes import BROKEN_FONTS, broken_font, good_font

from kamdoc.limits import MAX_THEME_FONT_BYTES

# The kinds whose damage is certain; "flipped_bytes" may leave the tables kamdoc reads whole, and is the fuzzer's.
_CERTAIN = [kind for kind in BROKEN_FONTS if kind != "flipped_bytes"]
_SAID = {
    "garbage": "not a TrueType or OpenType font",
    "empty": "the file is empty",
    "truncated": "not a TrueType or OpenType font",
    "units_per_em_0": "0 units per em",
    "no_cmap": "no cmap table",
    "empty_cmap": "gives no character a glyph",
    "no_hmtx": "no hmtx table",
    "no_hhea": "no hhea table",
    "no_head": "no head table",
}


def _theme(tmp_path: Path, theme_yaml: str | None = None) -> Path:
    theme = tmp_path / "repo" / "theme"
    (theme / "fonts").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    if theme_yaml is not None:
        (theme / "theme.yaml").write_text(theme_yaml)
    return theme


def _render(tmp_path: Path, theme: Path) -> tuple[int, str]:
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--theme", theme, "--out", tmp_path / "out", "--to", "pptx")
    assert "Traceback" not in run.err and "bug in kamdoc" not in run.err, run.err
    return run.code, run.err


@pytest.mark.parametrize("kind", _CERTAIN)
def test_a_broken_font_in_the_themes_folder_is_one_message_at_the_font(tmp_path: Path, kind: str) -> None:
    theme = _theme(tmp_path)
    font = theme / "fonts" / "LiberationSans-Regular.ttf"  # named like the default's first choice: it is the one used
    font.write_bytes(broken_font(random.Random(7), kind)[1])
    code, err = _render(tmp_path, theme)
    assert code == 1, err
    assert f"{font}: error: font.regular: " in err and _SAID[kind] in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()


def test_a_broken_font_the_theme_yaml_names_is_told_at_its_line(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "font:\n  bold: [Fuzz-Bold.ttf]\n")
    (theme / "fonts" / "Fuzz-Bold.ttf").write_bytes(broken_font(random.Random(1), "units_per_em_0")[1])
    code, err = _render(tmp_path, theme)
    assert code == 1 and "theme.yaml:2:9: error: " in err and "font.bold: " in err and "0 units per em" in err, err


@pytest.mark.parametrize("target", ["/etc/passwd", ".git/config"], ids=["outside", "git-folder"])
def test_a_font_that_links_out_of_the_work_tree_is_refused_unread(tmp_path: Path, target: str) -> None:
    theme = _theme(tmp_path, "font:\n  regular: [Fuzz-Regular.ttf]\n")
    if target.startswith(".git"):
        (tmp_path / "repo" / target).write_bytes(good_font(random.Random(2)))  # a font, but in git's own folder
        target = str(tmp_path / "repo" / target)
    os.symlink(target, theme / "fonts" / "Fuzz-Regular.ttf")
    code, err = _render(tmp_path, theme)
    assert code == 1 and "theme.yaml:2:12: error: " in err and "link to a file outside the theme's work tree" in err, (
        err
    )


def test_a_font_larger_than_the_cap_is_refused_unread(tmp_path: Path) -> None:
    theme = _theme(tmp_path)
    with open(theme / "fonts" / "LiberationSans-Bold.ttf", "wb") as handle:
        handle.truncate(MAX_THEME_FONT_BYTES + 1)  # sparse: nothing of it is written
    code, err = _render(tmp_path, theme)
    assert code == 1 and "font.bold: the font file is larger than" in err, err


def test_a_good_font_of_the_theme_renders(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "font:\n  regular: [Fuzz-Regular.ttf]\n  bold: [Fuzz-Bold.ttf]\n")
    for name in ("Fuzz-Regular.ttf", "Fuzz-Bold.ttf"):
        (theme / "fonts" / name).write_bytes(good_font(random.Random(name)))
    code, err = _render(tmp_path, theme)
    assert code == 0, err
    assert (tmp_path / "out" / "halvorsen-logistics.pptx").is_file()


def test_the_generator_makes_each_kind_of_broken_font_it_names() -> None:
    rng = random.Random(3)
    made = {broken_font(rng)[0] for _ in range(60)}
    assert made == set(BROKEN_FONTS)
    assert broken_font(rng, "empty") == ("empty", b"")


@pytest.mark.parametrize("renderer", ["pdf", "html"])
@pytest.mark.parametrize("turned", ["fifo", "giant"])
def test_a_font_that_changed_after_the_check_is_read_within_the_cap(tmp_path: Path, renderer: str, turned: str) -> None:
    """The PDF and the web page read a font's bytes once, within the cap, never waiting on a FIFO: one message, no traceback."""
    from kamdoc.errors import KamdocError
    from kamdoc.render.html import _Inline
    from kamdoc.render.pdf import Fetcher

    font = tmp_path / "Changed.ttf"
    if turned == "fifo":
        os.mkfifo(font)
    else:
        with font.open("wb") as handle:  # sparse: the size without the disk
            handle.truncate(MAX_THEME_FONT_BYTES + 1)
    fetcher = Fetcher() if renderer == "pdf" else _Inline("abc")
    with pytest.raises(KamdocError) as refused:
        fetcher.url_for(font)
    said = "is not a regular file" if turned == "fifo" else f"is larger than {MAX_THEME_FONT_BYTES // (1024 * 1024)} MB"
    assert said in refused.value.message and str(font) in refused.value.message


def test_a_damaged_font_of_the_machine_is_one_message_when_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The machine's fonts are not checked on every render (nobody's input); one that is damaged is still one message."""
    import kamdoc.theme.fonts

    system = tmp_path / "system-fonts"
    system.mkdir()
    (system / "Machine-Regular.ttf").write_bytes(broken_font(random.Random(3), "no_hmtx")[1])
    monkeypatch.setattr(kamdoc.theme.fonts, "_FONT_DIRS", (system,))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    theme = _theme(tmp_path, "font:\n  regular: [Machine-Regular.ttf]\n")
    code, err = _render(tmp_path, theme)
    assert code == 1, err
    assert err.startswith(f"{system / 'Machine-Regular.ttf'}: error: the font file cannot be read"), err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()
