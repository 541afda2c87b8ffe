"""A change between two versions of a plan said in the plan's language: its place, its values and how much it moved,
as the deck's changes slide and `kamdoc diff` both write it."""

from __future__ import annotations

import re
from datetime import date

from kamdoc.analyse.diff import Change, describe, shown_value
from kamdoc.outline.richtext import Run
from kamdoc.outline.words import change_percent, day, has_word, number, percent, term, word
from kamdoc.standard.sections import section as section_of
from kamdoc.standard.vocab import VOCABULARY, values

FIELD_VOCABULARY = {"frequency": "contact", "kind": "link", "role": "perception_role", "unit": "currency_unit"}
"""Fields whose closed list has another name than the field."""


YEAR_FIELDS = frozenset({"estimated", "horizon", "year"})
"""Fields whose numbers are years."""


class ChangeWords:
    """Says changes in one language (en or de)."""

    def __init__(self, language: str) -> None:
        self.lang = language

    def shown(self, value: object, field: str) -> str:
        """A changed value as the deck writes it: numbers and dates in the plan's language, closed-list values as terms."""
        if isinstance(value, bool) or value is None:
            return word("yes", self.lang) if value else (word("no", self.lang) if value is False else "")
        if isinstance(value, int) and field in YEAR_FIELDS:
            return str(value)  # a year, not an amount: 2026, never 2.026
        if isinstance(value, (int, float)):
            return number(float(value), self.lang)
        if isinstance(value, date):
            return day(value, self.lang)
        vocabulary = FIELD_VOCABULARY.get(field, field)
        if isinstance(value, str) and vocabulary in VOCABULARY and value in values(vocabulary):
            return term(vocabulary, value, self.lang)
        if isinstance(value, (list, dict)):
            return shown_value(value)
        return str(value).replace("\n", " ")  # whole: nothing is cut short

    def place(self, where: str) -> str:
        """Where a change is, each field's name in the plan's language where there is a word for it ("total 2027" too)."""

        def shown(part: str) -> str:
            key = part.replace(" ", "_")
            if has_word(key):
                return word(key, self.lang)
            first, _, rest = part.partition(" ")
            return f"{word(first, self.lang)} {rest}" if rest.isdigit() and has_word(first) else part

        return ": ".join(shown(part) for part in where.split(": "))

    def difference(self, old: float, new: float) -> str:
        """How much a number changed, in the plan's language: +250, +2,3 %."""
        sign = "+" if new >= old else "−"
        change = change_percent(old, new)  # none over a base of 0 or next to it: a share of nothing says nothing
        share = f", {sign}{percent(abs(change), self.lang, 1)}" if change is not None else ""
        return f"{sign}{number(abs(new - old), self.lang)}{share}"

    def parts(self, change: Change) -> tuple[str, str]:
        """A change as its section's title and the rest: ("Power-Map", "Martina Müller: Haltung: neutral → positiv")."""
        field = change.where.rsplit(": ", 1)[-1].replace(" ", "_")
        kinds = {"added": word("added", self.lang), "removed": word("removed", self.lang)}
        # Where it is, in the fields' own labels (declared beside each field); a change without them in the deck's words.
        where = (
            ": ".join(pair[self.lang == "de"] for pair in change.labels) if change.labels else self.place(change.where)
        )
        closed = change.vocabulary or field  # the field's own list (`likelihood` is a `level`), else named as the field
        line = describe(change, lambda value: self.shown(value, closed), where, kinds, self.difference)
        section, _, rest = line.partition(": ")
        known = section_of(change.section)
        return (known.title[self.lang == "de"] if known else section), rest

    def line(self, change: Change) -> str:
        """A change on one line: "Power-Map: Personen: Martina Müller: Haltung: neutral → positiv"."""
        section, rest = self.parts(change)
        return f"{section}: {rest}" if rest else section


_MARKED = re.compile(r"\[-(?P<old>.*?)-\]|\{\+(?P<new>.*?)\+\}", re.S)


def marked_runs(text: str) -> tuple[Run, ...]:
    """A change's text as runs, its word diff's marks ([-removed-] {+added+}) as words struck through and words in bold:
    a deck shows the change in its own style, never the markup."""
    runs: list[Run] = []
    at = 0
    for found in _MARKED.finditer(text):
        if found.start() > at:
            runs.append(Run(text[at : found.start()]))
        runs.append(Run(found["old"], strike=True) if found["old"] is not None else Run(found["new"], bold=True))
        at = found.end()
    if at < len(text):
        runs.append(Run(text[at:]))
    return tuple(runs)
