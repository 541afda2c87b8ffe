"""The standard's closed value lists: each value with its meaning and its labels in the deck's languages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "de"]


@dataclass(frozen=True)
class Term:
    """One allowed value of a closed list."""

    value: str
    meaning: str
    en: str
    de: str


def _terms(*rows: tuple[str, str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


# Why a table and not an Enum: the same rows feed the JSON Schema (value and
# meaning for editor hover), the validator's "allowed values" messages and the
# deck's labels, so a value and its translations can never drift apart.
VOCABULARY: dict[str, tuple[Term, ...]] = {
    "status": _terms(
        ("draft", "Work in progress, not yet reviewed.", "Draft", "Entwurf"),
        ("review", "Complete and waiting for review by management.", "In review", "In Prüfung"),
        ("approved", "Reviewed and approved; the plan in force.", "Approved", "Freigegeben"),
    ),
    "relation": _terms(
        ("customer", "Already buys from us.", "Customer", "Kunde"),
        ("prospect", "Could buy from us; not yet a customer.", "Prospect", "Interessent"),
        ("competitor", "Competes with the key account.", "Competitor", "Wettbewerber"),
        ("none", "No business relation with us.", "None", "Keine"),
    ),
    "sourcing": _terms(
        ("single", "Buys each category from one supplier.", "Single sourcing", "Single Sourcing"),
        ("dual", "Keeps two suppliers per category.", "Dual sourcing", "Dual Sourcing"),
        ("multiple", "Spreads each category over several suppliers.", "Multiple sourcing", "Multiple Sourcing"),
    ),
    "procurement": _terms(
        ("central", "One central purchasing department decides.", "Central", "Zentral"),
        ("decentral", "Sites or divisions buy on their own.", "Decentral", "Dezentral"),
        ("mixed", "Central frame contracts, local call-offs.", "Mixed", "Gemischt"),
    ),
    "role": _terms(
        ("decision-maker", "Makes the final buying decision.", "Decision-maker", "Entscheider"),
        ("user", "Works with what we deliver.", "User", "Nutzer"),
        ("influencer", "Shapes the decision without making it.", "Influencer", "Beeinflusser"),
        ("ratifier", "Confirms or vetoes a decision made by others.", "Ratifier", "Ratifizierer"),
        ("specifier", "Writes the requirements and specifications.", "Specifier", "Spezifizierer"),
        ("door-opener", "Opens doors to other people and units.", "Door-opener", "Türöffner"),
        ("buyer", "Runs the purchasing process and negotiates.", "Buyer", "Einkäufer"),
    ),
    "influence": _terms(
        ("high", "Strong say in buying decisions.", "High", "Hoch"),
        ("medium", "Some say in buying decisions.", "Medium", "Mittel"),
        ("low", "Little say in buying decisions.", "Low", "Gering"),
    ),
    "attitude": _terms(
        ("mentor", "Actively coaches and supports us.", "Mentor", "Mentor"),
        ("positive", "Favours us.", "Positive", "Positiv"),
        ("neutral", "Neither for nor against us.", "Neutral", "Neutral"),
        ("negative", "Prefers others over us.", "Negative", "Negativ"),
        ("enemy", "Works against us.", "Enemy", "Feind"),
    ),
    "contact": _terms(
        ("weekly", "We meet or talk every week.", "Weekly", "Wöchentlich"),
        ("monthly", "We meet or talk every month.", "Monthly", "Monatlich"),
        ("quarterly", "We meet or talk every quarter.", "Quarterly", "Quartalsweise"),
        ("yearly", "We meet or talk once a year.", "Yearly", "Jährlich"),
        ("none", "No regular contact.", "None", "Kein Kontakt"),
    ),
    "link": _terms(
        ("influences", "The first person influences the second.", "Influences", "Beeinflusst"),
        ("allies", "The two work together and back each other.", "Allies", "Verbündet"),
        ("rivals", "The two compete or oppose each other.", "Rivals", "Rivalen"),
    ),
    "perception_role": _terms(
        ("one-off-supplier", "Seen as a supplier for single orders.", "One-off supplier", "Einmal-Lieferant"),
        ("supplier", "Seen as one of the regular suppliers.", "Supplier", "Lieferant"),
        ("preferred-supplier", "Seen as the supplier asked first.", "Preferred supplier", "Bevorzugter Lieferant"),
        (
            "strategic-partner",
            "Seen as a partner in the customer's strategy.",
            "Strategic partner",
            "Strategischer Partner",
        ),
    ),
    "positioning": _terms(
        ("price-leader", "Known for the lowest price.", "Price leader", "Preisführer"),
        ("quality-leader", "Known for the best quality.", "Quality leader", "Qualitätsführer"),
        ("innovation-leader", "Known for the newest technology.", "Innovation leader", "Innovationsführer"),
        ("service-leader", "Known for the best service.", "Service leader", "Serviceführer"),
    ),
    "currency_unit": _terms(
        ("one", "Amounts are written in the currency itself.", "", ""),
        ("thousand", "Amounts are written in thousands.", "k", "T"),
        ("million", "Amounts are written in millions.", "m", "Mio."),
    ),
    "stage": _terms(
        ("lead", "A first hint of an opportunity.", "Lead", "Lead"),
        ("qualification", "Checking need, budget and fit.", "Qualification", "Qualifizierung"),
        ("proposal", "Our offer is being prepared or is with the customer.", "Proposal", "Angebot"),
        ("negotiation", "Terms and price are being negotiated.", "Negotiation", "Verhandlung"),
        ("won", "The customer chose us.", "Won", "Gewonnen"),
        ("lost", "The customer chose someone else or dropped it.", "Lost", "Verloren"),
    ),
    "partnership": _terms(
        (
            "lean",
            "Mostly transactional; the personal relationship is only beginning.",
            "Lean partnership",
            "Schlanke Partnerschaft",
        ),
        (
            "operative",
            "Core products or services with added services that already bring extra value.",
            "Operative partnership",
            "Operative Partnerschaft",
        ),
        (
            "strategic",
            "A close personal relationship and far-reaching services that shape the customer's success.",
            "Strategic partnership",
            "Strategische Partnerschaft",
        ),
    ),
    "action_status": _terms(
        ("open", "Not started.", "Open", "Offen"),
        ("in-progress", "Being worked on.", "In progress", "In Arbeit"),
        ("done", "Finished.", "Done", "Erledigt"),
    ),
}


def values(name: str) -> tuple[str, ...]:
    """The allowed values of one closed list, in the standard's order."""
    return tuple(term.value for term in VOCABULARY[name])


def label(name: str, value: str, language: str) -> str:
    """How the deck shows one value of a closed list in the given language."""
    for term in VOCABULARY[name]:
        if term.value == value:
            return term.de if language == "de" else term.en
    raise KeyError(f"{value!r} is not in the {name} list")
