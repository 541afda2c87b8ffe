"""Characters of a plan that the theme's fonts lack: decks show them as empty boxes, so each is said once, at its first field."""

from __future__ import annotations

import unicodedata
from collections.abc import Container
from pathlib import Path

from kamdoc.findings import Finding, field_path
from kamdoc.load.document import Document
from kamdoc.standard.plan import Plan
from kamdoc.theme.settings import Theme
from kamdoc.validate.walk import texts_in

MAX_FIELDS_SAID = 5
"""Fields a render names for lacking characters; the rest are counted in the last finding."""
_SHOWN = 3
"""Characters a finding names, each with its Unicode name; more are counted."""
_UNDRAWN = {"Cc", "Cf", "Zl", "Zp"}
"""Categories no font draws (controls, joiners, marks of direction): never lacking."""


def _named(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"


def lacking_glyphs(plan: Plan, doc: Document, covered: Container[int]) -> list[Finding]:
    """A warning at the first field holding each character the fonts (`covered`: the code points they draw) lack."""
    said: set[str] = set()
    findings: list[Finding] = []
    for path, text in texts_in(plan.model_dump(by_alias=True, mode="python")):
        new = sorted(
            {
                c
                for c in set(text) - said
                if ord(c) not in covered and unicodedata.category(c) not in _UNDRAWN and not c.isspace()
            },
            key=text.index,
        )
        if not new:
            continue
        said.update(new)
        if len(findings) == MAX_FIELDS_SAID:
            continue  # counted below, not said field by field
        at = text.index(new[0])
        line = text.count("\n", 0, at)
        pos = doc.where_in_text(path, line, at - (text.rfind("\n", 0, at) + 1))
        more = f" and {len(new) - _SHOWN} more" if len(new) > _SHOWN else ""
        findings.append(
            Finding(
                pos,
                "warning",
                field_path(path),
                f"the theme's fonts have no glyph for {', '.join(map(_named, new[:_SHOWN]))}{more}; "
                "the deck shows such characters as empty boxes: use a theme whose fonts have them (theme.yaml, font:)",
            )
        )
    return findings


def covered(theme: Theme, cache: Path | None = None) -> frozenset[int]:
    """The code points both of the theme's faces (regular and bold) draw."""
    from kamdoc.outline.measure import Metrics

    regular, bold = Metrics(theme.font_file("regular"), cache), Metrics(theme.font_file("bold"), cache)
    return frozenset(regular.widths).intersection(bold.widths)
