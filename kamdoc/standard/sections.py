"""The plan's sections, each declared once: what the schema, validation, the diff, the deck and `kamdoc new` know of it.

Every stage reads this registry instead of keeping its own list: the plan model is made from it (`standard/plan.py`),
the rules find person references and named lists here, the diff its identity keys, the customer's copy which lists tell items apart, the outline each agenda entry's title and slides, and the scaffold each section's commented starting
text. docs/architecture.md shows what adding a section takes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic.fields import FieldInfo

from kamdoc.standard.model import (
    CUSTOMER,
    INTERNAL,
    Assessment,
    BuyingStrategy,
    Contract,
    Cover,
    DeckSettings,
    Financials,
    Goal,
    KeyProject,
    LanguageField,
    Markdown,
    MarketingEvent,
    Mission,
    Position,
    PowerMap,
    Profile,
    Relationship,
    Risk,
    Source,
    Swot,
    TeamMember,
    Text,
    Whitespace,
    about,
)

MAX_SOURCES = 500
"""Sources one plan lists: far more than any plan cites, few enough for a closing slide or a few."""

Labels = tuple[str, str]
"""A text in English and German, the deck's two languages."""
RelPath = tuple[str, ...]
"""A path inside a section; "*" stands for every item of the list before it, () for the section itself."""
Show = Literal["text", "markdown", "date", "person", "money", "percent", "list", "term", "flag"]


@dataclass(frozen=True)
class Column:
    """One column of a section's table: the item's field, its heading, how its values are written, its alignment."""

    field: str
    title: Labels | None = None  # None: the field's own label
    show: Show = "text"
    vocabulary: str | None = None  # the closed list of a "term" column
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class Table:
    """A list section drawn as a table of its items, one row each, for sections without a slide builder of their own."""

    columns: tuple[Column, ...]
    sort_by: str | None = None  # a field to order the rows by (items without it last)


@dataclass(frozen=True)
class Entry:
    """One entry of the deck's agenda that a section makes: its key, title and where in the plan it is edited."""

    key: str
    title: Labels
    source: RelPath = ()  # inside the section; the speaker notes point there


@dataclass(frozen=True)
class Concern:
    """Something plan health reports of a section: a code, red or amber, and what it says in English and German."""

    code: str
    severity: Literal["red", "amber"]
    said: Labels


@dataclass(frozen=True)
class Reference:
    """A field whose value names an item of another list of the plan: a cell's offering, a key figure's source."""

    path: RelPath  # the list inside the section whose items have the field
    field: str
    target: tuple[str, ...]  # the list named, from the plan's top
    key: str  # the field of its items that the value names


@dataclass(frozen=True)
class Needs:
    """A field an item should fill once another of its fields has a value: a cell a competitor holds names it."""

    path: RelPath
    when: tuple[str, str]  # the field and its value
    field: str


@dataclass(frozen=True)
class Figure:
    """A number a section gives the portfolio per account, in the plan's currency and unit (the portfolio converts it)."""

    key: str
    title: Labels
    of: Callable[[Any], float | None]  # from the section's value; None: the plan has none


@dataclass(frozen=True)
class Section:
    """One top-level section of a plan and what each stage needs to know about it."""

    key: str
    type: Any  # the section's annotation: a model, `Model | None` or `list[Model]`
    field: FieldInfo  # its description, default and size limits, for the model and the JSON Schema
    title: Labels  # how the deck names the section (agenda, "Changes since", bookmarks)
    entries: tuple[Entry, ...] | None = None  # agenda entries; None: one entry, the section itself; (): no slides
    table: Table | None = None  # how a section without a slide builder of its own is drawn
    identity: tuple[tuple[RelPath, tuple[str, ...]], ...] = ()  # list path → the fields that tell its items apart
    people: tuple[tuple[RelPath, str], ...] = ()  # list path and field of each value that names a power map person
    ours: tuple[tuple[RelPath, str], ...] = ()  # ... that names one of our account team (in both: either side's person)
    named: tuple[tuple[RelPath, str | tuple[str, ...]], ...] = ()  # lists whose items must differ in the field(s)
    refers: tuple[Reference, ...] = ()  # fields that name an item of another list
    needs: tuple[Needs, ...] = ()  # fields an item should fill, given another's value
    figures: tuple[Figure, ...] = ()  # what the portfolio shows of the section per account
    scaffold: Labels = ("", "")  # the commented text `kamdoc new` writes for it, in English and German
    checks: Callable[[Any, date, int], list[Concern]] | None = None  # what plan health reports of it (value, today,
    # the review cadence in days): things due or wrong
    counted_for: tuple[str, ...] | None = None  # plan purposes whose completeness counts it; None: every plan's

    @property
    def agenda(self) -> tuple[Entry, ...]:
        """The agenda entries the section makes, in order."""
        return (Entry(self.key, self.title),) if self.entries is None else self.entries


def _col(
    field_: str,
    en: str,
    de: str,
    show: Show = "text",
    align: Literal["left", "right"] = "left",
    vocabulary: str | None = None,
) -> Column:
    return Column(field_, (en, de), show, vocabulary, align)


def risk_concerns(risks: list[Risk], today: date) -> list[Concern]:
    """Open risks likely and severe with nothing done about them (red), and mitigations past their date (amber)."""
    out = []
    unmet = [
        r.description for r in risks if r.status == "open" and r.likelihood == r.impact == "high" and not r.mitigation
    ]
    if unmet:
        named = "; ".join(unmet)
        out.append(
            Concern(
                "risk_unmitigated",
                "red",
                (f"high risk without mitigation: {named}", f"hohes Risiko ohne Gegenmaßnahme: {named}"),
            )
        )
    late = [r for r in risks if r.status != "closed" and r.due is not None and r.due < today]
    if late:
        en = "; ".join(f"{r.description} (due {r.due.isoformat()})" for r in late if r.due)
        de = "; ".join(f"{r.description} (fällig {r.due:%d.%m.%Y})" for r in late if r.due)
        out.append(
            Concern("risk_overdue", "amber", (f"risk mitigation overdue: {en}", f"Gegenmaßnahme überfällig: {de}"))
        )
    return out


def goal_concerns(goals: list[Goal], today: date, _cadence: int) -> list[Concern]:
    """Goals past their deadline, milestones past their date and not reached, and actions past their due date and not
    done (each with its owner, so that the reminder reaches someone): amber."""
    out = []
    if late_goals := [g.id for g in goals if g.deadline < today]:
        named = ", ".join(late_goals)
        out.append(Concern("goals_overdue", "amber", (f"deadline passed: {named}", f"Termin verstrichen: {named}")))
    late = [(g, m) for g in goals for m in g.milestones if m.date is not None and m.date < today and m.reached is None]
    if late:
        en = "; ".join(f"{g.id}: {m.milestone} (due {m.date.isoformat()})" for g, m in late if m.date)
        de = "; ".join(f"{g.id}: {m.milestone} (fällig {m.date:%d.%m.%Y})" for g, m in late if m.date)
        out.append(
            Concern(
                "milestones_overdue", "amber", (f"milestone not reached: {en}", f"Meilenstein nicht erreicht: {de}")
            )
        )
    overdue = [a for g in goals for a in g.actions if a.due is not None and a.due < today and a.status != "done"]
    if overdue:
        en = "; ".join(f"{a.action} ({a.owner or 'no owner'}, due {a.due.isoformat()})" for a in overdue if a.due)
        de = "; ".join(
            f"{a.action} ({a.owner or 'ohne Verantwortlichen'}, fällig {a.due:%d.%m.%Y})" for a in overdue if a.due
        )
        out.append(Concern("actions_overdue", "amber", (f"action overdue: {en}", f"Maßnahme überfällig: {de}")))
    return out


def contract_concerns(contracts: list[Contract], today: date, cadence_days: int) -> list[Concern]:
    """Notice dates that fall before the next regular review (amber), and those passed on a contract that renews itself
    (amber: it has renewed, or is about to, without anyone deciding)."""
    out = []
    for c in contracts:
        by = c.notice_by()
        if by is None:
            continue
        if today <= by <= today + timedelta(days=cadence_days):
            out.append(
                Concern(
                    "notice_soon",
                    "amber",
                    (f"notice by {by.isoformat()}: {c.name}", f"Kündigung bis {by:%d.%m.%Y}: {c.name}"),
                )
            )
        elif by < today and c.auto_renewal and (c.end is None or c.end >= today):
            out.append(
                Concern(
                    "notice_passed",
                    "amber",
                    (
                        f"notice date {by.isoformat()} passed, renews itself: {c.name}",
                        f"Kündigungstermin {by:%d.%m.%Y} verstrichen, verlängert sich: {c.name}",
                    ),
                )
            )
    return out


_CONTENT: tuple[Section, ...] = (
    Section(
        "kamdoc",
        Literal[1],
        about(
            "The plan standard's format number; this is format 1.",
            de="Die Formatnummer des Plan-Standards; dies ist Format 1.",
            example=1,
            seen=CUSTOMER,
        ),
        ("Format", "Format"),
        entries=(),
    ),
    Section(
        "language",
        LanguageField,
        about(
            "The deck's language: its labels, dates and number formats. Allowed: `en` (English, the default), `de` (German).",
            de="Die Sprache der Präsentation: ihre Beschriftungen, Datums- und Zahlenformate. Erlaubt: `en` (Englisch, die Vorgabe), `de` (Deutsch).",
            example="en",
            default="en",
            seen=CUSTOMER,
        ),
        ("Language", "Sprache"),
        entries=(),
    ),
    Section(
        "cover",
        Cover,
        about(
            "The cover: account, key account manager, logo and version.",
            de="Das Deckblatt: Account, Key-Account-Manager, Logo und Version.",
            seen=CUSTOMER,
        ),
        ("Cover", "Deckblatt"),
        entries=(),  # the cover slide is made for every plan, before the agenda
        scaffold=(
            """\
# Cover: who the plan is for, by whom, and which version.
cover:
  account: {{account}}
  # division: Factory Automation      # one plan per large division of the customer
  # short_name: ACME                  # how the footers name it; else its name without the legal form
  key_account_manager: {{kam}}
  # logo: logo.png                    # PNG, JPEG or SVG beside this file
  version: {{version}}                # the date of this revision
  status: draft                       # draft | review | approved
  next_review: {{next_review}}
  confidentiality: Internal
""",
            """\
# Deckblatt: Kunde, Key-Account-Manager, Version.
cover:
  account: {{account}}
  # division: Werkzeugmaschinen       # bei großen Kunden ein Plan je Division
  # short_name: ACME                  # wie die Fußzeilen ihn nennen; sonst sein Name ohne Rechtsform
  key_account_manager: {{kam}}
  # logo: logo.png                    # PNG, JPEG oder SVG neben dieser Datei
  version: {{version}}                # Datum dieser Fassung
  status: draft                       # draft | review | approved
  next_review: {{next_review}}
  confidentiality: Intern
""",
        ),
    ),
    Section(
        "profile",
        Profile,
        about(
            "The customer profile: the customer in our words, key figures, owners, goals, market, competitors.",
            de="Das Kurzprofil: der Kunde in unseren Worten, Kennzahlen, Eigentümer, Ziele, Markt, Wettbewerber.",
            seen=CUSTOMER,
        ),
        ("Customer profile", "Kurzprofil"),
        entries=(
            Entry("profile", ("Customer profile", "Kurzprofil")),
            Entry("customer_goals", ("Customer goals and projects", "Ziele und Projekte des Kunden"), ("goals",)),
            Entry("market", ("Market", "Marktumfeld"), ("market",)),
        ),
        identity=(
            (("kpis",), ("name",)),
            (("owners",), ("name",)),
            (("subsidiaries",), ("name",)),
            (("goals",), ("goal",)),
            (("competitors",), ("name",)),
        ),
        people=((("goals",), "contacts"),),
        named=((("kpis",), "name"), (("owners",), "name"), (("competitors",), "name")),
        refers=(
            Reference(("kpis",), "source", ("sources",), "id"),
            Reference(("owners",), "source", ("sources",), "id"),
        ),
        scaffold=(
            """\
# Profile: what the customer does, key figures, owners, subsidiaries, goals, market, competitors.
profile:
  # summary: what the customer does, for whom, and how it earns its money; in your own words, not their website's.
  summary: TODO
  industry: TODO                      # e.g. Machine building
  # website: https://customer.example
  # headquarters: City, country code
  kpis: []            # - {name: Revenue, unit: EUR m, values: {2024: 410, 2025: 432}, benchmark: How peers did}
  owners: []          # - {name: Family holding, share: 51, influence: Approves capex above EUR 5 m}
  subsidiaries: []    # - {name: Subsidiary Ltd, country: GB, relation: customer}
  goals: []           # their top 3 goals, SMART: - {goal: ..., deadline: 2027-12-31, departments: [...], contacts: [person-id]}
  # market: {file: market.md}        # size, growth, technology, regulation, their customers' wishes
  competitors: []     # - {name: ..., positioning: ..., strengths: [...], weaknesses: [...]}
""",
            """\
# Kurzprofil: Tätigkeit, Kennzahlen, Eigentümer, Töchter, Ziele, Markt, Wettbewerb des Kunden.
profile:
  # summary: was der Kunde macht, für wen, und womit er sein Geld verdient; in eigenen Worten, nicht der PR-Text seiner Website.
  summary: TODO
  industry: TODO                      # z. B. Maschinenbau
  # website: https://kunde.example
  # headquarters: Stadt, Länderkürzel
  kpis: []            # - {name: Umsatz, unit: Mio. EUR, values: {2024: 410, 2025: 432}, benchmark: Vergleich mit Wettbewerbern}
  owners: []          # - {name: Familienholding, share: 51, influence: Genehmigt Investitionen über 5 Mio. EUR}
  subsidiaries: []    # - {name: Tochter GmbH, country: AT, relation: customer}
  goals: []           # Top-3-Ziele des Kunden, SMART: - {goal: ..., deadline: 2027-12-31, departments: [...], contacts: [person-id]}
  # market: {file: markt.md}         # Größe, Wachstum, Technologien, Regulierung, Wünsche seiner Kunden
  competitors: []     # - {name: ..., positioning: ..., strengths: [...], weaknesses: [...]}
""",
        ),
    ),
    Section(
        "buying_strategy",
        BuyingStrategy,
        about(
            "The buying strategy: how the customer buys.",
            de="Die Einkaufsstrategie: wie der Kunde einkauft.",
            seen=CUSTOMER,
        ),
        ("Buying strategy", "Einkaufsstrategie"),
        identity=((("category_owners",), ("category",)),),
        people=((("category_owners",), "owner"),),
        scaffold=(
            """\
# Buying strategy: how the customer buys.
buying_strategy:
  # sourcing: dual                   # single | dual | multiple
  # max_supplier_share: 40           # percent one supplier may get
  # procurement: central             # central | decentral | mixed
  # buying_committee: true
  category_owners: []                # - {category: ..., owner: person-id}
  # framework_contract_required: true
  # supplier_evaluation: How they rate suppliers, and how they rated us
""",
            """\
# Einkaufsstrategie: wie der Kunde einkauft.
buying_strategy:
  # sourcing: dual                   # single | dual | multiple
  # max_supplier_share: 40           # maximaler Lieferanteil in Prozent
  # procurement: central             # central | decentral | mixed
  # buying_committee: true
  category_owners: []                # - {category: ..., owner: person-id}
  # framework_contract_required: true
  # supplier_evaluation: Wie der Kunde Lieferanten bewertet, und wie er uns bewertet hat
""",
        ),
    ),
    Section(
        "power_map",
        PowerMap,
        about(
            "Key people, their roles and attitudes, and how they are tied.",
            de="Schlüsselpersonen, ihre Rollen und Einstellungen, und wie sie verbunden sind.",
            seen=CUSTOMER,
        ),
        ("Power map", "Power-Map"),
        identity=((("people",), ("id",)), (("links",), ("from", "to", "kind"))),
        people=((("people",), "reports_to"), (("links",), "from"), (("links",), "to")),
        scaffold=(
            """\
# Power map: the key people, their roles, influence and attitude towards us.
# Roles: decision-maker, user, influencer, ratifier, specifier, door-opener, buyer.
# Attitude: mentor | positive | neutral | negative | enemy. Influence: high | medium | low.
power_map:
  people: []
  #  - id: jdoe                       # short unique id: lower-case letters, digits, - and _
  #    name: Jane Doe
  #    title: Head of Procurement
  #    reports_to: another-id
  #    roles: [decision-maker]
  #    influence: high
  #    attitude: neutral
  #    contact: monthly                # weekly | monthly | quarterly | yearly | none
  #    owner: Who on our side holds the relationship
  links: []                           # - {from: id, to: id, kind: influences}   # influences | allies | rivals
""",
            """\
# Power-Map: Schlüsselpersonen, ihre Rollen, ihr Einfluss und ihre Einstellung zu uns.
# Rollen: decision-maker (Entscheider), user (Nutzer), influencer (Beeinflusser), ratifier (Ratifizierer),
#   specifier (Spezifizierer), door-opener (Türöffner), buyer (Einkäufer).
# Einstellung: mentor | positive | neutral | negative | enemy. Einfluss: high | medium | low.
power_map:
  people: []
  #  - id: mmueller                   # kurze eindeutige Kennung: Kleinbuchstaben, Ziffern, - und _
  #    name: Martina Müller
  #    title: Leiterin Einkauf
  #    reports_to: andere-id
  #    roles: [decision-maker]
  #    influence: high
  #    attitude: neutral
  #    contact: monthly                # weekly | monthly | quarterly | yearly | none
  #    owner: Wer bei uns die Beziehung hält
  links: []                           # - {from: id, to: id, kind: influences}   # influences | allies | rivals
""",
        ),
    ),
    Section(
        "swot",
        Swot,
        about("SWOT of the customer, in full sentences.", de="SWOT des Kunden, in ganzen Sätzen.", seen=INTERNAL),
        ("SWOT of the customer", "SWOT des Kunden"),
        scaffold=(
            """\
# SWOT of the customer, in full sentences.
swot:
  strengths: []
  weaknesses: []
  opportunities: []
  threats: []
  # our_contribution: How we turn their weaknesses into strengths and lower their risks.
""",
            """\
# SWOT des Kunden, in ganzen Sätzen.
swot:
  strengths: []
  weaknesses: []
  opportunities: []
  threats: []
  # our_contribution: Wie wir seine Schwächen in Stärken verwandeln und seine Risiken senken.
""",
        ),
    ),
    Section(
        "position",
        Position | None,
        about(
            "Our own position as solution provider (optional).",
            de="Unsere eigene Position als Lösungsanbieter (optional).",
            default=None,
            seen=INTERNAL,
        ),
        ("Our position", "Unsere Position"),
        identity=(
            (("won",), ("name",)),
            (("lost",), ("name",)),
            (("potential",), ("unit",)),
            (("competitors",), ("name",)),
            (("perception", "satisfaction"), ("date", "measure")),
        ),
        named=((("competitors",), "name"),),
        refers=(Reference(("potential",), "source", ("sources",), "id"),),
        scaffold=(
            """\
# Our own position (optional): projects won and lost, potential portfolio, perception, competitors, own SWOT.
# position:
#   won: [{name: ..., year: 2025, size: 1200, success_criteria: ...}]
#   lost: [{name: ..., year: 2024, size: 900, winner: ..., reasons: ...}]
#   potential: [{unit: ..., attitude: 1, potential: 2500}]      # attitude -2..+2
#   perception: {role: supplier, positioning: quality-leader}
""",
            """\
# Eigene Position (optional): gewonnene und verlorene Projekte, Potenzial-Portfolio, Wahrnehmung, Wettbewerb, eigene SWOT.
# position:
#   won: [{name: ..., year: 2025, size: 1200, success_criteria: ...}]
#   lost: [{name: ..., year: 2024, size: 900, winner: ..., reasons: ...}]
#   potential: [{unit: ..., attitude: 1, potential: 2500}]      # Einstellung -2..+2
#   perception: {role: supplier, positioning: quality-leader}
""",
        ),
    ),
    Section(
        "mission",
        Mission,
        about(
            "Our mission for the account, 3 to 5 years ahead.",
            de="Unsere Mission für den Account, 3 bis 5 Jahre voraus.",
            seen=CUSTOMER,
        ),
        ("Mission", "Mission"),
        scaffold=(
            """\
# Mission: where we want to be with this customer in 3 to 5 years.
mission:
  statement: TODO                     # one or two sentences: "For this customer we are ..."
  horizon: {{horizon}}
""",
            """\
# Mission: wo wir bei diesem Kunden in 3 bis 5 Jahren stehen wollen.
mission:
  statement: TODO                     # ein, zwei Sätze: „Für diesen Kunden sind wir …“
  horizon: {{horizon}}
""",
        ),
    ),
    Section(
        "goals",
        list[Goal],
        about(
            "Our top five goals, SMART: 1 to 5.",
            de="Unsere fünf wichtigsten Ziele, SMART: 1 bis 5.",
            min_length=1,
            max_length=5,
            seen=CUSTOMER,
        ),
        ("Top five goals", "Top-5-Ziele"),
        identity=(((), ("id",)), (("*", "milestones"), ("milestone",)), (("*", "actions"), ("action",))),
        checks=goal_concerns,
        scaffold=(
            """\
# Our top five goals, SMART: each with a metric, a target and a deadline.
goals:
  - id: goal-1
    goal: TODO                        # our most important goal at this account
    metric: TODO                      # how we measure it, e.g. Share of their drive purchases
    # baseline: 25 %
    target: TODO                      # the value we want to reach, e.g. 40 %
    deadline: {{deadline}}
    # owner: Who owns the goal
    # title: Share of drives 25 → 40 %   # the slide's title, short; else made from baseline, target and deadline
    # budget: 120                     # money it needs beyond the team's time, in the financials' currency and unit
    # person_days: 60                 # days it needs from people outside the account team
    milestones: []    # - {date: 2027-06-30, milestone: ...}
    actions: []       # - {action: ..., owner: ..., due: 2027-03-01, status: open}   # open | in-progress | done
""",
            """\
# Unsere Top-5-Ziele, SMART: jedes mit Messgröße, Zielwert und Termin.
goals:
  - id: ziel-1
    goal: TODO                        # unser wichtigstes Ziel bei diesem Kunden
    metric: TODO                      # woran wir es messen, z. B. Anteil an seinem Antriebseinkauf
    # baseline: 25 %
    target: TODO                      # der Wert, den wir erreichen wollen, z. B. 40 %
    deadline: {{deadline}}
    # owner: Wer das Ziel verantwortet
    # title: Anteil Antriebe 25 → 40 %   # der Titel seiner Folie, kurz; sonst aus Ausgangswert, Ziel und Termin
    # budget: 120                     # Geld, das es über die Zeit des Teams hinaus braucht, in Währung und Einheit der Finanzplanung
    # person_days: 60                 # Tage, die es von Leuten außerhalb des Account-Teams braucht
    milestones: []    # - {date: 2027-06-30, milestone: ...}
    actions: []       # - {action: ..., owner: ..., due: 2027-03-01, status: open}   # open | in-progress | done
""",
        ),
    ),
    Section(
        "financials",
        Financials,
        about("Budget plan per product.", de="Budgetplanung je Produkt.", seen=CUSTOMER),
        ("Financials", "Finanzplanung"),
        identity=((("products",), ("name",)),),
        named=((("products",), "name"),),
        scaffold=(
            """\
# Financials: actual and planned revenue per product.
financials:
  currency: EUR                       # ISO 4217
  unit: thousand                      # one | thousand | million
  products:
    - name: TODO                      # a product or product group we sell them
      actual: {}                      # {2024: 820, 2025: 910}
      plan: {{{plan_year}}: 0}
""",
            """\
# Finanzplanung: Ist- und Planumsatz je Produkt.
financials:
  currency: EUR                       # ISO 4217
  unit: thousand                      # one | thousand | million
  products:
    - name: TODO                      # ein Produkt oder eine Produktgruppe, die wir ihm verkaufen
      actual: {}                      # {2024: 820, 2025: 910}
      plan: {{{plan_year}}: 0}
""",
        ),
    ),
    Section(
        "key_projects",
        list[KeyProject],
        about(
            "Tenders, opportunities and projects for management (optional).",
            de="Ausschreibungen, Chancen und Projekte für die Geschäftsleitung (optional).",
            default_factory=list,
            seen=CUSTOMER,
        ),
        ("Key projects", "Schlüsselprojekte"),
        table=Table(
            (
                _col("name", "Project", "Projekt"),
                _col("volume", "Volume", "Volumen", "money", "right"),
                _col("due", "Due", "Fällig", "date", "right"),
                _col("budget", "Budget", "Budget", "money", "right"),
                _col("contact", "Contact", "Ansprechpartner", "person"),
                _col("competitors", "Competitors", "Wettbewerber", "list"),
                _col("owner", "Owner", "Verantwortlich"),
                _col("stage", "Stage", "Phase", "term", vocabulary="stage"),
                _col("probability", "Probability", "Wahrscheinlichkeit", "percent", "right"),
            )
        ),
        identity=(((), ("name",)),),
        people=(((), "contact"),),
        named=(((), "name"),),
        scaffold=(
            """\
# Key projects (optional): tenders, opportunities and projects for management.
key_projects: []        # - {name: ..., volume: 2500, due: 2027-09-30, contact: person-id, stage: proposal, probability: 60}
""",
            """\
# Schlüsselprojekte (optional): Ausschreibungen, Chancen und Projekte fürs Management.
key_projects: []        # - {name: ..., volume: 2500, due: 2027-09-30, contact: person-id, stage: proposal, probability: 60}
""",
        ),
    ),
    Section(
        "risks",
        list[Risk],
        about(
            "Risks to our business at the account, with who deals with them and how (optional).",
            de="Risiken für unser Geschäft beim Kunden, mit wer sich kümmert und wie (optional).",
            default_factory=list,
            seen=INTERNAL,
        ),
        ("Risks", "Risiken"),
        identity=(((), ("description",)),),
        people=(((), "owner"),),
        ours=(((), "owner"),),
        named=(((), "description"),),
        checks=lambda risks, today, _cadence: risk_concerns(risks, today),
        counted_for=("retain", "at_risk"),
        scaffold=(
            """\
# Risks (optional): what could go wrong at this account, how likely and how bad, who deals with it and how.
risks: []   # - {description: ..., category: competition, likelihood: medium, impact: high, owner: person-id or team name,
            #    mitigation: ..., status: open, due: 2027-03-31}   # levels: low | medium | high; status: open | mitigating | closed
""",
            """\
# Risiken (optional): was bei diesem Kunden schiefgehen kann, wie wahrscheinlich und wie schwer, wer sich kümmert und wie.
risks: []   # - {description: ..., category: competition, likelihood: medium, impact: high, owner: person-id oder Name im Team,
            #    mitigation: ..., status: open, due: 2027-03-31}   # Stufen: low | medium | high; Status: open | mitigating | closed
""",
        ),
    ),
    Section(
        "contracts",
        list[Contract],
        about(
            "Contracts with the customer and their notice dates (optional).",
            de="Verträge mit dem Kunden und ihre Kündigungstermine (optional).",
            default_factory=list,
            seen=CUSTOMER,
        ),
        ("Contracts", "Verträge"),
        identity=(((), ("name",)),),
        people=(((), "owner"),),
        ours=(((), "owner"),),
        named=(((), "name"),),
        checks=contract_concerns,
        counted_for=("develop", "retain", "at_risk", "cross_sell"),
        scaffold=(
            """\
# Contracts (optional): what runs with the customer, until when, and by when notice can be given.
contracts: []   # - {name: ..., kind: framework, start: 2025-01-01, end: 2027-12-31, notice_months: 6,
                #    auto_renewal: true, annual_value: 2400, owner: team name}   # kind: framework | supply | service | licence | nda | other
""",
            """\
# Verträge (optional): was mit dem Kunden läuft, bis wann, und bis wann gekündigt werden kann.
contracts: []   # - {name: ..., kind: framework, start: 2025-01-01, end: 2027-12-31, notice_months: 6,
                #    auto_renewal: true, annual_value: 2400, owner: Name im Team}   # kind: framework | supply | service | licence | nda | other
""",
        ),
    ),
    Section(
        "whitespace",
        Whitespace | None,
        about(
            "Our offerings against the customer's units: who supplies what where, and the potential left (optional).",
            de="Unsere Angebote gegen die Einheiten des Kunden: wer wo was liefert, und welches Potenzial offen ist (optional).",
            default=None,
            seen=INTERNAL,
        ),
        ("Whitespace", "Whitespace"),
        identity=((("offerings",), ("name",)), (("units",), ("name",)), (("cells",), ("offering", "unit"))),
        named=((("offerings",), "name"), (("units",), "name"), (("cells",), ("offering", "unit"))),
        refers=(
            Reference(("cells",), "offering", ("whitespace", "offerings"), "name"),
            Reference(("cells",), "unit", ("whitespace", "units"), "name"),
        ),
        needs=(
            Needs(("cells",), ("status", "competitor"), "competitor"),
            Needs(("cells",), ("status", "potential"), "potential"),
        ),
        figures=(
            Figure(
                "whitespace_potential",
                ("Whitespace potential", "Whitespace-Potenzial"),
                lambda w: w.potential() if w is not None else None,
            ),
        ),
        counted_for=("develop", "cross_sell"),
        scaffold=(
            """\
# Whitespace (optional): our offerings against the customer's units; who supplies what where, and what is left to win.
# whitespace:
#   offerings: [{name: ..., kind: product}]          # kind: product | service | solution
#   units: [{name: ..., kind: site}]                 # kind: division | site | function | subsidiary
#   cells:                                           # a pair not listed is unknown
#     - {offering: ..., unit: ..., status: ours}     # ours | competitor | potential | no_fit | unknown
#     - {offering: ..., unit: ..., status: competitor, competitor: ...}
#     - {offering: ..., unit: ..., status: potential, potential: 400}
""",
            """\
# Whitespace (optional): unsere Angebote gegen die Einheiten des Kunden; wer wo was liefert, und was noch zu gewinnen ist.
# whitespace:
#   offerings: [{name: ..., kind: product}]          # kind: product | service | solution
#   units: [{name: ..., kind: site}]                 # kind: division | site | function | subsidiary
#   cells:                                           # ein nicht genanntes Paar ist unbekannt
#     - {offering: ..., unit: ..., status: ours}     # ours | competitor | potential | no_fit | unknown
#     - {offering: ..., unit: ..., status: competitor, competitor: ...}
#     - {offering: ..., unit: ..., status: potential, potential: 400}
""",
        ),
    ),
    Section(
        "account_team",
        list[TeamMember],
        about("Our account team (optional).", de="Unser Account-Team (optional).", default_factory=list, seen=CUSTOMER),
        ("Account team", "Account-Team"),
        table=Table(
            (
                _col("name", "Name", "Name"),
                _col("role", "Role", "Rolle"),
                _col("focus", "Focus", "Schwerpunkt", "markdown"),
                Column("sponsor", show="flag"),  # titled by its label: "Executive sponsor"
            )
        ),
        identity=(((), ("name",)),),
        scaffold=(
            """\
# Account team (optional): who works on the account on our side.
account_team: []        # - {name: ..., role: ..., focus: ...}
""",
            """\
# Account-Team (optional): wer auf unserer Seite am Account arbeitet.
account_team: []        # - {name: ..., role: ..., focus: ...}
""",
        ),
    ),
    Section(
        "relationship_plan",
        list[Relationship],
        about(
            "Who addresses whom with which message (optional).",
            de="Wer wen mit welcher Botschaft anspricht (optional).",
            default_factory=list,
            seen=INTERNAL,
        ),
        ("Relationship plan", "Beziehungsmanagement"),
        table=Table(
            (
                _col("person", "Person", "Person", "person"),
                _col("owner", "Owner", "Verantwortlich"),
                _col("message", "Message", "Botschaft", "markdown"),
                _col("frequency", "Frequency", "Häufigkeit", "term", vocabulary="contact"),
            )
        ),
        identity=(((), ("person",)),),
        people=(((), "person"),),
        scaffold=(
            """\
# Relationship plan (optional): who addresses whom with which message.
relationship_plan: []   # - {person: person-id, owner: ..., message: ..., frequency: monthly}
""",
            """\
# Beziehungsmanagement (optional): wer wen mit welcher Botschaft anspricht.
relationship_plan: []   # - {person: person-id, owner: ..., message: ..., frequency: monthly}
""",
        ),
    ),
    Section(
        "marketing",
        list[MarketingEvent],
        about(
            "Account marketing events for the next two years (optional).",
            de="Veranstaltungen des Account-Marketings für die nächsten zwei Jahre (optional).",
            default_factory=list,
            seen=CUSTOMER,
        ),
        ("Marketing calendar", "Key-Account-Marketing"),
        table=Table(
            (
                _col("date", "Date", "Datum", "date", "right"),
                _col("event", "Event", "Veranstaltung"),
                _col("format", "Format", "Format"),
                _col("audience", "Audience", "Zielgruppe"),
            ),
            sort_by="date",
        ),
        identity=(((), ("event",)),),
        scaffold=(
            """\
# Marketing calendar (optional): events for the account in the next two years.
marketing: []           # - {date: 2027-05-12, event: ..., format: in-house fair, audience: ...}
""",
            """\
# Key-Account-Marketing (optional): Veranstaltungen für den Account in den nächsten zwei Jahren.
marketing: []           # - {date: 2027-05-12, event: ..., format: Hausmesse, audience: ...}
""",
        ),
    ),
    Section(
        "assessment",
        Assessment | None,
        about(
            "Scores on the selection criteria, partnership level and knock-out answers for the portfolio view (optional).",
            de="Bewertungen der Auswahlkriterien, Partnerschaftsstufe und Antworten zu K.-o.-Kriterien für die Portfolio-Sicht (optional).",
            default=None,
            seen=INTERNAL,
        ),
        ("Account assessment", "Account-Bewertung"),
        entries=(),
    ),
    Section(
        "sources",
        list[Source],
        about(
            "The sources the plan cites: `[^id]` in any Markdown text, `source: id` on a key figure, owner or unit "
            "potential (optional).",
            de="Die Quellen, die der Plan nennt: `[^id]` in jedem Markdown-Text, `source: id` an einer Kennzahl, einem "
            "Eigentümer oder dem Potenzial einer Einheit (optional).",
            default_factory=list,
            max_length=MAX_SOURCES,
            seen=INTERNAL,
        ),
        ("Sources", "Quellen"),
        identity=(((), ("id",)),),
        named=(((), "id"),),
        counted_for=(),  # citing is the organisation's rule (require_sources in kamdoc.yaml), not a part to fill
        scaffold=(
            """\
# Sources (optional): where the plan's facts come from; cite one as [^id] in a text or as source: id on a key figure.
sources: []   # - {id: annual-report-2025, title: Annual report 2025, by: ..., date: 2026-03-15, url: https://...}
""",
            """\
# Quellen (optional): woher die Fakten des Plans stammen; zitiert als [^id] in einem Text oder als source: id an einer Kennzahl.
sources: []   # - {id: geschaeftsbericht-2025, title: Geschäftsbericht 2025, by: ..., date: 2026-03-15, url: https://...}
""",
        ),
    ),
)

AGENDA_KEYS: tuple[str, ...] = tuple(e.key for s in _CONTENT for e in s.agenda)
"""The agenda entries a plan's slides come under, in the deck's order: what `speaker_notes` can name."""

SECTIONS: tuple[Section, ...] = (
    *_CONTENT,
    Section(
        "speaker_notes",
        dict[Literal[AGENDA_KEYS], Markdown] | None,  # type: ignore[valid-type]
        about(
            "The presenter's notes for a part of the deck, by agenda entry (optional; only in our own copy): on the "
            "entry's first slide, before the notes kamdoc writes.",
            de="Notizen des Vortragenden zu einem Teil des Decks, je Agenda-Eintrag (optional; nur in unserer Fassung): auf der ersten Folie des Eintrags, vor den Notizen, die kamdoc schreibt.",
            example={"power_map": "Start with the new CTO."},
            default=None,
            seen=INTERNAL,
        ),
        ("Speaker notes", "Sprechernotizen"),
        entries=(),
        counted_for=(),  # the presenter's own words: no gap when a plan has none
        scaffold=(
            """\
# Speaker notes (optional): what to say on a part of the deck; only in our own copy, never the customer's.
# speaker_notes:
#   power_map: Start with the new CTO; she decides the 2027 budget.
""",
            """\
# Sprechernotizen (optional): was zu einem Teil des Decks zu sagen ist; nur in unserer Fassung, nie in der des Kunden.
# speaker_notes:
#   power_map: Mit der neuen CTO beginnen; sie entscheidet über das Budget 2027.
""",
        ),
    ),
    Section(
        "titles",
        dict[Literal[AGENDA_KEYS], Text] | None,  # type: ignore[valid-type]
        about(
            "Slide titles of your own, by agenda entry (optional; only in our own copy): each replaces the title "
            "kamdoc gives the entry's first slide, such as the financials' chart; slides that continue it keep their "
            "numbering.",
            de="Eigene Folientitel, je Agenda-Eintrag (optional; nur in unserer Fassung): jeder ersetzt den Titel, den "
            "kamdoc der ersten Folie des Eintrags gibt, etwa dem Diagramm der Finanzplanung; Folien, die sie "
            "fortsetzen, behalten ihre Nummerierung.",
            example={"financials": "Service doubles by 2028"},
            default=None,
            seen=INTERNAL,
        ),
        ("Slide titles", "Folientitel"),
        entries=(),
        counted_for=(),  # the author's own words: no gap when a plan has none
        scaffold=(
            """\
# Slide titles (optional): your own title for a part of the deck, by agenda entry; only in our own copy.
# titles:
#   financials: Service doubles by 2028
""",
            """\
# Folientitel (optional): ein eigener Titel für einen Teil des Decks, je Agenda-Eintrag; nur in unserer Fassung.
# titles:
#   financials: Service verdoppelt sich bis 2028
""",
        ),
    ),
    Section(
        "deck",
        DeckSettings | None,
        about(
            "How this plan's deck is made, where it wants other than kamdoc's defaults (optional).",
            de="Wie das Deck dieses Plans gemacht wird, wo es anderes will als kamdoc vorgibt (optional).",
            default=None,
            seen=INTERNAL,
        ),
        ("Deck", "Deck"),
        entries=(),
        counted_for=(),  # a setting, not a part of the plan to fill in
        scaffold=(
            """\
# Deck (optional): how this plan's deck is made.
# deck:
#   summary: false    # no account on a page after the cover
""",
            """\
# Deck (optional): wie das Deck dieses Plans gemacht wird.
# deck:
#   summary: false    # keine Seite „auf einen Blick“ nach dem Deckblatt
""",
        ),
    ),
)
"""The sections in the standard's order: the order of the plan model, the schema, the diff and the deck."""


SHARED_SLIDES: dict[str, str] = {
    "profile": "customer_at_a_glance",
    "customer_goals": "customer_at_a_glance",
    "market": "customer_at_a_glance",
    "buying_strategy": "customer_at_a_glance",
    "swot": "our_position",
    "position": "our_position",
    "mission": "mission_and_goals",
    "goals": "mission_and_goals",
    "key_projects": "delivery",
    "risks": "delivery",
    "contracts": "delivery",
    "whitespace": "delivery",
    "account_team": "delivery",
    "relationship_plan": "delivery",
    "marketing": "delivery",
}
"""Agenda entries whose thin slides may share one with neighbours of the same group, by the deck's word for the group
(outline/pack.py): a new section joins a group here, or keeps its slides to itself."""


def section(key: str) -> Section | None:
    """The section of that key, if the standard has one."""
    return next((s for s in SECTIONS if s.key == key), None)


if TYPE_CHECKING:
    from kamdoc.standard.model import (
        Assessment,
        BuyingStrategy,
        Cover,
        Financials,
        Goal,
        KeyProject,
        MarketingEvent,
        Mission,
        Position,
        PowerMap,
        Profile,
        Relationship,
        Swot,
        TeamMember,
    )

    class TypedPlan:
        """The sections' types as type checkers see a plan, one line per section beside the declarations above (at run
        time the plan model is made from SECTIONS; tests/standard/test_sections.py holds the two to each other)."""

        kamdoc: Literal[1]
        language: Literal["en", "de"]
        cover: Cover
        profile: Profile
        buying_strategy: BuyingStrategy
        power_map: PowerMap
        swot: Swot
        position: Position | None
        mission: Mission
        goals: list[Goal]
        financials: Financials
        key_projects: list[KeyProject]
        risks: list[Risk]
        contracts: list[Contract]
        whitespace: Whitespace | None
        account_team: list[TeamMember]
        relationship_plan: list[Relationship]
        marketing: list[MarketingEvent]
        assessment: Assessment | None
        sources: list[Source]
        speaker_notes: dict[str, str] | None
        titles: dict[str, str] | None
        deck: DeckSettings | None
