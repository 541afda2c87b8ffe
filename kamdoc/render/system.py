"""System libraries that some formats need, found at run time or explained to the person who lacks them."""

from __future__ import annotations

import os
import sys
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
        import weasyprint as module
    except OSError as exc:  # cffi's word for a shared library it cannot load
        raise MissingLibrary("pdf", PANGO_HELP.format(detail=str(exc).splitlines()[0] if str(exc) else "not found")) from None
    return cast(ModuleType, module)


def can_fork() -> bool:
    """Whether a deck may be laid out in forked processes here."""
    return hasattr(os, "fork") and sys.platform != "darwin"  # macOS's system libraries are not safe to use after fork
