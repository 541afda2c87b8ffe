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
    meaning_de: str  # the meaning in German, for the German schema's help


def _terms(*rows: tuple[str, str, str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


# Why a table and not an Enum: the same rows feed the JSON Schema (value and
# meaning for editor hover), the validator's "allowed values" messages and the
# deck's labels, so a value and its translations can never drift apart.
VOCABULARY: dict[str, tuple[Term, ...]] = {
    "language": _terms(
        (
            "en",
            "English labels, dates and numbers.",
            "English",
            "Englisch",
            "Englische Beschriftungen, Datums- und Zahlenformate.",
        ),
        (
            "de",
            "German labels, dates and numbers.",
            "German",
            "Deutsch",
            "Deutsche Beschriftungen, Datums- und Zahlenformate.",
        ),
    ),
    "status": _terms(
        ("draft", "Work in progress, not yet reviewed.", "Draft", "Entwurf", "In Arbeit, noch nicht geprüft."),
        (
            "review",
            "Complete and waiting for review by management.",
            "In review",
            "In Prüfung",
            "Vollständig, wartet auf die Prüfung durch die Geschäftsleitung.",
        ),
        (
            "approved",
            "Reviewed and approved; the plan in force.",
            "Approved",
            "Freigegeben",
            "Geprüft und freigegeben; der geltende Plan.",
        ),
    ),
    "relation": _terms(
        ("customer", "Already buys from us.", "Customer", "Kunde", "Kauft schon bei uns."),
        (
            "prospect",
            "Could buy from us; not yet a customer.",
            "Prospect",
            "Interessent",
            "Könnte bei uns kaufen; noch kein Kunde.",
        ),
        (
            "competitor",
            "Competes with the key account.",
            "Competitor",
            "Wettbewerber",
            "Steht im Wettbewerb mit dem Key Account.",
        ),
        ("none", "No business relation with us.", "None", "Keine", "Keine Geschäftsbeziehung zu uns."),
    ),
    "sourcing": _terms(
        (
            "single",
            "Buys each category from one supplier.",
            "Single sourcing",
            "Single Sourcing",
            "Kauft jede Warengruppe bei einem Lieferanten.",
        ),
        (
            "dual",
            "Keeps two suppliers per category.",
            "Dual sourcing",
            "Dual Sourcing",
            "Hält zwei Lieferanten je Warengruppe.",
        ),
        (
            "multiple",
            "Spreads each category over several suppliers.",
            "Multiple sourcing",
            "Multiple Sourcing",
            "Verteilt jede Warengruppe auf mehrere Lieferanten.",
        ),
    ),
    "procurement": _terms(
        (
            "central",
            "One central purchasing department decides.",
            "Central",
            "Zentral",
            "Ein zentraler Einkauf entscheidet.",
        ),
        (
            "decentral",
            "Sites or divisions buy on their own.",
            "Decentral",
            "Dezentral",
            "Standorte oder Sparten kaufen selbst.",
        ),
        (
            "mixed",
            "Central frame contracts, local call-offs.",
            "Mixed",
            "Gemischt",
            "Zentrale Rahmenverträge, lokale Abrufe.",
        ),
    ),
    "role": _terms(
        (
            "decision-maker",
            "Makes the final buying decision.",
            "Decision-maker",
            "Entscheider",
            "Trifft die endgültige Kaufentscheidung.",
        ),
        ("user", "Works with what we deliver.", "User", "Nutzer", "Arbeitet mit dem, was wir liefern."),
        (
            "influencer",
            "Shapes the decision without making it.",
            "Influencer",
            "Beeinflusser",
            "Prägt die Entscheidung, ohne sie zu treffen.",
        ),
        (
            "ratifier",
            "Confirms or vetoes a decision made by others.",
            "Ratifier",
            "Ratifizierer",
            "Bestätigt eine Entscheidung anderer oder legt ein Veto ein.",
        ),
        (
            "specifier",
            "Writes the requirements and specifications.",
            "Specifier",
            "Spezifizierer",
            "Schreibt Anforderungen und Spezifikationen.",
        ),
        (
            "door-opener",
            "Opens doors to other people and units.",
            "Door-opener",
            "Türöffner",
            "Öffnet Türen zu anderen Personen und Bereichen.",
        ),
        (
            "buyer",
            "Runs the purchasing process and negotiates.",
            "Buyer",
            "Einkäufer",
            "Führt den Einkaufsprozess und verhandelt.",
        ),
    ),
    "influence": _terms(
        ("high", "Strong say in buying decisions.", "High", "Hoch", "Großes Gewicht bei Kaufentscheidungen."),
        ("medium", "Some say in buying decisions.", "Medium", "Mittel", "Etwas Gewicht bei Kaufentscheidungen."),
        ("low", "Little say in buying decisions.", "Low", "Gering", "Wenig Gewicht bei Kaufentscheidungen."),
    ),
    "attitude": _terms(
        ("mentor", "Actively coaches and supports us.", "Mentor", "Mentor", "Berät und unterstützt uns aktiv."),
        ("positive", "Favours us.", "Positive", "Positiv", "Ist uns zugeneigt."),
        ("neutral", "Neither for nor against us.", "Neutral", "Neutral", "Weder für noch gegen uns."),
        ("negative", "Prefers others over us.", "Negative", "Negativ", "Zieht andere uns vor."),
        ("enemy", "Works against us.", "Enemy", "Feind", "Arbeitet gegen uns."),
    ),
    "contact": _terms(
        ("weekly", "We meet or talk every week.", "Weekly", "Wöchentlich", "Wir treffen oder sprechen uns jede Woche."),
        (
            "monthly",
            "We meet or talk every month.",
            "Monthly",
            "Monatlich",
            "Wir treffen oder sprechen uns jeden Monat.",
        ),
        (
            "quarterly",
            "We meet or talk every quarter.",
            "Quarterly",
            "Quartalsweise",
            "Wir treffen oder sprechen uns jedes Quartal.",
        ),
        (
            "yearly",
            "We meet or talk once a year.",
            "Yearly",
            "Jährlich",
            "Wir treffen oder sprechen uns einmal im Jahr.",
        ),
        ("none", "No regular contact.", "None", "Kein Kontakt", "Kein regelmäßiger Kontakt."),
    ),
    "link": _terms(
        (
            "influences",
            "The first person influences the second.",
            "Influences",
            "Beeinflusst",
            "Die erste Person beeinflusst die zweite.",
        ),
        (
            "allies",
            "The two work together and back each other.",
            "Allies",
            "Verbündet",
            "Die beiden arbeiten zusammen und stützen sich.",
        ),
        (
            "rivals",
            "The two compete or oppose each other.",
            "Rivals",
            "Rivalen",
            "Die beiden konkurrieren oder stehen gegeneinander.",
        ),
    ),
    "perception_role": _terms(
        (
            "one-off-supplier",
            "Seen as a supplier for single orders.",
            "One-off supplier",
            "Einmal-Lieferant",
            "Gilt als Lieferant für Einzelaufträge.",
        ),
        (
            "supplier",
            "Seen as one of the regular suppliers.",
            "Supplier",
            "Lieferant",
            "Gilt als einer der regelmäßigen Lieferanten.",
        ),
        (
            "preferred-supplier",
            "Seen as the supplier asked first.",
            "Preferred supplier",
            "Bevorzugter Lieferant",
            "Gilt als der Lieferant, der zuerst gefragt wird.",
        ),
        (
            "strategic-partner",
            "Seen as a partner in the customer's strategy.",
            "Strategic partner",
            "Strategischer Partner",
            "Gilt als Partner in der Strategie des Kunden.",
        ),
    ),
    "positioning": _terms(
        (
            "price-leader",
            "Known for the lowest price.",
            "Price leader",
            "Preisführer",
            "Bekannt für den niedrigsten Preis.",
        ),
        (
            "quality-leader",
            "Known for the best quality.",
            "Quality leader",
            "Qualitätsführer",
            "Bekannt für die beste Qualität.",
        ),
        (
            "innovation-leader",
            "Known for the newest technology.",
            "Innovation leader",
            "Innovationsführer",
            "Bekannt für die neueste Technik.",
        ),
        (
            "service-leader",
            "Known for the best service.",
            "Service leader",
            "Serviceführer",
            "Bekannt für den besten Service.",
        ),
    ),
    "currency_unit": _terms(
        ("one", "Amounts are written in the currency itself.", "", "", "Beträge stehen in der Währung selbst."),
        ("thousand", "Amounts are written in thousands.", "k", "T", "Beträge stehen in Tausend."),
        ("million", "Amounts are written in millions.", "m", "Mio.", "Beträge stehen in Millionen."),
    ),
    "stage": _terms(
        ("lead", "A first hint of an opportunity.", "Lead", "Lead", "Ein erster Hinweis auf eine Chance."),
        (
            "qualification",
            "Checking need, budget and fit.",
            "Qualification",
            "Qualifizierung",
            "Bedarf, Budget und Passung werden geprüft.",
        ),
        (
            "proposal",
            "Our offer is being prepared or is with the customer.",
            "Proposal",
            "Angebot",
            "Unser Angebot entsteht oder liegt beim Kunden.",
        ),
        (
            "negotiation",
            "Terms and price are being negotiated.",
            "Negotiation",
            "Verhandlung",
            "Konditionen und Preis werden verhandelt.",
        ),
        ("won", "The customer chose us.", "Won", "Gewonnen", "Der Kunde hat uns gewählt."),
        (
            "lost",
            "The customer chose someone else or dropped it.",
            "Lost",
            "Verloren",
            "Der Kunde hat einen anderen gewählt oder es fallen lassen.",
        ),
    ),
    "partnership": _terms(
        (
            "lean",
            "Mostly transactional; the personal relationship is only beginning.",
            "Lean partnership",
            "Schlanke Partnerschaft",
            "Vor allem transaktional; die persönliche Beziehung beginnt erst.",
        ),
        (
            "operative",
            "Core products or services with added services that already bring extra value.",
            "Operative partnership",
            "Operative Partnerschaft",
            "Kernprodukte oder -leistungen mit Zusatzleistungen, die schon Mehrwert bringen.",
        ),
        (
            "strategic",
            "A close personal relationship and far-reaching services that shape the customer's success.",
            "Strategic partnership",
            "Strategische Partnerschaft",
            "Eine enge persönliche Beziehung und weitreichende Leistungen, die den Erfolg des Kunden prägen.",
        ),
    ),
    "action_status": _terms(
        ("open", "Not started.", "Open", "Offen", "Nicht begonnen."),
        ("in-progress", "Being worked on.", "In progress", "In Arbeit", "In Bearbeitung."),
        ("done", "Finished.", "Done", "Erledigt", "Erledigt."),
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


def declare(name: str, *rows: tuple[str, str, str, str, str]) -> tuple[Term, ...]:
    """A closed list declared beside the fields that use it (value, meaning, English term, German term, German
    meaning): kept with the others, so that the schema, the messages and the deck know it as they know them."""
    if name in VOCABULARY:
        raise ValueError(f"the closed list {name!r} is declared twice")
    VOCABULARY[name] = _terms(*rows)
    return VOCABULARY[name]
