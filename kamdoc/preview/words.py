"""The preview's own words, in English and German (the deck speaks its plan's language)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "preview": ("kamdoc preview", "kamdoc-Vorschau"),
    "internal": ("Internal", "Intern"),
    "customer": ("Customer", "Kunde"),
    "audience": ("Audience", "Zielgruppe"),
    "all_plans": ("All plans", "Alle Pläne"),
    "plans": ("Plans", "Pläne"),
    "slides": ("Slides", "Folien"),
    "slide": ("Slide", "Folie"),
    "previous": ("Previous slide", "Vorige Folie"),
    "next": ("Next slide", "Nächste Folie"),
    "errors_one": ("1 error", "1 Fehler"),
    "errors_many": ("{n} errors", "{n} Fehler"),
    "warnings_one": ("1 warning", "1 Warnung"),
    "warnings_many": ("{n} warnings", "{n} Warnungen"),
    "stale": ("The slides show the last save without errors.", "Die Folien zeigen den letzten Stand ohne Fehler."),
    "no_slides": ("No slides yet: the plan has errors.", "Noch keine Folien: Der Plan hat Fehler."),
    "error": ("error", "Fehler"),
    "warning": ("warning", "Warnung"),
    "open_in_editor": ("Open in the editor", "Im Editor öffnen"),
    "stopped": (
        "The preview has stopped: start `kamdoc preview` again.",
        "Die Vorschau ist beendet: `kamdoc preview` neu starten.",
    ),
    "status": ("Status", "Status"),
    "account": ("Account", "Kunde"),
    "plan": ("Plan", "Plan"),
    "reasons": ("Reasons", "Gründe"),
    "deck": ("Deck", "Deck"),
    "open_deck": ("Open the deck", "Deck öffnen"),
    "red": ("red", "rot"),
    "amber": ("amber", "gelb"),
    "green": ("green", "grün"),
    "healthy": ("nothing to do", "nichts zu tun"),
    "no_plans": ("No plans here.", "Hier sind keine Pläne."),
    "keys": (
        "← → to move, Home and End for the first and last slide",
        "← → blättern, Pos1 und Ende für die erste und letzte Folie",
    ),
}


def word(key: str, language: str, n: int | None = None) -> str:
    """One of the preview's words; with `n`, the count's form (`3 errors`)."""
    if n is not None:
        key = f"{key}_{'one' if n == 1 else 'many'}"
    en, de = WORDS[key]
    text = de if language == "de" else en
    return text.format(n=n) if n is not None else text


def words(language: str) -> dict[str, str]:
    """Every plain word in one language, for the templates."""
    return {key: word(key, language) for key in WORDS if not key.endswith(("_one", "_many"))}
