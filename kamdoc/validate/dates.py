"""The ISO form of a date written another way (31.12.2026, 12/31/2026, Q4 2027, Dez 2026): what to write instead."""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTHS = {
    **{
        name: i
        for i, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
        )
    },
    **{
        name: i
        for i, name in enumerate(
            ("jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"), 1
        )
    },
    "mrz": 3,
    "maerz": 3,
    "sept": 9,
    "jän": 1,
    "jänner": 1,
}
"""Month names and their usual short forms, English and German, by their first letters (lower case)."""

_DOTTED = re.compile(r"^(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4})$")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})$")
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
_QUARTER = re.compile(r"^(?:Q(?P<q>[1-4])[\s/-]*(?P<y>\d{4})|(?P<y2>\d{4})[\s/-]*Q(?P<q2>[1-4]))$", re.I)
_MONTH_YEAR = re.compile(r"^(?P<name>[A-Za-zäÄ]+)\.?\s+(?P<y>\d{4})$")
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")


def iso_forms(text: str) -> list[date]:
    """The dates `text` can mean, written another way than YYYY-MM-DD: one, two when day and month could be either way
    round (01/02/2026), none when it is no date. A month or a quarter means its last day, as a deadline does."""
    text = text.strip()
    for pattern, read in (
        (_DOTTED, _day_month),
        (_SLASHED, _either_way),
        (_YEAR_FIRST, _day_month),
        (_QUARTER, _quarter_end),
        (_MONTH_YEAR, _named_month),
        (_YEAR_MONTH, _month_end),
    ):
        found = pattern.match(text)
        if found:
            return read(found)
    return []


def _valid(year: int, month: int, day: int) -> list[date]:
    try:
        return [date(year, month, day)]
    except ValueError:
        return []


def _day_month(found: re.Match[str]) -> list[date]:
    return _valid(int(found["y"]), int(found["m"]), int(found["d"]))


def _either_way(found: re.Match[str]) -> list[date]:
    a, b, year = int(found["a"]), int(found["b"]), int(found["y"])
    readings = _valid(year, b, a) + _valid(
        year, a, b
    )  # day first (as in most of Europe), then month first (as in the US)
    return sorted(set(readings))


def _last_day(year: int, month: int) -> list[date]:
    return _valid(year, month, calendar.monthrange(year, month)[1]) if 1 <= month <= 12 else []


def _quarter_end(found: re.Match[str]) -> list[date]:
    quarter, year = int(found["q"] or found["q2"]), int(found["y"] or found["y2"])
    return _last_day(year, quarter * 3)


def _named_month(found: re.Match[str]) -> list[date]:
    name = found["name"].lower()
    month = _MONTHS.get(name) or _MONTHS.get(name[:3])
    return _last_day(int(found["y"]), month) if month else []


def _month_end(found: re.Match[str]) -> list[date]:
    return _last_day(int(found["y"]), int(found["m"]))


def write_instead(text: str) -> str:
    """What a message adds after a date written another way: "; write 2026-12-31" (or both readings), else ""."""
    readings = iso_forms(text)
    if not readings:
        return ""
    return "; write " + " or ".join(d.isoformat() for d in readings)
