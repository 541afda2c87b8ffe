"""A company PowerPoint template from a stranger, made safe before python-pptx opens it.

A .pptx is a zip of XML parts. Before any of it is parsed: its size, how many members it has and
how large they unpack are capped (a 3 MB zip can unpack to gigabytes); macros are refused; and every
relationship to something outside the file (an image on a web server, a UNC path) is removed, with a
warning, so that neither kamdoc nor the program that later opens the deck fetches anything.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_PPTX_MEMBERS as MAX_MEMBERS
from kamdoc.limits import MAX_PPTX_RATIO as MAX_RATIO
from kamdoc.limits import MAX_PPTX_TEMPLATE_BYTES as MAX_TEMPLATE_BYTES
from kamdoc.limits import MAX_PPTX_UNPACKED_BYTES as MAX_UNPACKED_BYTES

_EXTERNAL = re.compile(rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*/>", re.S)
_TARGET = re.compile(rb"\bTarget\s*=\s*[\"']([^\"']*)[\"']")


@dataclass(frozen=True)
class SafeTemplate:
    """A template's bytes with nothing outside it referred to, and what was removed."""

    data: bytes
    warnings: tuple[str, ...]


def make_safe(path: Path) -> SafeTemplate:
    """The template at `path`, checked and cleaned (KamdocError for one that cannot be used)."""
    from kamdoc.load.files import FileRefused, read_capped

    try:
        raw = read_capped(path, MAX_TEMPLATE_BYTES, str(path))
    except FileRefused as exc:
        raise KamdocError(f"{exc} (a template is at most {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB)") from None
    try:
        source = zipfile.ZipFile(io.BytesIO(raw))
        members = source.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise KamdocError(f"{path}: not a PowerPoint file (.pptx or .potx saved as .pptx): {exc}") from None
    _check_sizes(path, members)
    names = {m.filename for m in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in _read(
        source, "[Content_Types].xml"
    ):
        raise KamdocError(f"{path}: the template holds macros (a .pptm); save it as a .pptx without macros")
    warnings: list[str] = []
    return SafeTemplate(_without_external(source, path, warnings), tuple(warnings))


def _without_external(source: zipfile.ZipFile, path: Path, warnings: list[str]) -> bytes:
    """The package again, with each external relationship and the attributes that name it removed."""
    dropped: dict[str, set[bytes]] = {}  # part name -> relationship ids removed from it
    rels: dict[str, bytes] = {}
    for member in source.infolist():
        if member.filename.endswith(".rels"):
            content = _read(source, member.filename)
            ids = _external_ids(content)
            if ids:
                rels[member.filename] = _drop_external(path, member.filename, content, warnings)
                dropped[_part_of(member.filename)] = ids
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = rels.get(member.filename) or _read(source, member.filename)
            if member.filename in dropped:
                content = _unlink(content, dropped[member.filename])
            target.writestr(member, content)
    return out.getvalue()


_ID = re.compile(rb"\bId\s*=\s*[\"']([^\"']*)[\"']")


def _external_ids(rels: bytes) -> set[bytes]:
    return {m.group(1) for rel in _EXTERNAL.findall(rels) if (m := _ID.search(rel))}


def _part_of(rels_name: str) -> str:
    """ppt/slideLayouts/_rels/slideLayout1.xml.rels names the relationships of ppt/slideLayouts/slideLayout1.xml."""
    folder, _, name = rels_name.rpartition("_rels/")
    return folder + name.removesuffix(".rels")


def _unlink(content: bytes, ids: set[bytes]) -> bytes:
    """A part's XML without the attributes (r:link, r:id, r:embed) that name removed relationships; all of them are optional."""
    for rid in ids:
        content = re.sub(
            rb"\s[A-Za-z_][\w.-]*:(?:link|id|embed|pict)\s*=\s*[\"']" + re.escape(rid) + rb"[\"']", b"", content
        )
    return content


def _check_sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise KamdocError(f"{path}: the template has {len(members):,} parts; at most {MAX_MEMBERS:,} are allowed")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_RATIO * max(member.compress_size, 1024) or total > MAX_UNPACKED_BYTES:
            raise KamdocError(
                f"{path}: the template unpacks to more than any template needs ({member.filename} is "
                f"{member.file_size:,} bytes unpacked); it looks like a zip bomb"
            )


def _read(source: zipfile.ZipFile, name: str) -> bytes:
    try:
        with source.open(name) as handle:
            # Read one byte past what the directory claims: a member that lies about its size is cut, not believed.
            data = handle.read(MAX_UNPACKED_BYTES + 1)
    except KeyError:
        return b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise KamdocError(f"the template's part {name} cannot be read: {exc}") from None
    if len(data) > MAX_UNPACKED_BYTES:
        raise KamdocError(f"the template's part {name} unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB")
    return data


def _drop_external(path: Path, part: str, content: bytes, warnings: list[str]) -> bytes:
    """The relationships of one part without those that point outside the file."""
    found = _EXTERNAL.findall(content)
    for rel in found:
        target = _TARGET.search(rel)
        shown = target.group(1).decode("utf-8", "replace")[:100] if target else "?"
        warnings.append(
            f"{path.name}: removed a link to {shown!r} from {part} (a template's parts must not refer to files outside it)"
        )
    return _EXTERNAL.sub(b"", content) if found else content
