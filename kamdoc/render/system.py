"""System libraries that some formats need, found at run time or explained to the person who lacks them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import cast

from kamdoc.errors import KamdocError

PANGO_HELP = (
    "Pango is needed for PDF decks and was not found on this machine ({detail}). Install it: "
    "Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; "
    "Fedora: dnf install pango; macOS: brew install pango. "
    "Validation, diff and PowerPoint decks need no system library."
)


class MissingLibrary(KamdocError):
    """A format cannot be made because a system library is missing; the message says what to install."""

    def __init__(self, fmt: str, message: str) -> None:
        super().__init__(message)
        self.fmt = fmt


def weasyprint() -> ModuleType:
    """WeasyPrint, imported (it loads Pango, HarfBuzz and fontconfig as it is imported)."""
    try:
        before = set(sys.modules)
        try:
            with _loaded_by_soname():
                import weasyprint as module
        except OSError:  # found only by a longer search: WeasyPrint's own, once more
            _forget("weasyprint", before)
            import weasyprint as module
    except OSError as exc:  # cffi's word for a shared library it cannot load
        raise MissingLibrary(
            "pdf", PANGO_HELP.format(detail=str(exc).splitlines()[0] if str(exc) else "not found")
        ) from None
    return cast(ModuleType, module)


@contextmanager
def _loaded_by_soname() -> Iterator[None]:
    """While WeasyPrint loads its libraries on Linux, a name that does not load at once is not searched for.

    WeasyPrint tries each library under several names (Windows', macOS' and Linux's); for each one that does not
    load, cffi asks ctypes.util.find_library, which runs ldconfig, gcc and ld: some fifty processes and a third
    of WeasyPrint's import. Each list also holds the library's Linux soname (libpango-1.0.so.0), which loads
    directly, and a soname is all find_library could have answered.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _not_searched(name: str) -> str | None:
    return None


def _forget(package: str, before: set[str]) -> None:
    """Drop the package's modules that an import which failed half-way left behind (not those loaded `before` it),
    so that it can be imported again."""
    for name in [n for n in sys.modules if n not in before and (n == package or n.startswith(package + "."))]:
        del sys.modules[name]


def can_fork() -> bool:
    """Whether a deck may be laid out in forked processes here."""
    return hasattr(os, "fork") and sys.platform != "darwin"  # macOS's system libraries are not safe to use after fork
