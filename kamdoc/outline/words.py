"""The deck's words and number formats in English and German (Babel for numbers, currencies and dates)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from kamdoc.standard.vocab import label

if TYPE_CHECKING:  # Babel is imported when a number is first written
    from babel import Locale

_WORDS: dict[str, tuple[str, str]] = {
    # the portfolio deck (kamdoc portfolio)
    "portfolio_title": ("Key account portfolio", "Key-Account-Portfolio"),
    "as_of": ("As of", "Stand"),
    "notice_open": ("Notice can still be given", "Kündigung noch möglich"),
    "notice_closed": ("Running", "Läuft"),
    "contract_ended": ("Ended", "Beendet"),
    "open_ended": ("open-ended", "unbefristet"),
    "account": ("Account", "Account"),
    "accounts": ("accounts", "Accounts"),
    "plans": ("plans", "Pläne"),
    "accounts_header": ("Accounts", "Accounts"),
    "see_ranking": ("listed in the ranking", "siehe Rangliste"),
    "revenue": ("Revenue", "Umsatz"),
    "kap_years": ("Key account plan {years}", "Key-Account-Plan {years}"),
    "revenue_grows": (
        "Revenue with {account} grows to {amount} by {year} ({change})",
        "Umsatz mit {account} wächst bis {year} auf {amount} ({change})",
    ),
    "revenue_falls": (
        "Revenue with {account} falls to {amount} by {year} ({change})",
        "Umsatz mit {account} sinkt bis {year} auf {amount} ({change})",
    ),
    "revenue_holds": (
        "Revenue with {account} holds at {amount} until {year}",
        "Umsatz mit {account} bleibt bis {year} bei {amount}",
    ),
    # the account on a page
    "account_on_a_page": ("The account at a glance", "Der Account auf einen Blick"),
    "per_year": ("a year", "p. a."),
    "weighted_projects": ("Weighted volume", "Gewichtetes Volumen"),
    "one_project": ("project", "Projekt"),
    "projects": ("projects", "Projekte"),
    "of": ("of", "von"),
    "for_us": ("for us", "für uns"),
    "key_people": ("Key people", "Schlüsselpersonen"),
    "against_us": ("against us", "gegen uns"),
    "nobody_against": ("nobody against us", "niemand gegen uns"),
    "and_more": ("and {n} more", "und {n} weitere"),
    "people_for": ("{n} of {m} people positive", "{n} von {m} Personen positiv"),
    "people_against": ("{k} against us", "{k} gegen uns"),
    "goal_overdue": ("deadline passed", "Termin verstrichen"),
    "goal_behind": ("actions late", "Maßnahmen im Verzug"),
    "goal_on_track": ("on track", "im Plan"),
    "top_risks": ("Top risks", "Größte Risiken"),
    "notice_dates": ("Notice dates ahead", "Anstehende Kündigungstermine"),
    "what_we_need": ("What we need", "Was wir brauchen"),
    "budget_of": ("{amount} budget", "{amount} Budget"),
    "needs_on_goal_slides": ("What each goal needs: on its slide.", "Was jedes Ziel braucht: auf seiner Folie."),
    "person_days_of": ("{days} person-days", "{days} Personentage"),
    "health": ("Plan health", "Zustand des Plans"),
    "no_review_date": ("No review date set", "Kein Review-Termin gesetzt"),
    "why_status": ("Why {status}", "Warum {status}"),
    "at_a_glance": ("At a glance", "Auf einen Blick"),
    "pareto": ("80/20: revenue by account", "80/20: Umsatz nach Accounts"),
    "pareto_line": (
        "{n} of {total} accounts make {share} of revenue",
        "{n} von {total} Accounts machen {share} des Umsatzes",
    ),
    "pareto_short": ("{n} of {total} accounts make {share}", "{n} von {total} Accounts machen {share}"),
    "pareto_profit": ("Pareto: gross profit by account", "Pareto: Rohertrag nach Accounts"),
    "pareto_line_profit": (
        "{n} of {total} accounts make {share} of gross profit",
        "{n} von {total} Accounts machen {share} des Rohertrags",
    ),
    "accounts_by_profit": ("Accounts by gross profit", "Accounts nach Rohertrag"),
    "gross_profit": ("Gross profit", "Rohertrag"),
    "development_title": ("Development over the last {n} versions", "Entwicklung über die letzten {n} Versionen"),
    "goals_moved": ("Goals that moved", "Verschobene Ziele"),
    "attitude_not_given": ("not given", "offen"),
    "no_revenue": ("No account has actual revenue yet", "Noch kein Account mit Ist-Umsatz"),
    "concentration": ("Concentration", "Konzentration"),
    "top_account": ("Top account", "Größter Account"),
    "top_3": ("Top 3", "Top 3"),
    "cumulative_share": ("Cumulative share of revenue", "Kumulierter Umsatzanteil"),
    "accounts_by_revenue": ("Accounts by revenue", "Accounts nach Umsatz"),
    "ranking": ("Accounts ranked by revenue", "Accounts nach Umsatz"),
    "cumulative": ("Cumulative", "Kumuliert"),
    "attractiveness": ("Attract.", "Attrakt."),
    "position_short": ("Position", "Position"),
    "quadrant": ("Quadrant", "Quadrant"),
    "partnership": ("Partnership", "Partnerschaft"),
    "matrix": ("Portfolio matrix", "Portfolio-Matrix"),
    "matrix_missing": (
        "No account can be placed yet: the matrix needs portfolio.criteria in kamdoc.yaml and an assessment in the plans",
        "Noch kein Account einzuordnen: die Matrix braucht portfolio.criteria in kamdoc.yaml und ein assessment in den Plänen",
    ),
    "position_axis": (
        "Our position (share of wallet, decision-makers, partnership)",
        "Unsere Position (Lieferanteil, Entscheider, Partnerschaft)",
    ),
    "attractiveness_axis": ("Attractiveness (weighted criteria)", "Attraktivität (gewichtete Kriterien)"),
    "q_star": ("Stars", "Stars"),
    "q_cash-cow": ("Cash cows", "Cash Cows"),
    "q_question-mark": ("Question marks", "Question Marks"),
    "q_dog": ("Dogs", "Poor Dogs"),
    "s_develop": ("develop", "entwickeln"),
    "s_maintain": ("maintain", "halten"),
    "s_selective": ("selective", "selektiv"),
    "s_withdraw": ("withdraw", "zurückziehen"),
    "p_lean": ("lean", "schlank"),  # a partnership level in a table's narrow column
    "p_operative": ("operative", "operativ"),
    "p_strategic": ("strategic", "strategisch"),
    "partnerships": ("Partnership levels", "Partnerschaftsstufen"),
    "not_set": ("Not set", "Nicht angegeben"),
    "knock_outs": ("Knock-out criteria", "K.-o.-Kriterien"),
    "criterion": ("Criterion", "Kriterium"),
    "reason": ("Reason", "Begründung"),
    "not_answered": ("not answered", "nicht beantwortet"),
    "none_failing": ("every account meets every knock-out criterion", "alle Accounts erfüllen alle K.-o.-Kriterien"),
    "plan_health": ("Plan health", "Zustand der Pläne"),
    "status_red": ("Red", "Rot"),
    "status_amber": ("Amber", "Gelb"),
    "status_green": ("Green", "Grün"),
    "complete": ("Complete", "Vollständig"),
    "coverage": ("Coverage", "Abdeckung"),
    "days_since_version": ("Days since version", "Tage seit Version"),
    "days_since_commit": ("Days since commit", "Tage seit Commit"),
    "next_review": ("Next review", "Nächster Review"),
    "left_out": ("Left out (invalid)", "Nicht berücksichtigt (ungültig)"),
    # slide titles
    "agenda": ("Agenda", "Agenda"),
    "kpis": ("Key figures", "Kennzahlen"),
    "ownership": ("Owners and subsidiaries", "Eigentümer und Tochtergesellschaften"),
    "competitors": ("Competitors", "Wettbewerbsumfeld"),
    "won_lost": ("Projects won and lost", "Gewonnene und verlorene Projekte"),
    "potential": ("Potential portfolio", "Potenzial-Portfolio"),
    "perception": ("How the customer sees us", "Wahrnehmung des Kunden"),
    "our_market": ("Our market", "Unser Marktumfeld"),
    "our_competitors": ("Our competitors", "Unsere Wettbewerber"),
    "own_swot": ("Our SWOT", "Unsere SWOT"),
    # cover, footer and notes
    "deck_title": ("Key account plan", "Key-Account-Plan"),
    "source": ("Edit in", "Bearbeiten in"),
    "key_account_manager": ("Key account manager", "Key-Account-Manager"),
    "version": ("Version", "Version"),
    "status": ("Status", "Status"),
    # fields as the changes slide names them ("Ziel 2: Ausgangswert")
    "action": ("Action", "Maßnahme"),
    "baseline": ("Baseline", "Ausgangswert"),
    "budget": ("Budget", "Budget"),
    "category": ("Category", "Kategorie"),
    "confidentiality": ("Confidentiality", "Vertraulichkeit"),
    "customer_confidentiality": ("Confidentiality of the customer's copy", "Vertraulichkeit der Kundenversion"),
    "shared": ("Agreed with the customer", "Mit dem Kunden vereinbart"),
    "contact": ("Contact", "Kontakt"),
    "no_contact_yet": ("not met yet", "noch kein Treffen"),
    "our_contact": ("Owner", "Betreuer"),
    "tie_allies": ("ally", "verbündet"),
    "tie_rivals": ("rival", "Rivale"),
    "table_influences": ("influences", "beeinflusst"),
    "table_allies": ("is allied with", "ist verbündet mit"),
    "table_rivals": ("is a rival of", "ist Rivale von"),
    "attitude_unknown": ("Attitude not known", "Haltung unbekannt"),
    "team": ("Team", "Team"),
    "person_one": ("person", "Person"),
    "person_many": ("people", "Personen"),
    "decision_maker_one": ("decision-maker", "Entscheider"),
    "decision_maker_many": ("decision-makers", "Entscheider"),
    "mentor_one": ("mentor", "Mentor"),
    "mentor_many": ("mentors", "Mentoren"),
    "enemy_one": ("enemy", "Feind"),
    "enemy_many": ("enemies", "Feinde"),
    "currency": ("Currency", "Währung"),
    "department": ("Department", "Abteilung"),
    "division": ("Division", "Sparte"),
    "event": ("Event", "Veranstaltung"),
    "focus": ("Focus", "Schwerpunkt"),
    "format": ("Format", "Format"),
    "frequency": ("Frequency", "Häufigkeit"),
    "from": ("From", "Von"),
    "from_": ("From", "Von"),
    "headquarters": ("Headquarters", "Hauptsitz"),
    "id": ("ID", "ID"),
    "industry": ("Industry", "Branche"),
    "kind": ("Kind", "Art"),
    "links": ("Ties", "Verbindungen"),
    "logo": ("Logo", "Logo"),
    "met": ("Met", "Erfüllt"),
    "milestone": ("Milestone", "Meilenstein"),
    "owners": ("Owners", "Eigentümer"),
    "people": ("People", "Personen"),
    "probability": ("Probability", "Wahrscheinlichkeit"),
    "products": ("Products", "Produkte"),
    "reports_to": ("Reports to", "Berichtet an"),
    "roles": ("Roles", "Rollen"),
    "score": ("Score", "Bewertung"),
    "scores": ("Scores", "Bewertungen"),
    "share_of_wallet": ("Share of wallet", "Share of Wallet"),
    "stage": ("Stage", "Phase"),
    "statement": ("Statement", "Aussage"),
    "subsidiaries": ("Subsidiaries", "Tochtergesellschaften"),
    "summary": ("Summary", "Zusammenfassung"),
    "target": ("Target", "Zielwert"),
    "title": ("Title", "Funktion"),
    "to": ("To", "An"),
    "values": ("Values", "Werte"),
    "volume": ("Volume", "Volumen"),
    "website": ("Website", "Website"),
    # table headers and fields
    "name": ("Name", "Name"),
    "unit": ("Unit", "Einheit"),
    "trend": ("Trend", "Trend"),
    "benchmark": ("Benchmark", "Vergleich"),
    "share": ("Share", "Anteil"),
    "influence": ("Influence", "Einfluss"),
    "country": ("Country", "Land"),
    "relation": ("Relation", "Beziehung"),
    "goal": ("Goal", "Ziel"),
    "by_date": ("by {date}", "bis {date}"),
    "our_goal": ("Our goal", "Unser Ziel"),
    "attitude_opposed": ("opposed", "ablehnend"),
    "attitude_sceptical": ("sceptical", "skeptisch"),
    "attitude_neutral": ("neutral", "neutral"),
    "attitude_favourable": ("favourable", "wohlwollend"),
    "attitude_advocate": ("advocate", "Fürsprecher"),
    "in_the_appendix": ("The whole text: appendix, slide {page}", "Der ganze Text: Anhang, Folie {page}"),
    "appendix_of": ("Appendix: {title} in full", "Anhang: {title} im Detail"),
    "more_points": ("{n} more: appendix, slide {page}", "{n} weitere: Anhang, Folie {page}"),
    "helpful": ("Helpful", "Hilfreich"),
    "harmful": ("Harmful", "Schädlich"),
    "internal": ("Internal", "Intern"),
    "external": ("External", "Extern"),
    "customer_at_a_glance": ("The customer at a glance", "Kunde auf einen Blick"),
    "our_position": ("Our position", "Unsere Position"),
    "mission_and_goals": ("Mission and goals", "Mission und Ziele"),
    "delivery": ("Projects and relationships", "Projekte und Beziehungen"),
    "top_goals": ("Top {n} goals", "Top-{n}-Ziele"),
    "target_only": ("Target: {target}", "Ziel: {target}"),
    "deadline": ("Deadline", "Termin"),
    "departments": ("Departments", "Abteilungen"),
    "contacts": ("Contacts", "Ansprechpartner"),
    "positioning": ("Positioning", "Positionierung"),
    "strengths": ("Strengths", "Stärken"),
    "weaknesses": ("Weaknesses", "Schwächen"),
    "opportunities": ("Opportunities", "Chancen"),
    "threats": ("Threats", "Risiken"),
    "our_contribution": ("Our contribution", "Unser Beitrag"),
    "sourcing": ("Sourcing", "Beschaffungsstrategie"),
    "max_supplier_share": ("Maximum supplier share", "Maximaler Lieferanteil"),
    "procurement": ("Procurement", "Beschaffung"),
    "buying_committee": ("Buying committee", "Einkaufsgremium"),
    "framework_contract_required": ("Framework contract required", "Rahmenvertrag erforderlich"),
    "supplier_evaluation": ("Supplier evaluation", "Lieferantenbewertung"),
    "category_owners": ("Category owners", "Verantwortliche je Produktgruppe"),
    "owner": ("Owner", "Verantwortlich"),
    "notes": ("Notes", "Anmerkungen"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "project": ("Project", "Projekt"),
    "year": ("Year", "Jahr"),
    "size": ("Size", "Größe"),
    "success_criteria": ("Success criteria", "Erfolgskriterien"),
    "winner": ("Winner", "Gewinner"),
    "reasons": ("Reasons", "Gründe"),
    "won": ("Won", "Gewonnen"),
    "lost": ("Lost", "Verloren"),
    "role": ("Role", "Rolle"),
    "rating": ("Rating", "Bewertung"),
    "strategy": ("Strategy", "Strategie"),
    "resources": ("Resources", "Ressourcen"),
    "horizon": ("Horizon", "Horizont"),
    "customer_mission": ("The customer's mission", "Mission des Kunden"),
    "company_mission": ("Our company's mission", "Unternehmensmission"),
    "metric": ("Metric", "Messgröße"),
    "baseline_target": ("Baseline → target", "Ausgangswert → Ziel"),
    "milestones": ("Milestones", "Meilensteine"),
    "reached_on": ("reached", "erreicht am"),
    "coverage_legend": ("Coverage {percent}%", "Abdeckung {percent}\u00a0%"),
    "actions": ("Actions", "Maßnahmen"),
    "due": ("Due", "Fällig"),
    "product": ("Product", "Produkt"),
    "total": ("Total", "Summe"),
    "other_products": ("Other ({n})", "Sonstige ({n})"),
    "plan_band": ("Plan", "Plan"),
    "growth": ("Growth", "Wachstum"),
    "margin": ("Margin", "Marge"),
    "actual": ("actual", "Ist"),
    "plan": ("plan", "Plan"),
    "person": ("Person", "Person"),
    "message": ("Message", "Botschaft"),
    "date": ("Date", "Datum"),
    "audience": ("Audience", "Zielgruppe"),
    "attitude": ("Attitude", "Einstellung"),
    "quadrant_win_over": ("Win over: high potential, reserved", "Überzeugen: hohes Potenzial, zurückhaltend"),
    "quadrant_focus": ("Focus: high potential, positive", "Fokus: hohes Potenzial, positiv"),
    "potential_key": ("Potential portfolio: the units by number", "Potenzial-Portfolio: die Einheiten nach Nummer"),
    "quadrant_watch": ("Watch: low potential, reserved", "Beobachten: geringes Potenzial, zurückhaltend"),
    "quadrant_reference": ("References: low potential, positive", "Referenzen: geringes Potenzial, positiv"),
    "attitude_axis": ("Attitude towards us (−2 to +2)", "Einstellung zu uns (−2 bis +2)"),
    "potential_axis": ("Potential", "Potenzial"),
    "changes_since": ("Changes since", "Änderungen seit"),
    "added": ("added", "neu"),
    "removed": ("removed", "entfernt"),
    "new_since": ("This plan is new since", "Dieser Plan ist neu seit"),
    "no_changes_since": ("No changes since", "Keine Änderungen seit"),
    "no_reporting_line": ("No reporting line given", "Ohne Berichtslinie"),
    "further_people": ("Further people", "Weitere Personen"),
    "further_people_note": ("{n} further {people}: {where}", "Weitere {n} {people}: {where}"),
    "loners_note": (
        "{n} more {people}, reporting line not known: {where}",
        "Weitere {n} {people}, Berichtslinie nicht bekannt: {where}",
    ),
    "continued_from": ("Continued: the team under {name}", "Fortsetzung: Team unter {name}"),
    "see": ("also on", "auch auf"),
    "ties_elsewhere": (
        "Ties to people on other slides (→ out of a box)",
        "Verbindungen zu Personen auf anderen Folien (→ am Kasten)",
    ),
    "see_ties_table": ("more in the table of ties", "weitere in der Tabelle der Verbindungen"),
    "legend_lines": ("Lines: grey = reports to; dashed:", "Linien: grau = berichtet an; gestrichelt:"),
    "legend_reports": ("Grey line: reports to", "Graue Linie: berichtet an"),
    "legend_indirect": ("dotted: via others", "gepunktet: über andere"),
    "legend_ties": ("Dashed:", "Gestrichelt:"),
    "legend_tags": (
        "→ name · p. n: tie to another slide (+1: one more, see the table)",
        "→ Name · S. n: Verbindung auf anderer Folie (+1: eine weitere, s. Tabelle)",
    ),
    "slide_short": ("p.", "S."),
    "team_under": ("The team under {name}", "Team unter {name}"),
    "power_map_overview": ("overview", "Übersicht"),
    "legend_contact": ("↔ our contact", "↔ unser Kontakt"),
    "ties": ("Ties in the power map", "Verbindungen in der Power-Map"),
    "from_person": ("Person", "Person"),
    "tie": ("Tie", "Verbindung"),
    "to_person": ("With", "Mit"),
    "shown_on": ("Shown on", "Zu sehen auf"),
    "influence_weight": ("Frame: influence (thick = high)", "Rahmen: Einfluss (dick = hoch)"),
    "shared_goals": ("Shared goals", "Gemeinsame Ziele"),
    "organisation": ("Organisation", "Organisation"),
    "prepared_for": ("Prepared for {account}", "Erstellt für {account}"),
    "customer_marking": ("Confidential", "Vertraulich"),
}


_BADGES = {
    "decision-maker": ("DM", "E"),
    "user": ("U", "N"),
    "influencer": ("I", "B"),
    "ratifier": ("R", "R"),
    "specifier": ("S", "S"),
    "door-opener": ("DO", "T"),
    "buyer": ("B", "EK"),
}


def badge(role: str, language: str) -> str:
    """A role's short badge in the power map: DM for decision-maker, E for Entscheider."""
    en, de = _BADGES[role]
    return de if language == "de" else en


@cache
def _titles() -> dict[str, tuple[str, str]]:
    """The sections' and agenda entries' titles, as the section registry declares them."""
    # Imported here: the registry brings the whole plan model, which a renderer formatting a number does not need.
    from kamdoc.standard.sections import SECTIONS

    return {
        **{section.key: section.title for section in SECTIONS},
        **{entry.key: entry.title for section in SECTIONS for entry in section.agenda},
    }


def has_word(key: str) -> bool:
    """Whether the deck has a label of that key."""
    return key in _WORDS or key in _titles()


LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:& Co\. (?:KGaA|KG|OHG)|KGaA|GmbH|AG|SE|KG|OHG|Aktiengesellschaft|ASA|AS|AB|A/S|ApS|Oyj?|S\.p\.A\.|S\.A\.|"
    r"S\.r\.l\.|s\.r\.o\.|Inc\.|Co\., Ltd\.|Ltd\.|plc|PLC|LLC|B\.V\.|N\.V\.))+$"
)
"""The legal forms at the end of a company's name ("AG", "GmbH & Co. KG", "Co., Ltd."), which a short name drops."""


def short_name(account: str) -> str:
    """What a deck calls a company in running text: its name without its legal form ("Brenner Werke AG": "Brenner
    Werke"); the whole name where that would leave nothing."""
    return LEGAL_FORM.sub("", account).strip() or account


def word(key: str, language: str) -> str:
    """A label of the deck in the plan's language: its own words, or a section's title from the registry."""
    en, de = _WORDS[key] if key in _WORDS else _titles()[key]
    return de if language == "de" else en


def term(vocabulary: str, value: str | None, language: str) -> str:
    """A closed-list value as the deck shows it ("decision-maker" → "Entscheider")."""
    return label(vocabulary, value, language) if value else ""


@cache
def _locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse("de_DE" if language == "de" else "en_GB")


_DIGITS = 15
"""The significant digits a number is shown with at most: all a float holds for certain (0.1 + 0.2 shows as 0.3)."""
_MAX_DECIMALS = 40
"""The most places after the point a number is shown with: a written number has no more (limits.MAX_NUMBER_CHARS)."""
_PRECISION = 400
"""Decimal digits Babel may work with: enough for any float (at most 309 places before the point) and its decimals."""
MAX_GROWTH = 1_000_000.0
"""The largest change, in percent, shown as a growth: beyond it (ten-thousandfold) the base year was next to nothing."""


def decimals_of(value: float) -> int:
    """The places after the point a number has as written (0.042: 3), to at most 15 significant digits."""
    from decimal import Decimal

    exponent = Decimal(f"{value:.{_DIGITS}g}").normalize().as_tuple().exponent
    return min(_MAX_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0


def number(value: float, language: str, decimals: int | None = None) -> str:
    """A number in the language's format: 1.234,5 (de) or 1,234.5 (en); with the places it has unless `decimals` fixes them."""
    import decimal
    import math

    from babel.numbers import format_decimal

    if not math.isfinite(value):
        return "–"  # nothing a plan holds, but a sum or a share of extremes may overflow: shown as no figure
    if decimals is None:
        decimals = decimals_of(value)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with (
        decimal.localcontext() as context
    ):  # Babel rounds in Decimal: its default 28 digits fail on a large value with decimals
        context.prec = _PRECISION
        context.rounding = decimal.ROUND_HALF_UP  # as Office rounds its chart's own labels: 13,15 → 13,2 in both
        return str(format_decimal(value, format=pattern, locale=_locale(language)))


def rounded(value: float, decimals: int) -> float:
    """A value rounded half up, as `number` and Office print it (Python's round gives 22,4 for 22,45)."""
    import decimal
    import math

    if not math.isfinite(value):
        return value
    return float(decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP))


def change_percent(before: float, after: float) -> float | None:
    """How much `after` differs from `before`, in percent of it (one decimal), or None where that means nothing (a base of 0 or next to it)."""
    if not before:
        return None
    change = (after - before) / abs(before) * 100
    return round(change, 1) if abs(change) <= MAX_GROWTH else None


def percent(value: float, language: str, decimals: int | None = None) -> str:
    """A percentage as written in the language: 40 % (de) or 40% (en); `decimals` fixes the places (else 0 or 1 as needed)."""
    text = number(value, language, decimals)
    return f"{text} %" if language == "de" else f"{text}%"


def _symbol(currency: str | None, language: str) -> str:
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(currency, locale=_locale(language))) if currency else ""


def amount(value: float, currency: str | None, unit: str | None, language: str, decimals: int | None = None) -> str:
    """An amount in the plan's currency and unit: 1.234,5 T€ (de) or €1,234.5k (en); `decimals` fixes the places."""
    text = number(value, language, decimals)
    symbol = _symbol(currency, language)
    unit = unit or "one"
    if language == "de":
        prefix = {"thousand": "T" if symbol and not symbol.isalpha() else "Tsd. ", "million": "Mio. "}.get(unit, "")
        return f"{text} {prefix}{symbol}".rstrip()
    suffix = {"thousand": "k", "million": "m"}.get(unit, "")
    gap = " " if symbol.isalpha() else ""
    return f"{symbol}{gap}{text}{suffix}"


def amount_unit(currency: str | None, unit: str | None, language: str) -> str:
    """What the numbers of a table of amounts are in: "T€" / "€ thousand"."""
    symbol = _symbol(currency, language)
    unit = unit or "one"
    if language == "de":
        prefix = {"thousand": "T" if symbol and not symbol.isalpha() else "Tsd. ", "million": "Mio. "}.get(unit, "")
        return f"{prefix}{symbol}".strip()
    return f"{symbol} {unit}".strip() if unit != "one" else symbol


# Number format codes that write German separators whatever the viewer's own settings: PowerPoint and LibreOffice
# otherwise show "#,##0" with the computer's separators ("30,000" in a German deck on an English machine).
_GERMAN_CODES = {
    "#,##0": "[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0",
    "0%": "0\\ %",
    # A decimal comma cannot be written as a literal: the German locale's tag, which LibreOffice and a German Office honour.
    "#,##0.0": "[$-407]#,##0.0",
}


def chart_format(number_format: str, language: str) -> str:
    """The format code a PowerPoint chart writes its axis numbers with, so that they read in the deck's language."""
    return _GERMAN_CODES.get(number_format, number_format) if language == "de" else number_format


def day(value: date, language: str) -> str:
    """A date in the language's medium format: 15.11.2026 (de) or 15 Nov 2026 (en)."""
    from babel.dates import format_date

    return str(format_date(value, format="dd.MM.yyyy" if language == "de" else "d MMM yyyy", locale=_locale(language)))


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dated(sentence: str, language: str) -> str:
    """A sentence's ISO dates (health's reasons write "notice by 2026-12-31" for programs and terminals) as the deck
    writes dates beside them: 31 Dec 2026, 31.12.2026."""

    def one(found: re.Match[str]) -> str:
        try:
            return day(date(*map(int, found.groups())), language)
        except ValueError:  # not a day of the calendar: left as written
            return found.group(0)

    return _ISO_DAY.sub(one, sentence)
