"""The formats a Deck is rendered into: one entry each, found by name, with what each needs of the machine.

Adding a format is a module that draws a Deck into bytes and one line in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.render.system import MissingLibrary

if TYPE_CHECKING:  # `kamdoc render` reads its --to before the rest of kamdoc is imported (see commands/render.py)
    from kamdoc.outline.deck import Deck
    from kamdoc.theme.company import Template
    from kamdoc.theme.settings import Theme


@dataclass(frozen=True)
class Format:
    """One output format: its name (and file suffix), how it is drawn, and what it lacks on this machine."""

    name: str
    draw: Callable[[Deck, Theme, datetime, Template | None, str | None], bytes]
    missing: Callable[[], MissingLibrary | None]


def _pptx(deck: Deck, theme: Theme, created: datetime, company: Template | None, variant: str | None) -> bytes:
    from kamdoc.render.pptx import render_pptx

    if company is None:
        return render_pptx(deck, theme, created)
    try:
        return render_pptx(deck, theme, created, company)
    except KamdocError:
        raise
    except Exception as exc:  # the company template is a stranger's file: what fails in it is its problem, said once
        raise KamdocError(
            f"{company.path}: the template cannot be used ({type(exc).__name__}: {str(exc)[:120]}); "
            "save it again from PowerPoint, or check it with `kamdoc template check`"
        ) from None


def _pdf(deck: Deck, theme: Theme, created: datetime, company: Template | None, variant: str | None) -> bytes:
    from kamdoc.render.pdf import render_pdf  # imports WeasyPrint: only when a PDF is asked for

    return render_pdf(deck, theme, created, variant)


def _html(deck: Deck, theme: Theme, created: datetime, company: Template | None, variant: str | None) -> bytes:
    from kamdoc.render.html import render_html

    return render_html(deck, theme, created)


def _nothing_missing() -> MissingLibrary | None:
    return None


def _pango_missing() -> MissingLibrary | None:
    from kamdoc.render.system import weasyprint

    try:
        weasyprint()
    except MissingLibrary as exc:
        return exc
    return None


FORMATS: dict[str, Format] = {
    "pptx": Format("pptx", _pptx, _nothing_missing),
    "pdf": Format("pdf", _pdf, _pango_missing),
    "html": Format("html", _html, _nothing_missing),
}
"""Every format, in the order decks are written."""


def format_named(name: str) -> Format:
    """The format of this name; any other name is a bug of the caller (names come from `parse_formats`)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"no format {name!r}; known: {', '.join(FORMATS)}") from None


def parse_formats(value: str) -> tuple[str, ...]:
    """`pptx`, `pdf` or `pptx,pdf` (any of the registry's names) as a tuple of formats, in the registry's order."""
    asked = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = asked - set(FORMATS)
    if not asked or unknown:
        raise CommandLineError(
            f"--to takes {', '.join(FORMATS)} or several of them with commas, such as pptx,pdf (got {value!r})"
        )
    return tuple(f for f in FORMATS if f in asked)


def render_deck(
    deck: Deck, fmt: str, theme: Theme, created: datetime, company: Template | None = None, variant: str | None = None
) -> bytes:
    """The bytes of one deck in one format."""
    return format_named(fmt).draw(deck, theme, created, company, variant)


def missing(formats: tuple[str, ...]) -> list[MissingLibrary]:
    """What stops any of these formats on this machine (checked once, before plans are rendered)."""
    return [problem for name in formats if (problem := format_named(name).missing()) is not None]
