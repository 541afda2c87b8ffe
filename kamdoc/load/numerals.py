"""Numbers written for people (`1.000`, `1,250`, `1'000`, `1,5`): YAML reads them as other numbers or as text, so a plan says so.

A German writes one thousand as `1.000`, which YAML reads as 1; an English writer's `1,250` is text to YAML, and
inside `{2026: 1,250}` two entries. The loader keeps the source text of such numbers; validation asks `misread`
what a number field's text would have become and what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

LOOKS_NUMERIC = re.compile(r"[-+]?[0-9][0-9.,' \u00a0\u202f]*[0-9]\Z")
"""A plain scalar that a person may have meant as a number: digits with separators between them."""

_OTHER_GROUPS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:['\u00a0\u202f ][0-9]{3})+(?:[.,][0-9]+)?\Z")
_DOT_GROUPS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?\Z")
_COMMA_GROUPS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")


@dataclass(frozen=True)
class Reading:
    """How a number written with separators is to be written in a plan: the form to write, and another meaning if it has one."""

    write: str
    otherwise: str | None = None  # the number it means with the other separator convention


def misread(source: str, language: str) -> Reading | None:
    """What to write instead of `source` when it holds thousands separators or a decimal comma; None when it is a plain number."""
    if _OTHER_GROUPS.match(source):
        whole, decimals = [*re.split(r"[.,]", source, maxsplit=1), ""][:2]
        return Reading(re.sub(r"['\u00a0\u202f ]", "", whole) + (f".{decimals}" if decimals else ""))
    if _DOT_GROUPS.match(source):
        whole, _, decimals = source.partition(",")
        return Reading(whole.replace(".", "") + (f".{decimals}" if decimals else ""))
    if _COMMA_GROUPS.match(source):
        whole, _, decimals = source.partition(".")
        thousands = whole.replace(",", "") + (f".{decimals}" if decimals else "")
        if language == "de" and source.count(",") == 1 and not decimals:
            return Reading(_decimal(source), thousands)  # German: a decimal comma, most likely
        return Reading(thousands)
    if _DECIMAL_COMMA.match(source):
        return Reading(_decimal(source))
    return None


def _decimal(source: str) -> str:
    """A number with a decimal comma as a plan writes it: `1,250` is 1.25, not 1.250 (which reads as thousands to a German)."""
    return format(Decimal(source.replace(",", ".")).normalize(), "f")


def message(source: str, read: str, reading: Reading) -> str:
    """The finding's text: what YAML reads, and what to write."""
    hint = f" (or {reading.otherwise} if the comma separates thousands)" if reading.otherwise else ""
    return f"'{source}' would be read as {read}; write {reading.write}{hint}"
