"""What `kamdoc build`'s decks are made with besides the plans' own files, as hashes for its cache key: kamdoc's own
files (code and shipped themes) and the settings."""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import kamdoc
from kamdoc.errors import KamdocError
from kamdoc.shipped import THEMES_DIR
from kamdoc.standard.programme import Programme

_BYTECODE = (".pyc", ".pyo")


def digest(value: Any) -> str:
    """The sha256 of `value` as canonical JSON (keys sorted, no spaces): the same data always gives the same hash."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def programme_digest(programme: Programme) -> str:
    """The hash of the whole validated programme model, so that a setting added to it later is in the key without a change here."""
    return digest(programme.model_dump(mode="json"))


def _package_roots() -> list[Path]:
    """The folders of kamdoc's own files: the package, and the shipped themes when they lie beside it (a source checkout)."""
    package = Path(kamdoc.__file__).resolve().parent
    themes = THEMES_DIR.resolve()
    inside = themes == package or package in themes.parents  # a wheel carries them as kamdoc/templates
    return [package] if inside or not themes.is_dir() else [package, themes]


def _own_files(root: Path) -> dict[str, Path]:
    """The files below `root` by their names relative to its parent, without bytecode: Python writes that as it runs."""
    files: dict[str, Path] = {}
    for here, folders, names in os.walk(root):
        folders[:] = [folder for folder in folders if folder != "__pycache__"]
        for name in names:
            path = Path(here) / name
            if not name.endswith(_BYTECODE) and path.is_file():
                files[path.relative_to(root.parent).as_posix()] = path
    return files


@cache
def package_digest() -> str:
    """The hash of kamdoc's own files, names and contents, read once per process.

    The version number stays the same across most changes, so an upgrade (or an edit in a checkout) is told by
    the files themselves. Names are relative, so the same kamdoc installed elsewhere gives the same hash.
    """
    files = {name: path for root in _package_roots() for name, path in _own_files(root).items()}
    whole = hashlib.sha256()
    for name in sorted(files):
        try:
            content = files[name].read_bytes()
        except OSError as exc:
            raise KamdocError(
                f"cannot read kamdoc's own file {files[name]}: {exc.strerror or exc}; reinstall kamdoc"
            ) from None
        # A name holds no NUL and a content hash has one length: no two file lists give the same bytes.
        whole.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return whole.hexdigest()
