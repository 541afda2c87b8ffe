"""A throwaway section, declared the way docs/architecture.md says a section is declared: its model with each field's
label and German beside it, and its registry entry. `add()` puts it into the registry before the rest of kamdoc is
imported, as if it stood in kamdoc/standard/model.py and kamdoc/standard/sections.py."""

from __future__ import annotations

from kamdoc.standard import sections
from kamdoc.standard.model import CUSTOMER, INTERNAL, Id, Markdown, Part, Text, about, german


class Initiative(Part):
    """A sustainability initiative we run with the customer."""

    model_config = german("Eine Nachhaltigkeitsinitiative, die wir mit dem Kunden betreiben.")

    initiative: Text = about(
        "The initiative.", de="Die Initiative.", label=("Initiative", "Initiative"), seen=CUSTOMER
    )
    contact: Id | None = about(
        "The person at the customer who backs it (a power map id).",
        de="Die Person beim Kunden, die sie trägt (eine ID der Power-Map).",
        label=("Backed by", "Unterstützt von"),
        default=None,
        seen=CUSTOMER,
    )
    our_cost: Text | None = about(
        "What it costs us.", de="Was sie uns kostet.", label=("Our cost", "Unsere Kosten"), default=None, seen=INTERNAL
    )
    impact: Markdown | None = about(
        "What it changes for the customer.",
        de="Was sie für den Kunden ändert.",
        label=("Impact", "Wirkung"),
        default=None,
        seen=CUSTOMER,
    )


SECTION = sections.Section(
    "sustainability",
    list[Initiative],
    about(
        "Sustainability initiatives with the customer (optional).",
        de="Nachhaltigkeitsinitiativen mit dem Kunden (optional).",
        default_factory=list,
        seen=CUSTOMER,
    ),
    ("Sustainability", "Nachhaltigkeit"),
    table=sections.Table(
        (
            sections.Column("initiative"),
            sections.Column("contact", show="person"),
            sections.Column("our_cost"),
            sections.Column("impact", show="markdown"),
        )
    ),
    identity=(((), ("initiative",)),),
    people=(((), "contact"),),
    named=(((), "initiative"),),
    scaffold=(
        "sustainability: []   # - {initiative: ..., contact: person-id}",
        "sustainability: []   # - {initiative: ..., contact: person-id}",
    ),
)


def add() -> None:
    """Put the section into the registry (before the plan model and everything reading the registry is imported)."""
    sections.SECTIONS = (*sections.SECTIONS, SECTION)
