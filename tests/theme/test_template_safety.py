"""Company templates from strangers: bombs and macros refused, outside links removed, bad values one message naming the part."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from company_templates import make_template
from conftest import PLANS, TODAY, kamdoc, within
from pptx import Presentation

PLAN = PLANS / "halvorsen-logistics"


def _rewrite(
    source: Path, target: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    """A copy of a template with some parts changed (None drops a part) and others added."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = change(info.filename, zin.read(info.filename))
            if content is not None:
                zout.writestr(info, content)
        for name, content in (extra or {}).items():
            zout.writestr(name, content)
    return target


def _render(tmp_path: Path, template: Path) -> tuple[int, str]:
    run = kamdoc("render", PLAN, "--template", template, "--out", tmp_path / "out", "--today", TODAY)
    assert "Traceback" not in run.out + run.err
    return run.code, run.err


@pytest.fixture
def corp(tmp_path: Path) -> Path:
    return make_template(tmp_path / "corp.pptx")


def test_a_zip_bomb_is_refused_without_inflating_it(
    tmp_path: Path, corp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _rewrite(corp, tmp_path / "bomb.pptx", lambda name, data: data, {"ppt/media/zeros.bin": b"\0" * 300_000_000})
    assert bomb.stat().st_size < 3_000_000
    inflated = [0]
    read = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = read(self, n)
        inflated[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    code, err = within(lambda: _render(tmp_path, bomb))
    assert code == 1 and "it looks like a zip bomb" in err
    assert inflated[0] < 10_000_000  # refused from what the archive declares, not by inflating its 300 MB


def test_too_many_parts_are_refused(tmp_path: Path, corp: Path) -> None:
    many = _rewrite(
        corp, tmp_path / "many.pptx", lambda name, data: data, {f"ppt/media/x{i}.bin": b"x" for i in range(2_100)}
    )
    code, err = _render(tmp_path, many)
    assert code == 1 and "parts; at most 2,000 are allowed" in err


def test_macros_are_refused(tmp_path: Path, corp: Path) -> None:
    macro = _rewrite(
        corp, tmp_path / "macro.pptx", lambda name, data: data, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}
    )
    code, err = _render(tmp_path, macro)
    assert code == 1 and "the template holds macros" in err


def test_links_outside_the_template_are_removed_with_a_warning(tmp_path: Path, corp: Path) -> None:
    layout = "ppt/slideLayouts/slideLayout1.xml"

    def add_links(name: str, data: bytes) -> bytes:
        if name == "ppt/slideLayouts/_rels/slideLayout1.xml.rels":
            links = (
                '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                'Target="http://127.0.0.1:9/tracker.png" TargetMode="External"/>'
                '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                'Target="file://///attacker/share/x.png" TargetMode="External"/>'
            )
            return data.replace(b"</Relationships>", links.encode() + b"</Relationships>")
        if name == layout:
            picture = (
                '<p:pic><p:nvPicPr><p:cNvPr id="90" name="tracker"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
                '<p:blipFill><a:blip r:link="rId90"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
            )
            return re.sub(rb"</p:spTree>", picture.encode() + b"</p:spTree>", data, count=1)
        return data

    linked = _rewrite(corp, tmp_path / "linked.pptx", add_links)
    code, err = _render(tmp_path, linked)
    assert code == 0, err
    assert (
        "warning: linked.pptx: removed a link to 'http://127.0.0.1:9/tracker.png' from ppt/slideLayouts/_rels/slideLayout1.xml.rels"
        in err
    )
    assert "file://///attacker/share/x.png" in err
    with zipfile.ZipFile(tmp_path / "out" / "halvorsen-logistics.pptx") as deck:
        everything = b"".join(deck.read(name) for name in deck.namelist())
    assert b"127.0.0.1:9" not in everything and b"attacker" not in everything
    Presentation(str(tmp_path / "out" / "halvorsen-logistics.pptx"))  # opens cleanly


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "no-size",
            lambda n, d: re.sub(rb"<p:sldSz[^>]*/>", b"", d) if n == "ppt/presentation.xml" else d,
            "ppt/presentation.xml gives no slide size",
        ),
        (
            "zero-height",
            lambda n, d: re.sub(rb'cy="\d+"', b'cy="0"', d, count=1) if n == "ppt/presentation.xml" else d,
            "or a size of 0",
        ),
        (
            "bad-colour",
            lambda n, d: (
                re.sub(rb'<a:srgbClr val="[0-9A-F]{6}"', b'<a:srgbClr val="ZZZZZZ"', d, count=1)
                if n == "ppt/theme/theme1.xml"
                else d
            ),
            "ppt/theme/theme1.xml: colour dk2 is 'ZZZZZZ', not a colour in hex",
        ),
        ("not-a-zip", None, "not a PowerPoint file"),
    ],
    ids=["no-size", "zero-height", "bad-colour", "not-a-zip"],
)
def test_bad_values_are_one_error_naming_the_part(
    tmp_path: Path, corp: Path, name: str, change: Callable[[str, bytes], bytes] | None, expected: str
) -> None:
    if change is None:
        bad = tmp_path / f"{name}.pptx"
        bad.write_bytes(b"PK\x03\x04 not really")
    else:
        bad = _rewrite(corp, tmp_path / f"{name}.pptx", change)
    code, err = _render(tmp_path, bad)
    assert code == 1 and expected in err, err
    check = kamdoc("template", "check", bad)
    assert check.code == 1 and "Traceback" not in check.err


def test_a_template_without_layouts_is_one_error(tmp_path: Path, corp: Path) -> None:
    def no_layouts(name: str, data: bytes) -> bytes:
        if name.startswith("ppt/slideMasters/slideMaster") and name.endswith(".xml"):
            return re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"", data, flags=re.S)
        return data

    code, err = _render(tmp_path, _rewrite(corp, tmp_path / "bare.pptx", no_layouts))
    assert code == 1 and "the template has no slide layouts" in err, err


def test_a_good_template_stays_as_it_was(tmp_path: Path, corp: Path) -> None:
    from kamdoc.theme.company_safety import make_safe

    safe = make_safe(corp)
    assert safe.warnings == ()
    with zipfile.ZipFile(corp) as before, zipfile.ZipFile(io.BytesIO(safe.data)) as after:
        assert {n: before.read(n) for n in before.namelist()} == {n: after.read(n) for n in after.namelist()}
