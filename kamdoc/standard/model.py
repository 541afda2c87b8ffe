"""The typed plan of format 1: the one definition of the standard that validation, the JSON Schema and the renderers share."""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo

from kamdoc.limits import MAX_AMOUNT, MAX_TEXT
from kamdoc.standard.currencies import CURRENCIES
from kamdoc.standard.vocab import VOCABULARY, Language, declare


class Kind(enum.Enum):
    """Marks on field types that the loader's YAML does not carry and normalisation needs."""

    TEXT = "text"  # a plain scalar here is kept as the text the user typed
    MARKDOWN = "markdown"  # text, or {file: x.md} pulling in a file beside the plan
    QUANTITY = "quantity"  # a number or a text such as "25 %"
    DATE = "date"  # an ISO date; a quoted one is accepted too
    YEARS = "years"  # a mapping of four-digit years to numbers


_TEXT_SCHEMA: dict[str, Any] = {"type": "string", "maxLength": MAX_TEXT}

Text = Annotated[str, Kind.TEXT, WithJsonSchema(_TEXT_SCHEMA)]
# Rules `kamdoc validate` checks with its own messages, said in the schema too so that editors flag them as you type.
WEBSITE_PATTERN = "^(?:[hH][tT][tT][pP][sS]?:|(?![A-Za-z][A-Za-z0-9+.-]*:))"
"""A web address with http(s), or one with no scheme at all (a name such as acme.example)."""
RELATIVE_FILE_PATTERN = "^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\\\])"
"""A file relative to the plan: no URL (nor a drive letter), nothing absolute."""
Website = Annotated[str, Kind.TEXT, WithJsonSchema({**_TEXT_SCHEMA, "pattern": WEBSITE_PATTERN})]
RelativeFile = Annotated[str, Kind.TEXT, WithJsonSchema({**_TEXT_SCHEMA, "pattern": RELATIVE_FILE_PATTERN})]
Markdown = Annotated[
    str,
    Kind.MARKDOWN,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "maxLength": MAX_TEXT},
                {
                    "type": "object",
                    "description": "Pull the Markdown in from a file beside the plan.",
                    "x-kamdoc-de": "Den Markdown-Text aus einer Datei neben dem Plan holen.",
                    "properties": {
                        "file": {
                            "type": "string",
                            "description": "Path of a Markdown file, relative to the plan file, inside the plans repo.",
                            "x-kamdoc-de": "Pfad einer Markdown-Datei, relativ zur Plandatei, im Plan-Repository.",
                            "examples": ["market.md"],
                        }
                    },
                    "required": ["file"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
Id = Annotated[
    str,
    Kind.TEXT,
    StringConstraints(pattern=r"^[a-z0-9_-]+$"),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9_-]+$"}),
]
Quantity = Annotated[
    str | int | float,
    Kind.QUANTITY,
    WithJsonSchema({"type": ["string", "number"]}),
]
Day = Annotated[date, Kind.DATE]
Year = Annotated[int, Field(ge=1000, le=9999)]
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


def _years_schema(minimum: float | None, at_least: int = 0) -> WithJsonSchema:
    number: dict[str, Any] = {"type": "number"}
    if minimum is not None:
        number["minimum"] = minimum
    schema: dict[str, Any] = {
        "type": "object",
        "patternProperties": {"^[0-9]{4}$": number},
        "additionalProperties": False,
    }
    if at_least:
        schema["minProperties"] = at_least
    return WithJsonSchema(schema)


AmountsByYear = Annotated[dict[Year, Amount], Kind.YEARS, _years_schema(0)]
PlannedYears = Annotated[dict[Year, Amount], Kind.YEARS, _years_schema(0, at_least=1)]
FiguresByYear = Annotated[
    dict[Year, Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, allow_inf_nan=False)]],
    Kind.YEARS,
    _years_schema(None),
]


def _closed(name: str) -> WithJsonSchema:
    """The JSON Schema of a closed list's field: its values with their meanings, for editor hover."""
    terms = VOCABULARY[name]
    return WithJsonSchema(
        {
            "type": "string",
            "enum": [t.value for t in terms],
            "enumDescriptions": [t.meaning for t in terms],
            "markdownEnumDescriptions": [f"**{t.value}**: {t.meaning}" for t in terms],
        }
    )


def closed(name: str) -> Any:
    """A closed list's field type, made once from the vocabulary: a Literal of its values, their meanings in the schema."""
    values = tuple(t.value for t in VOCABULARY[name])
    return Annotated[Literal[values], _closed(name)]  # Literal[("a", "b")] is Literal["a", "b"]


# The closed lists as types. Type checkers see a closed value as the text it is (a Literal made at run time is beyond
# them); the model holds it to its list.
if TYPE_CHECKING:
    Status = str
    Relation = str
    Sourcing = str
    Procurement = str
    Role = str
    Influence = str
    Attitude = str
    ContactFrequency = str
    LinkKind = str
    PerceptionRole = str
    Positioning = str
    CurrencyUnit = str
    Stage = str
    Partnership = str
    ActionStatus = str
else:
    Status = closed("status")
    Relation = closed("relation")
    Sourcing = closed("sourcing")
    Procurement = closed("procurement")
    Role = closed("role")
    Influence = closed("influence")
    Attitude = closed("attitude")
    ContactFrequency = closed("contact")
    LinkKind = closed("link")
    PerceptionRole = closed("perception_role")
    Positioning = closed("positioning")
    CurrencyUnit = closed("currency_unit")
    Stage = closed("stage")
    Partnership = closed("partnership")
    ActionStatus = closed("action_status")


Seen = Literal["customer", "internal"]
CUSTOMER: Seen = "customer"
"""A field the customer's copy shows."""
INTERNAL: Seen = "internal"
"""A field only our side sees: what a field is when it declares nothing, for the customer's copy is an allow-list."""
AUDIENCE_KEY = "x-kamdoc-audience"
"""Where a field's declaration of who sees it is kept: in its JSON Schema, so that other tools can honour it too."""


LABEL = "x-kamdoc-label"
"""Where a field's label in English and German is kept (the deck's word for it; left out of the schema)."""
VOCABULARY_KEY = "x-kamdoc-vocabulary"
"""Where a field's closed list is named (left out of the schema, which lists the values): the deck shows its terms."""
GERMAN = "x-kamdoc-de"
"""Where a field's or a part's description in German is kept until the schema is written (the German schema shows it)."""


def about(
    text: str,
    vocabulary: str | None = None,
    example: Any = None,
    seen: Seen | None = None,
    de: str | None = None,
    label: tuple[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """A field's description in English and German (`de`, each with the meaning of each allowed value), example and
    audience, for the JSON Schema.

    `seen` says who sees the field: `CUSTOMER` puts it in the customer's copy; a test holds every field to a declaration,
    and to a German description (a field without one shows its English in the German schema, never an error).
    `label` is what the field is called in English and German: on the changes slide, in `kamdoc diff`, and as a
    table's column title.
    """
    if vocabulary:
        terms = VOCABULARY[vocabulary]
        text += " Allowed: " + "; ".join(f"`{t.value}` ({t.meaning[:-1].lower()})" for t in terms) + "."
        if de is not None:
            de += " Erlaubt: " + "; ".join(f"`{t.value}` ({t.meaning_de[:-1]})" for t in terms) + "."
    extra: dict[str, Any] = {"description": text}
    if example is not None:
        extra["examples"] = [example]
    marks: dict[str, Any] = {}
    if seen is not None:
        marks[AUDIENCE_KEY] = seen
    if de is not None:
        marks[GERMAN] = de
    if label is not None:
        marks[LABEL] = list(label)
    if vocabulary:
        marks[VOCABULARY_KEY] = vocabulary
    if marks:
        extra["json_schema_extra"] = marks
    return Field(**extra, **kwargs)


def label_of(info: FieldInfo, name: str, language: str) -> str:
    """What a field is called in `language`: its declared label, else its name in words (a test finds the missing)."""
    extra = info.json_schema_extra
    declared = extra.get(LABEL) if isinstance(extra, dict) else None
    if isinstance(declared, list) and len(declared) == 2:
        return str(declared[language == "de"])
    return name.replace("_", " ")


def item_model(annotation: Any) -> type[BaseModel] | None:
    """The part a field holds, inside any `list[...]`, `... | None` or `Annotated[...]`; None for a value."""
    todo = [annotation]
    while todo:  # the type's own nesting (a few levels), never plan data
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
        todo += [arg for arg in get_args(kind) if not isinstance(arg, (str, int, FieldInfo))]
    return None


def vocabulary_of(info: FieldInfo) -> str | None:
    """The closed list a field's values come from, if it has one."""
    extra = info.json_schema_extra
    name = extra.get(VOCABULARY_KEY) if isinstance(extra, dict) else None
    return name if isinstance(name, str) else None


def german(text: str) -> ConfigDict:
    """A part's description in German, beside its English docstring: the German schema's help for the part."""
    return ConfigDict(json_schema_extra={GERMAN: text})


def seen_by(info: FieldInfo) -> Seen | None:
    """Who a field declares may see it, or None when it declares nothing (then it is internal)."""
    extra = info.json_schema_extra
    value = extra.get(AUDIENCE_KEY) if isinstance(extra, dict) else None
    return CUSTOMER if value == CUSTOMER else INTERNAL if value == INTERNAL else None


class Part(BaseModel):
    """Base of every part of a plan: strict types, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# --- cover -----------------------------------------------------------------


declare(
    "purpose",
    (
        "prospect",
        "A complex prospect we want to win.",
        "Win a prospect",
        "Interessenten gewinnen",
        "Ein komplexer Interessent, den wir gewinnen wollen.",
    ),
    ("develop", "A key account we want to grow.", "Develop", "Ausbauen", "Ein Key Account, den wir ausbauen wollen."),
    ("retain", "A key account we want to keep.", "Retain", "Halten", "Ein Key Account, den wir halten wollen."),
    (
        "at_risk",
        "A customer we are in danger of losing.",
        "At risk",
        "Gefährdet",
        "Ein Kunde, den wir zu verlieren drohen.",
    ),
    (
        "cross_sell",
        "A customer we want to sell more of our range to.",
        "Cross- and up-sell",
        "Cross- und Up-Selling",
        "Ein Kunde, dem wir mehr aus unserem Sortiment verkaufen wollen.",
    ),
)
if TYPE_CHECKING:
    Purpose = str
else:
    Purpose = closed("purpose")


class Crm(Part):
    """Where the account lives in the CRM: the system, the record, a link to it."""

    model_config = german("Wo der Account im CRM steht: das System, der Datensatz, ein Link dorthin.")

    system: Text = about(
        "The CRM system.", de="Das CRM-System.", label=("System", "System"), example="Salesforce", seen=INTERNAL
    )
    record: Text = about(
        "The account's record id there.",
        de="Die ID des Account-Datensatzes dort.",
        label=("Record", "Datensatz"),
        example="0015g00000ABCDE",
        seen=INTERNAL,
    )
    url: Website | None = about(
        "A link to the record (http or https), never fetched.",
        de="Ein Link zum Datensatz (http oder https), nie abgerufen.",
        label=("Link", "Link"),
        default=None,
        seen=INTERNAL,
    )


class Cover(Part):
    """The cover: who the plan is for, by whom, and which version."""

    model_config = german("Das Deckblatt: für wen der Plan ist, von wem und in welcher Version.")

    account: Text = about(
        "The customer's name as the deck shows it.",
        de="Der Name des Kunden, wie ihn die Präsentation zeigt.",
        example="ACME Industrial Group",
        seen=CUSTOMER,
        label=("Account", "Account"),
    )
    division: Text | None = about(
        "The customer's division this plan covers, where the customer has several large ones.",
        de="Die Sparte des Kunden, die dieser Plan abdeckt, wo der Kunde mehrere große hat.",
        example="Factory Automation",
        default=None,
        seen=CUSTOMER,
        label=("Division", "Sparte"),
    )
    short_name: Text | None = about(
        "How the deck's footers name the account, short (optional): without it, its name without the legal form "
        "(Brenner Werke for Brenner Werke AG).",
        de="Wie die Fußzeilen des Decks den Account kurz nennen (optional): ohne Angabe sein Name ohne Rechtsform "
        "(Brenner Werke für Brenner Werke AG).",
        example="ACME",
        default=None,
        seen=CUSTOMER,
        label=("Short name", "Kurzname"),
    )
    key_account_manager: Text = about(
        "Our key account manager who owns the plan.",
        de="Unser Key-Account-Manager, dem der Plan gehört.",
        example="Jana Schmidt",
        seen=CUSTOMER,
        label=("Key account manager", "Key-Account-Manager"),
    )
    logo: RelativeFile | None = about(
        "The customer's logo: a PNG, JPEG or SVG file, relative to the plan, inside the plans repo. URLs are refused.",
        de="Das Logo des Kunden: eine PNG-, JPEG- oder SVG-Datei, relativ zum Plan, im Plan-Repository. URLs werden abgelehnt.",
        example="acme-logo.png",
        default=None,
        seen=CUSTOMER,
        label=("Logo", "Logo"),
    )
    version: Day = about(
        "The plan's version: the date it was last revised (YYYY-MM-DD).",
        de="Die Version des Plans: das Datum der letzten Überarbeitung (JJJJ-MM-TT).",
        example="2026-11-15",
        seen=CUSTOMER,
        label=("Version", "Version"),
    )
    status: Status | None = about(
        "How far the plan is.",
        "status",
        de="Wie weit der Plan ist.",
        example="draft",
        default=None,
        seen=INTERNAL,
        label=("Status", "Status"),
    )
    purpose: Purpose | None = about(
        "What the plan is for; plan health counts the sections such a plan needs.",
        "purpose",
        de="Wozu der Plan dient; die Plangesundheit zählt die Abschnitte, die ein solcher Plan braucht.",
        example="develop",
        default=None,
        seen=INTERNAL,
        label=("Purpose", "Zweck"),
    )
    next_review: Day | None = about(
        "When the plan is reviewed next; a past date is a warning.",
        de="Wann der Plan als Nächstes geprüft wird; ein vergangenes Datum ist eine Warnung.",
        example="2027-02-15",
        default=None,
        seen=INTERNAL,
        label=("Next review", "Nächster Review"),
    )
    confidentiality: Text | None = about(
        "Confidentiality marking shown in every slide's footer of our own copy.",
        de="Vertraulichkeitsvermerk in der Fußzeile jeder Folie unserer eigenen Fassung.",
        example="Internal",
        default=None,
        seen=INTERNAL,
        label=("Confidentiality", "Vertraulichkeit"),
    )
    crm: Crm | None = about(
        "The account's record in the CRM, shown small on our cover.",
        de="Der Datensatz des Accounts im CRM, klein auf unserem Deckblatt.",
        default=None,
        seen=INTERNAL,
        label=("CRM", "CRM"),
    )
    customer_confidentiality: Text | None = about(
        'The marking in the customer\'s copy\'s footer; without it the copy says "Confidential" (German: "Vertraulich").',
        de='Der Vermerk in der Fußzeile der Fassung für den Kunden; ohne ihn steht dort "Vertraulich" (in englischen Plänen "Confidential").',
        example="Confidential",
        default=None,
        seen=CUSTOMER,
        label=("Confidentiality of the customer's copy", "Vertraulichkeit der Kundenversion"),
    )

    @property
    def full_name(self) -> str:
        """The account with its division, as footers and tables name it: "ACME – Factory Automation"."""
        return self.account + (f" – {self.division}" if self.division else "")


# --- profile ---------------------------------------------------------------


class Kpi(Part):
    """A key figure of the customer and how it developed."""

    model_config = german("Eine Kennzahl des Kunden und wie sie sich entwickelt hat.")

    name: Text = about(
        "What the figure is.", de="Was die Kennzahl ist.", example="Revenue", seen=CUSTOMER, label=("Name", "Name")
    )
    unit: Text | None = about(
        "The unit of the values.",
        de="Die Einheit der Werte.",
        example="EUR m",
        default=None,
        seen=CUSTOMER,
        label=("Unit", "Einheit"),
    )
    values: FiguresByYear = about(
        "The figure per year: four-digit years as keys.",
        de="Die Kennzahl je Jahr: vierstellige Jahre als Schlüssel.",
        example={2024: 432, 2025: 455},
        seen=CUSTOMER,
        label=("Values", "Werte"),
    )
    benchmark: Markdown | None = about(
        "How the customer compares with its competitors on this figure.",
        de="Wie der Kunde bei dieser Kennzahl im Vergleich zu seinen Wettbewerbern steht.",
        example="Peer median grew 3 % a year",
        default=None,
        seen=INTERNAL,
        label=("Benchmark", "Vergleich"),
    )
    source: Id | None = about(
        "Where the figure comes from: the id of an entry in sources.",
        de="Woher die Zahl stammt: die ID eines Eintrags in sources.",
        label=("Source", "Quelle"),
        example="annual-report-2025",
        default=None,
        seen=INTERNAL,
    )


class Owner(Part):
    """A shareholder of the customer."""

    model_config = german("Ein Anteilseigner des Kunden.")

    name: Text = about(
        "The shareholder.",
        de="Der Anteilseigner.",
        example="Müller Family Holding",
        seen=CUSTOMER,
        label=("Name", "Name"),
    )
    share: Percent = about(
        "Share in percent, 0 to 100; all owners together at most 100.",
        de="Anteil in Prozent, 0 bis 100; alle Eigentümer zusammen höchstens 100.",
        example=51,
        seen=CUSTOMER,
        label=("Share", "Anteil"),
    )
    influence: Markdown | None = about(
        "The owner's influence on buying decisions and goals for the holding.",
        de="Der Einfluss des Eigentümers auf Kaufentscheidungen und Ziele für die Beteiligung.",
        example="Approves all capex above EUR 5 m",
        default=None,
        seen=INTERNAL,
        label=("Influence", "Einfluss"),
    )
    source: Id | None = about(
        "Where the figure comes from: the id of an entry in sources.",
        de="Woher die Zahl stammt: die ID eines Eintrags in sources.",
        label=("Source", "Quelle"),
        example="annual-report-2025",
        default=None,
        seen=INTERNAL,
    )


class Subsidiary(Part):
    """A subsidiary of the customer."""

    model_config = german("Eine Tochtergesellschaft des Kunden.")

    name: Text = about(
        "The subsidiary's name.",
        de="Der Name der Tochtergesellschaft.",
        example="ACME Robotics s.r.o.",
        seen=CUSTOMER,
        label=("Name", "Name"),
    )
    country: Text | None = about(
        "Country, e.g. an ISO 3166 code (quote NO for Norway).",
        de="Land, z. B. ein ISO-3166-Code (NO für Norwegen in Anführungszeichen).",
        example="CZ",
        default=None,
        seen=CUSTOMER,
        label=("Country", "Land"),
    )
    relation: Relation | None = about(
        "Its relation to us.",
        "relation",
        de="Ihre Beziehung zu uns.",
        example="customer",
        default=None,
        seen=INTERNAL,
        label=("Relation", "Beziehung"),
    )


class CustomerGoal(Part):
    """One of the customer's top three goals or projects, written SMART."""

    model_config = german("Eines der drei wichtigsten Ziele oder Projekte des Kunden, SMART formuliert.")

    goal: Text = about(
        "The goal: specific, measurable, achievable, relevant and time-bound.",
        de="Das Ziel: spezifisch, messbar, erreichbar, relevant und terminiert.",
        example="Raise market share in Asia by 10 % in all product lines by end of 2027",
        seen=CUSTOMER,
        label=("Goal", "Ziel"),
    )
    deadline: Day | None = about(
        "When the customer wants to reach it.",
        de="Wann der Kunde es erreichen will.",
        example="2027-12-31",
        default=None,
        seen=CUSTOMER,
        label=("Deadline", "Termin"),
    )
    departments: list[Text] = about(
        "The customer's departments that own the goal.",
        de="Die Abteilungen des Kunden, die das Ziel verantworten.",
        example=["Sales Asia"],
        default_factory=list,
        seen=CUSTOMER,
        label=("Departments", "Abteilungen"),
    )
    contacts: list[Id] = about(
        "People in the power map who drive the goal (their ids).",
        de="Personen in der Power-Map, die das Ziel vorantreiben (ihre IDs).",
        example=["lchen"],
        default_factory=list,
        seen=INTERNAL,
        label=("Contacts", "Ansprechpartner"),
    )


class CustomerCompetitor(Part):
    """A competitor of the customer in its own market."""

    model_config = german("Ein Wettbewerber des Kunden in dessen eigenem Markt.")

    name: Text = about(
        "The competitor.", de="Der Wettbewerber.", example="Globex", seen=INTERNAL, label=("Name", "Name")
    )
    positioning: Markdown | None = about(
        "How it positions itself in the market, with key figures.",
        de="Wie er sich im Markt positioniert, mit Kennzahlen.",
        example="Price leader in Asia",
        default=None,
        seen=INTERNAL,
        label=("Positioning", "Positionierung"),
    )
    strengths: list[Text] = about(
        "Its strengths.",
        de="Seine Stärken.",
        example=["Low cost base"],
        default_factory=list,
        seen=INTERNAL,
        label=("Strengths", "Stärken"),
    )
    weaknesses: list[Text] = about(
        "Its weaknesses.",
        de="Seine Schwächen.",
        example=["Thin service network"],
        default_factory=list,
        seen=INTERNAL,
        label=("Weaknesses", "Schwächen"),
    )


class Profile(Part):
    """The customer profile: the customer in our own words, key figures, owners, goals, market and competitors."""

    model_config = german(
        "Das Kurzprofil: der Kunde in unseren eigenen Worten, Kennzahlen, Eigentümer, Ziele, Markt und Wettbewerber."
    )

    summary: Markdown = about(
        "What the customer does, in our own words (not their PR text).",
        de="Was der Kunde tut, in unseren eigenen Worten (nicht sein PR-Text).",
        example="ACME builds drive trains for factory robots ...",
        seen=CUSTOMER,
        label=("Summary", "Zusammenfassung"),
    )
    industry: Text = about(
        "The customer's industry.",
        de="Die Branche des Kunden.",
        example="Industrial automation",
        seen=CUSTOMER,
        label=("Industry", "Branche"),
    )
    website: Website | None = about(
        "The customer's website (http or https).",
        de="Die Website des Kunden (http oder https).",
        example="https://acme.example",
        default=None,
        seen=CUSTOMER,
        label=("Website", "Website"),
    )
    headquarters: Text | None = about(
        "Where the customer has its head office.",
        de="Wo der Kunde seinen Hauptsitz hat.",
        example="Stuttgart, DE",
        default=None,
        seen=CUSTOMER,
        label=("Headquarters", "Hauptsitz"),
    )
    kpis: list[Kpi] = about(
        "Key figures and how they developed over the years.",
        de="Kennzahlen und wie sie sich über die Jahre entwickelt haben.",
        default_factory=list,
        seen=CUSTOMER,
        label=("Key figures", "Kennzahlen"),
    )
    owners: list[Owner] = about(
        "Ownership structure: the largest shareholders.",
        de="Eigentümerstruktur: die größten Anteilseigner.",
        default_factory=list,
        seen=CUSTOMER,
        label=("Owners", "Eigentümer"),
    )
    subsidiaries: list[Subsidiary] = about(
        "The most important subsidiaries.",
        de="Die wichtigsten Tochtergesellschaften.",
        default_factory=list,
        seen=CUSTOMER,
        label=("Subsidiaries", "Tochtergesellschaften"),
    )
    goals: list[CustomerGoal] = about(
        "The customer's top three goals and projects (at most 3).",
        de="Die drei wichtigsten Ziele und Projekte des Kunden (höchstens 3).",
        default_factory=list,
        max_length=3,
        seen=CUSTOMER,
        label=("Customer goals", "Ziele des Kunden"),
    )
    market: Markdown | None = about(
        "The customer's market: size, growth, technology, regulation, their customers' wishes.",
        de="Der Markt des Kunden: Größe, Wachstum, Technik, Regulierung, die Wünsche seiner Kunden.",
        example={"file": "market.md"},
        default=None,
        seen=INTERNAL,
        label=("Market", "Markt"),
    )
    competitors: list[CustomerCompetitor] = about(
        "The customer's competitors.",
        de="Die Wettbewerber des Kunden.",
        default_factory=list,
        seen=INTERNAL,
        label=("Competitors", "Wettbewerbsumfeld"),
    )


# --- buying strategy ---------------------------------------------------------


class CategoryOwner(Part):
    """Who at the customer owns a purchasing category."""

    model_config = german("Wer beim Kunden eine Warengruppe verantwortet.")

    category: Text = about(
        "The purchasing category.",
        de="Die Warengruppe.",
        example="Drives",
        seen=CUSTOMER,
        label=("Category", "Kategorie"),
    )
    owner: Id | None = about(
        "The person in the power map who owns it (an id).",
        de="Die Person in der Power-Map, die sie verantwortet (eine ID).",
        example="mmueller",
        default=None,
        seen=CUSTOMER,
        label=("Owner", "Verantwortlich"),
    )


class BuyingStrategy(Part):
    """The buying strategy: how the customer buys."""

    model_config = german("Die Einkaufsstrategie: wie der Kunde einkauft.")

    sourcing: Sourcing | None = about(
        "How many suppliers the customer keeps per category.",
        "sourcing",
        de="Wie viele Lieferanten der Kunde je Warengruppe hält.",
        example="dual",
        default=None,
        seen=CUSTOMER,
        label=("Sourcing", "Beschaffungsstrategie"),
    )
    max_supplier_share: Percent | None = about(
        "The largest share of a category one supplier may get, in percent.",
        de="Der größte Anteil einer Warengruppe, den ein Lieferant bekommen darf, in Prozent.",
        example=40,
        default=None,
        seen=CUSTOMER,
        label=("Maximum supplier share", "Maximaler Lieferanteil"),
    )
    procurement: Procurement | None = about(
        "Where purchasing decisions are made.",
        "procurement",
        de="Wo Einkaufsentscheidungen fallen.",
        example="central",
        default=None,
        seen=CUSTOMER,
        label=("Procurement", "Beschaffung"),
    )
    buying_committee: bool | None = about(
        "Whether a buying committee decides (true or false).",
        de="Ob ein Einkaufsgremium entscheidet (true oder false).",
        example=True,
        default=None,
        seen=CUSTOMER,
        label=("Buying committee", "Einkaufsgremium"),
    )
    category_owners: list[CategoryOwner] = about(
        "Purchasing categories and the people who own them.",
        de="Warengruppen und die Personen, die sie verantworten.",
        default_factory=list,
        seen=CUSTOMER,
        label=("Category owners", "Verantwortliche je Produktgruppe"),
    )
    framework_contract_required: bool | None = about(
        "Whether a framework contract is required before ordering (true or false).",
        de="Ob vor einer Bestellung ein Rahmenvertrag nötig ist (true oder false).",
        example=True,
        default=None,
        seen=CUSTOMER,
        label=("Framework contract required", "Rahmenvertrag erforderlich"),
    )
    supplier_evaluation: Markdown | None = about(
        "How the customer rates its suppliers, and how it rated us.",
        de="Wie der Kunde seine Lieferanten bewertet und wie er uns bewertet hat.",
        example="Annual A/B/C rating; we were rated B in 2025",
        default=None,
        seen=INTERNAL,
        label=("Supplier evaluation", "Lieferantenbewertung"),
    )
    notes: Markdown | None = about(
        "Anything else about how the customer buys.",
        de="Alles Weitere dazu, wie der Kunde einkauft.",
        default=None,
        seen=INTERNAL,
        label=("Notes", "Anmerkungen"),
    )


# --- power map ---------------------------------------------------------------


class Person(Part):
    """A key person at the customer."""

    model_config = german("Eine Schlüsselperson beim Kunden.")

    id: Id = about(
        "A short unique id other fields refer to: lower-case letters, digits, - and _.",
        de="Eine kurze eindeutige ID, auf die andere Felder verweisen: Kleinbuchstaben, Ziffern, - und _.",
        example="mmueller",
        seen=CUSTOMER,
        label=("ID", "ID"),
    )
    name: Text = about(
        "The person's name.", de="Der Name der Person.", example="Martina Müller", seen=CUSTOMER, label=("Name", "Name")
    )
    title: Text | None = about(
        "Job title.",
        de="Funktion.",
        example="Chief Procurement Officer",
        default=None,
        seen=CUSTOMER,
        label=("Title", "Funktion"),
    )
    department: Text | None = about(
        "Department.",
        de="Abteilung.",
        example="Procurement",
        default=None,
        seen=CUSTOMER,
        label=("Department", "Abteilung"),
    )
    reports_to: Id | None = about(
        "The id of the person this one reports to; no cycles.",
        de="Die ID der Person, an die diese berichtet; keine Zyklen.",
        example="hgraf",
        default=None,
        seen=CUSTOMER,
        label=("Reports to", "Berichtet an"),
    )
    roles: list[Role] = about(
        "The person's roles in buying decisions, one or more.",
        "role",
        de="Die Rollen der Person bei Kaufentscheidungen, eine oder mehrere.",
        example=["decision-maker"],
        min_length=1,
        seen=INTERNAL,
        label=("Roles", "Rollen"),
    )
    influence: Influence | None = about(
        "How much say the person has in buying decisions.",
        "influence",
        de="Wie viel Gewicht die Person bei Kaufentscheidungen hat.",
        example="high",
        default=None,
        seen=INTERNAL,
        label=("Influence", "Einfluss"),
    )
    attitude: Attitude | None = about(
        "How the person stands towards us.",
        "attitude",
        de="Wie die Person zu uns steht.",
        example="positive",
        default=None,
        seen=INTERNAL,
        label=("Attitude", "Einstellung"),
    )
    contact: ContactFrequency | None = about(
        "How often we are in contact.",
        "contact",
        de="Wie oft wir in Kontakt sind.",
        example="monthly",
        default=None,
        seen=INTERNAL,
        label=("Contact", "Kontakt"),
    )
    owner: Text | None = about(
        "Who on our side holds the relationship.",
        de="Wer bei uns die Beziehung hält.",
        example="Jana Schmidt",
        default=None,
        seen=INTERNAL,
        label=("Owner", "Verantwortlich"),
    )
    notes: Markdown | None = about(
        "Our notes on the person (internal only).",
        de="Unsere Notizen zur Person (nur intern).",
        default=None,
        seen=INTERNAL,
        label=("Notes", "Anmerkungen"),
    )


class Link(Part):
    """A tie between two people other than a reporting line."""

    model_config = german("Eine Verbindung zwischen zwei Personen außer einer Berichtslinie.")

    from_: Id = about(
        "The id of the first person.",
        de="Die ID der ersten Person.",
        example="lchen",
        alias="from",
        seen=INTERNAL,
        label=("From", "Von"),
    )
    to: Id = about(
        "The id of the second person.",
        de="Die ID der zweiten Person.",
        example="mmueller",
        seen=INTERNAL,
        label=("To", "An"),
    )
    kind: LinkKind | None = about(
        "What kind of tie it is.",
        "link",
        de="Welche Art Verbindung es ist.",
        example="influences",
        default=None,
        seen=INTERNAL,
        label=("Kind", "Art"),
    )


class PowerMap(Part):
    """The power map: the key people, their roles and how they are tied."""

    model_config = german("Die Power-Map: die Schlüsselpersonen, ihre Rollen und wie sie verbunden sind.")

    people: list[Person] = about(
        "The key people at the customer.",
        de="Die Schlüsselpersonen beim Kunden.",
        default_factory=list,
        seen=CUSTOMER,
        label=("People", "Personen"),
    )
    links: list[Link] = about(
        "Ties between people other than reporting lines.",
        de="Verbindungen zwischen Personen außer Berichtslinien.",
        default_factory=list,
        seen=INTERNAL,
        label=("Ties", "Verbindungen"),
    )


# --- SWOT --------------------------------------------------------------------

_SWOT_ITEM = "Full sentences, one per item."


class Swot(Part):
    """SWOT of the customer, in full sentences."""

    model_config = german("SWOT des Kunden, in ganzen Sätzen.")

    strengths: list[Markdown] = about(
        "The customer's strengths. " + _SWOT_ITEM,
        de="Die Stärken des Kunden. Ganze Sätze, einer je Punkt.",
        seen=INTERNAL,
        label=("Strengths", "Stärken"),
    )
    weaknesses: list[Markdown] = about(
        "The customer's weaknesses. " + _SWOT_ITEM,
        de="Die Schwächen des Kunden. Ganze Sätze, einer je Punkt.",
        seen=INTERNAL,
        label=("Weaknesses", "Schwächen"),
    )
    opportunities: list[Markdown] = about(
        "The customer's opportunities. " + _SWOT_ITEM,
        de="Die Chancen des Kunden. Ganze Sätze, einer je Punkt.",
        seen=INTERNAL,
        label=("Opportunities", "Chancen"),
    )
    threats: list[Markdown] = about(
        "The customer's threats. " + _SWOT_ITEM,
        de="Die Risiken des Kunden. Ganze Sätze, einer je Punkt.",
        seen=INTERNAL,
        label=("Threats", "Risiken"),
    )
    our_contribution: Markdown | None = about(
        "How we help turn their weaknesses into strengths and lower their risks.",
        de="Wie wir helfen, seine Schwächen in Stärken zu verwandeln und seine Risiken zu senken.",
        default=None,
        seen=INTERNAL,
        label=("Our contribution", "Unser Beitrag"),
    )


class OwnSwot(Part):
    """SWOT of our own company at this account."""

    model_config = german("SWOT unseres eigenen Unternehmens bei diesem Account.")

    strengths: list[Markdown] = about(
        "Our strengths at this account. " + _SWOT_ITEM,
        de="Unsere Stärken bei diesem Account. Ganze Sätze, einer je Punkt.",
        default_factory=list,
        seen=INTERNAL,
        label=("Strengths", "Stärken"),
    )
    weaknesses: list[Markdown] = about(
        "Our weaknesses. " + _SWOT_ITEM,
        de="Unsere Schwächen. Ganze Sätze, einer je Punkt.",
        default_factory=list,
        seen=INTERNAL,
        label=("Weaknesses", "Schwächen"),
    )
    opportunities: list[Markdown] = about(
        "Our opportunities. " + _SWOT_ITEM,
        de="Unsere Chancen. Ganze Sätze, einer je Punkt.",
        default_factory=list,
        seen=INTERNAL,
        label=("Opportunities", "Chancen"),
    )
    threats: list[Markdown] = about(
        "Threats to our business here. " + _SWOT_ITEM,
        de="Risiken für unser Geschäft hier. Ganze Sätze, einer je Punkt.",
        default_factory=list,
        seen=INTERNAL,
        label=("Threats", "Risiken"),
    )


# --- own position ------------------------------------------------------------


class Won(Part):
    """A decisive project we won."""

    model_config = german("Ein entscheidendes Projekt, das wir gewonnen haben.")

    name: Text = about(
        "The project.", de="Das Projekt.", example="Line 7 retrofit", seen=INTERNAL, label=("Name", "Name")
    )
    year: Year | None = about(
        "The year it was won.",
        de="Das Jahr, in dem es gewonnen wurde.",
        example=2025,
        default=None,
        seen=INTERNAL,
        label=("Year", "Jahr"),
    )
    size: Amount | None = about(
        "Its size, in the financials' currency and unit.",
        de="Seine Größe, in Währung und Einheit der Finanzplanung.",
        example=1200,
        default=None,
        seen=INTERNAL,
        label=("Size", "Größe"),
    )
    success_criteria: Markdown | None = about(
        "Why we won it / what made it a success.",
        de="Warum wir es gewonnen haben / was es zum Erfolg machte.",
        example="On time",
        default=None,
        seen=INTERNAL,
        label=("Success criteria", "Erfolgskriterien"),
    )


class Lost(Part):
    """A decisive project we lost."""

    model_config = german("Ein entscheidendes Projekt, das wir verloren haben.")

    name: Text = about("The project.", de="Das Projekt.", example="Plant Pune", seen=INTERNAL, label=("Name", "Name"))
    year: Year | None = about(
        "The year it was lost.",
        de="Das Jahr, in dem es verloren ging.",
        example=2024,
        default=None,
        seen=INTERNAL,
        label=("Year", "Jahr"),
    )
    size: Amount | None = about(
        "Its size, in the financials' currency and unit.",
        de="Seine Größe, in Währung und Einheit der Finanzplanung.",
        example=900,
        default=None,
        seen=INTERNAL,
        label=("Size", "Größe"),
    )
    winner: Text | None = about(
        "The competitor who won it.",
        de="Der Wettbewerber, der es gewonnen hat.",
        example="Globex",
        default=None,
        seen=INTERNAL,
        label=("Winner", "Gewinner"),
    )
    reasons: Markdown | None = about(
        "Honest reasons why we lost (internal only).",
        de="Ehrliche Gründe, warum wir verloren haben (nur intern).",
        example="Price",
        default=None,
        seen=INTERNAL,
        label=("Reasons", "Gründe"),
    )


class Potential(Part):
    """A unit of the customer in the 2x2 potential portfolio."""

    model_config = german("Eine Einheit des Kunden im 2x2-Potenzialportfolio.")

    unit: Text = about(
        "The customer's unit, country company or division.",
        de="Die Einheit, Landesgesellschaft oder Sparte des Kunden.",
        example="ACME Automotive",
        seen=INTERNAL,
        label=("Unit", "Einheit"),
    )
    attitude: Annotated[int, Field(ge=-2, le=2)] = about(
        "Its attitude towards us, from -2 (hostile) to +2 (very positive).",
        de="Ihre Einstellung zu uns, von -2 (feindlich) bis +2 (sehr positiv).",
        example=2,
        seen=INTERNAL,
        label=("Attitude", "Einstellung"),
    )
    potential: Amount = about(
        "Its potential for us, in the financials' currency and unit.",
        de="Ihr Potenzial für uns, in Währung und Einheit der Finanzplanung.",
        example=3500,
        seen=INTERNAL,
        label=("Potential portfolio", "Potenzial-Portfolio"),
    )
    source: Id | None = about(
        "Where the figure comes from: the id of an entry in sources.",
        de="Woher die Zahl stammt: die ID eines Eintrags in sources.",
        label=("Source", "Quelle"),
        example="annual-report-2025",
        default=None,
        seen=INTERNAL,
    )


declare(
    "satisfaction_measure",
    ("nps", "Net Promoter Score, from -100 to 100.", "NPS", "NPS", "Net Promoter Score, von -100 bis 100."),
    (
        "score",
        "A score on a scale of its own, such as 1 to 5.",
        "Score",
        "Zufriedenheit",
        "Eine Bewertung auf eigener Skala, etwa 1 bis 5.",
    ),
)
if TYPE_CHECKING:
    SatisfactionMeasure = str
else:
    SatisfactionMeasure = closed("satisfaction_measure")


class Satisfaction(Part):
    """How satisfied the customer said it was with us, at one time: a measure, its value, and where it comes from."""

    model_config = german(
        "Wie zufrieden der Kunde mit uns war, zu einem Zeitpunkt: ein Maß, sein Wert und woher er stammt."
    )

    date: Day = about(
        "When it was measured.", de="Wann gemessen wurde.", label=("Date", "Datum"), example="2026-03-31", seen=INTERNAL
    )
    measure: SatisfactionMeasure = about(
        "What was measured.",
        "satisfaction_measure",
        de="Was gemessen wurde.",
        label=("Measure", "Maß"),
        example="nps",
        seen=INTERNAL,
    )
    value: float = about(
        "The value: an NPS from -100 to 100, or a score on its scale.",
        de="Der Wert: ein NPS von -100 bis 100 oder eine Bewertung auf ihrer Skala.",
        label=("Value", "Wert"),
        example=32,
        ge=-100,
        le=100,
        allow_inf_nan=False,
        seen=INTERNAL,
    )
    scale: int | None = about(
        "The best score of the scale (5 for 1 to 5); none for an NPS.",
        de="Die beste Bewertung der Skala (5 für 1 bis 5); keine beim NPS.",
        label=("Scale", "Skala"),
        example=5,
        default=None,
        ge=2,
        le=100,
        seen=INTERNAL,
    )
    source: Text | None = about(
        "Where the figure comes from: the survey, the review, who said it.",
        de="Woher die Zahl stammt: die Befragung, das Review, wer es gesagt hat.",
        label=("Source", "Quelle"),
        example="Customer survey spring 2026",
        default=None,
        seen=INTERNAL,
    )


class Perception(Part):
    """How the customer sees us."""

    model_config = german("Wie der Kunde uns sieht.")

    role: PerceptionRole | None = about(
        "The role the customer sees us in.",
        "perception_role",
        de="Die Rolle, in der der Kunde uns sieht.",
        example="preferred-supplier",
        default=None,
        seen=INTERNAL,
        label=("Role", "Rolle"),
    )
    positioning: Positioning | None = about(
        "What the customer knows us for.",
        "positioning",
        de="Wofür der Kunde uns kennt.",
        example="innovation-leader",
        default=None,
        seen=INTERNAL,
        label=("Positioning", "Positionierung"),
    )
    rating: Markdown | None = about(
        "What the customer's supplier rating says about us.",
        de="Was die Lieferantenbewertung des Kunden über uns sagt.",
        default=None,
        seen=INTERNAL,
        label=("Rating", "Bewertung"),
    )
    satisfaction: list[Satisfaction] = about(
        "How satisfied the customer said it was, measure by measure over time (NPS, a score), with the source of each.",
        de="Wie zufrieden der Kunde war, Messung für Messung über die Zeit (NPS, eine Bewertung), jede mit ihrer Quelle.",
        default_factory=list,
        seen=INTERNAL,
        label=("Satisfaction", "Kundenzufriedenheit"),
    )


class OwnCompetitor(Part):
    """One of our competitors at this account, seen from the customer."""

    model_config = german("Einer unserer Wettbewerber bei diesem Account, aus Sicht des Kunden.")

    name: Text = about(
        "The competitor.", de="Der Wettbewerber.", example="Globex", seen=INTERNAL, label=("Name", "Name")
    )
    strategy: Markdown | None = about(
        "Its strategy at this account.",
        de="Seine Strategie bei diesem Account.",
        default=None,
        seen=INTERNAL,
        label=("Strategy", "Strategie"),
    )
    strengths: list[Text] = about(
        "Its strengths.", de="Seine Stärken.", default_factory=list, seen=INTERNAL, label=("Strengths", "Stärken")
    )
    weaknesses: list[Text] = about(
        "Its weaknesses.", de="Seine Schwächen.", default_factory=list, seen=INTERNAL, label=("Weaknesses", "Schwächen")
    )
    key_account_manager: Text | None = about(
        "Its key account manager for this customer.",
        de="Sein Key-Account-Manager für diesen Kunden.",
        default=None,
        seen=INTERNAL,
        label=("Key account manager", "Key-Account-Manager"),
    )
    resources: Markdown | None = about(
        "The resources it puts on this account.",
        de="Die Ressourcen, die er auf diesen Account setzt.",
        default=None,
        seen=INTERNAL,
        label=("Resources", "Ressourcen"),
    )


class Position(Part):
    """Our own position as solution provider."""

    model_config = german("Unsere eigene Position als Lösungsanbieter.")

    won: list[Won] = about(
        "Decisive projects we won.",
        de="Entscheidende Projekte, die wir gewonnen haben.",
        default_factory=list,
        seen=INTERNAL,
        label=("Won", "Gewonnen"),
    )
    lost: list[Lost] = about(
        "Decisive projects we lost.",
        de="Entscheidende Projekte, die wir verloren haben.",
        default_factory=list,
        seen=INTERNAL,
        label=("Lost", "Verloren"),
    )
    potential: list[Potential] = about(
        "The customer's units by attitude and potential (2x2 portfolio).",
        de="Die Einheiten des Kunden nach Einstellung und Potenzial (2x2-Portfolio).",
        default_factory=list,
        seen=INTERNAL,
        label=("Potential portfolio", "Potenzial-Portfolio"),
    )
    perception: Perception | None = about(
        "How the customer sees us.",
        de="Wie der Kunde uns sieht.",
        default=None,
        seen=INTERNAL,
        label=("How the customer sees us", "Wahrnehmung des Kunden"),
    )
    market: Markdown | None = about(
        "Our own market, as it bears on this account.",
        de="Unser eigener Markt, soweit er diesen Account betrifft.",
        default=None,
        seen=INTERNAL,
        label=("Our market", "Unser Marktumfeld"),
    )
    competitors: list[OwnCompetitor] = about(
        "Our competitors here, seen from the customer.",
        de="Unsere Wettbewerber hier, aus Sicht des Kunden.",
        default_factory=list,
        seen=INTERNAL,
        label=("Competitors", "Wettbewerbsumfeld"),
    )
    swot: OwnSwot | None = about(
        "Our own SWOT at this account (internal only).",
        de="Unsere eigene SWOT bei diesem Account (nur intern).",
        default=None,
        seen=INTERNAL,
        label=("Our SWOT", "Unsere SWOT"),
    )


# --- mission and goals -------------------------------------------------------


class Mission(Part):
    """Our mission for this account, three to five years ahead."""

    model_config = german("Unsere Mission für diesen Account, drei bis fünf Jahre voraus.")

    statement: Markdown = about(
        "The mission, in one sentence.",
        de="Die Mission, in einem Satz.",
        example="For ACME we are the preferred worldwide partner for drive systems.",
        seen=CUSTOMER,
        label=("Statement", "Aussage"),
    )
    horizon: Year = about(
        "The year the mission looks to: 3 to 5 years after the plan's version.",
        de="Das Jahr, auf das die Mission zielt: 3 bis 5 Jahre nach der Version des Plans.",
        example=2030,
        seen=CUSTOMER,
        label=("Horizon", "Horizont"),
    )
    customer_mission: Markdown | None = about(
        "The customer's own mission, to compare.",
        de="Die eigene Mission des Kunden, zum Vergleich.",
        default=None,
        seen=CUSTOMER,
        label=("The customer's mission", "Mission des Kunden"),
    )
    company_mission: Markdown | None = about(
        "Our company's general mission, to compare.",
        de="Die allgemeine Mission unseres Unternehmens, zum Vergleich.",
        default=None,
        seen=CUSTOMER,
        label=("Our company's mission", "Unternehmensmission"),
    )


class Milestone(Part):
    """A milestone on the way to a goal."""

    model_config = german("Ein Meilenstein auf dem Weg zu einem Ziel.")

    date: Day | None = about(
        "When it is due.",
        de="Wann es fällig ist.",
        example="2026-06-30",
        default=None,
        seen=INTERNAL,
        label=("Date", "Datum"),
    )
    milestone: Text = about(
        "What is reached.",
        de="Was erreicht ist.",
        example="Framework contract renewed",
        seen=INTERNAL,
        label=("Milestone", "Meilenstein"),
    )
    reached: Day | None = about(
        "When it was reached; empty while it is still ahead. A milestone past its date and not reached is overdue.",
        de="Wann er erreicht wurde; leer, solange er noch aussteht. Ein Meilenstein nach seinem Datum, der nicht erreicht ist, ist überfällig.",
        example="2026-06-24",
        default=None,
        seen=INTERNAL,
        label=("Reached", "Erreicht"),
    )


class Action(Part):
    """A key action for a goal."""

    model_config = german("Eine Schlüsselmaßnahme für ein Ziel.")

    action: Text = about(
        "What is to be done.",
        de="Was zu tun ist.",
        example="Workshop with engineering",
        seen=INTERNAL,
        label=("Action", "Maßnahme"),
    )
    owner: Text | None = about(
        "Who does it.",
        de="Wer es tut.",
        example="T. Weber",
        default=None,
        seen=INTERNAL,
        label=("Owner", "Verantwortlich"),
    )
    due: Day | None = about(
        "When it is due.",
        de="Wann es fällig ist.",
        example="2026-03-01",
        default=None,
        seen=INTERNAL,
        label=("Due", "Fällig"),
    )
    status: ActionStatus | None = about(
        "How far it is.",
        "action_status",
        de="Wie weit sie ist.",
        example="open",
        default=None,
        seen=INTERNAL,
        label=("Status", "Status"),
    )


class Goal(Part):
    """One of our top five goals at this account, SMART."""

    model_config = german("Eines unserer fünf wichtigsten Ziele bei diesem Account, SMART.")

    id: Text = about(
        "A short unique id, for diffs and references.",
        de="Eine kurze eindeutige ID, für Vergleiche und Verweise.",
        example="drives-share",
        seen=CUSTOMER,
        label=("ID", "ID"),
    )
    goal: Text = about(
        "The goal.",
        de="Das Ziel.",
        example="Grow our share of ACME's drive purchases",
        seen=CUSTOMER,
        label=("Goal", "Ziel"),
    )
    title: Text | None = about(
        "A short title for the goal's slide, such as 'Share of drives 34 → 50 %' (optional): without one, the deck "
        "says where the metric goes by when, or the goal itself, where that fits a line.",
        de="Ein kurzer Titel für die Folie des Ziels, etwa 'Anteil Antriebe 34 → 50 %' (optional): ohne ihn nennt das "
        "Deck, wohin die Messgröße bis wann geht, oder das Ziel selbst, wo das in eine Zeile passt.",
        example="Share of drives 34 → 50 %",
        default=None,
        seen=INTERNAL,
        label=("Slide title", "Folientitel"),
    )
    metric: Text = about(
        "How the goal is measured (required: a goal without a metric is not SMART).",
        de="Wie das Ziel gemessen wird (Pflicht: ein Ziel ohne Messgröße ist nicht SMART).",
        example="Share of wallet, drives",
        seen=CUSTOMER,
        label=("Metric", "Messgröße"),
    )
    baseline: Quantity | None = about(
        "Where the metric stands today: a number or a text such as 25 %.",
        de="Wo die Messgröße heute steht: eine Zahl oder ein Text wie 25 %.",
        example="25 %",
        default=None,
        seen=INTERNAL,
        label=("Baseline", "Ausgangswert"),
    )
    target: Quantity = about(
        "Where the metric should be by the deadline (required).",
        de="Wo die Messgröße zum Termin stehen soll (Pflicht).",
        example="40 %",
        seen=CUSTOMER,
        label=("Target", "Zielwert"),
    )
    deadline: Day = about(
        "When the target is to be reached (required).",
        de="Wann das Ziel erreicht sein soll (Pflicht).",
        example="2027-12-31",
        seen=CUSTOMER,
        label=("Deadline", "Termin"),
    )
    owner: Text | None = about(
        "Who on our side owns the goal.",
        de="Wer bei uns das Ziel verantwortet.",
        example="Jana Schmidt",
        default=None,
        seen=INTERNAL,
        label=("Owner", "Verantwortlich"),
    )
    strategy: Markdown | None = about(
        "The strategy and tactics to reach it.",
        de="Strategie und Taktik, um es zu erreichen.",
        default=None,
        seen=INTERNAL,
        label=("Strategy", "Strategie"),
    )
    milestones: list[Milestone] = about(
        "Milestones on the way.",
        de="Meilensteine auf dem Weg.",
        default_factory=list,
        seen=INTERNAL,
        label=("Milestones", "Meilensteine"),
    )
    actions: list[Action] = about(
        "Key actions.", de="Schlüsselmaßnahmen.", default_factory=list, seen=INTERNAL, label=("Actions", "Maßnahmen")
    )
    resources: Markdown | None = about(
        "Prerequisites and resources needed.",
        de="Nötige Voraussetzungen und Ressourcen.",
        default=None,
        seen=INTERNAL,
        label=("Resources", "Ressourcen"),
    )
    budget: Amount | None = about(
        "The money it needs beyond the account team's own time, in the financials' currency and unit: the account "
        "summary adds up the goals' budgets.",
        de="Das Geld, das es über die Zeit des Account-Teams hinaus braucht, in Währung und Einheit der Finanzplanung: "
        "die Zusammenfassung des Accounts zählt die Budgets der Ziele zusammen.",
        example=120,
        default=None,
        seen=INTERNAL,
        label=("Budget", "Budget"),
    )
    person_days: Amount | None = about(
        "The person-days it needs from people outside the account team (engineers, product management, controlling).",
        de="Die Personentage, die es von Leuten außerhalb des Account-Teams braucht (Technik, Produktmanagement, "
        "Controlling).",
        example=60,
        default=None,
        seen=INTERNAL,
        label=("Person-days", "Personentage"),
    )
    shared: bool = about(
        "true when the goal is agreed with the customer: only such goals are in the customer's copy, with goal, metric, target and deadline.",
        de="true, wenn das Ziel mit dem Kunden abgestimmt ist: nur solche Ziele stehen in der Fassung für den Kunden, mit Ziel, Messgröße, Zielwert und Termin.",
        example=True,
        default=False,
        seen=INTERNAL,
        label=("Agreed with the customer", "Mit dem Kunden vereinbart"),
    )


# --- financials ----------------------------------------------------------------


class Product(Part):
    """The budget of one product at this account."""

    model_config = german("Das Budget eines Produkts bei diesem Account.")

    name: Text = about(
        "The product or product group.",
        de="Das Produkt oder die Produktgruppe.",
        example="Drives",
        seen=INTERNAL,
        label=("Name", "Name"),
    )
    actual: AmountsByYear = about(
        "Actual revenue per past year.",
        de="Ist-Umsatz je vergangenem Jahr.",
        example={2024: 820, 2025: 910},
        default_factory=dict,
        seen=INTERNAL,
        label=("actual", "Ist"),
    )
    plan: PlannedYears = about(
        "Planned revenue per year, at least one year, each after the last actual year.",
        de="Planumsatz je Jahr, mindestens ein Jahr, jedes nach dem letzten Ist-Jahr.",
        example={2026: 1050, 2027: 1200},
        min_length=1,
        seen=INTERNAL,
        label=("plan", "Plan"),
    )
    margin: Percent | None = about(
        "Margin in percent (internal only).",
        de="Marge in Prozent (nur intern).",
        example=32,
        default=None,
        seen=INTERNAL,
        label=("Margin", "Marge"),
    )
    estimated: list[Year] = about(
        "Actual years that still hold an estimate, such as the planned figure `kamdoc rollover` carried over, until "
        "controlling's number replaces it (each is reported as a warning).",
        de="Ist-Jahre, die noch eine Schätzung enthalten, etwa die von `kamdoc rollover` übernommene Planzahl, bis "
        "die Zahl des Controllings sie ersetzt (jedes wird als Warnung gemeldet).",
        example=[2026],
        default_factory=list,
        max_length=50,
        seen=INTERNAL,
        label=("estimated", "geschätzt"),
    )


class Financials(Part):
    """Budget plan per product."""

    model_config = german("Budgetplanung je Produkt.")

    currency: (
        Annotated[
            str,
            Kind.TEXT,
            StringConstraints(pattern=r"^[A-Z]{3}$"),
            WithJsonSchema({"type": "string", "enum": list(CURRENCIES)}),
        ]
        | None
    ) = about(
        "ISO 4217 currency code of every amount in the plan.",
        de="ISO-4217-Währungscode aller Beträge im Plan.",
        example="EUR",
        default=None,
        seen=CUSTOMER,
        label=("Currency", "Währung"),
    )
    unit: CurrencyUnit | None = about(
        "What one unit of every amount in the plan stands for.",
        "currency_unit",
        de="Wofür eine Einheit jedes Betrags im Plan steht.",
        example="thousand",
        default=None,
        seen=CUSTOMER,
        label=("Unit", "Einheit"),
    )
    products: list[Product] = about(
        "The products or product groups with actual and planned revenue.",
        de="Die Produkte oder Produktgruppen mit Ist- und Planumsatz.",
        default_factory=list,
        seen=INTERNAL,
        label=("Products", "Produkte"),
    )

    def outlook(self) -> tuple[int, float, int | None, float]:
        """The last actual year and all products' revenue in it, and the last planned year after it with its revenue
        (None and 0 where none is planned later); ValueError without an actual year."""
        first = max(y for p in self.products for y in p.actual)
        then = sum(p.actual.get(first, 0.0) for p in self.products)
        later = [y for p in self.products for y in p.plan if y > first]
        last = max(later) if later else None
        return first, then, last, sum(p.plan.get(last, 0.0) for p in self.products) if last else 0.0

    def totals(self) -> dict[int, float]:
        """All products' amounts per year, actual and planned (a year is one or the other), in year order."""
        out: dict[int, float] = {}
        for product in self.products:
            for year, amount in {**product.actual, **product.plan}.items():
                out[year] = out.get(year, 0.0) + amount
        return dict(sorted(out.items()))


# --- optional sections -------------------------------------------------------


class KeyProject(Part):
    """A tender, opportunity or project management should know about."""

    model_config = german("Eine Ausschreibung, Chance oder ein Projekt, das die Geschäftsleitung kennen sollte.")

    name: Text = about(
        "The project.", de="Das Projekt.", example="Plant Brno line equipment", seen=CUSTOMER, label=("Name", "Name")
    )
    volume: Amount | None = about(
        "Its volume, in the financials' currency and unit.",
        de="Sein Volumen, in Währung und Einheit der Finanzplanung.",
        example=2500,
        default=None,
        seen=INTERNAL,
        label=("Volume", "Volumen"),
    )
    due: Day | None = about(
        "When it is decided or due.",
        de="Wann es entschieden wird oder fällig ist.",
        example="2026-09-30",
        default=None,
        seen=CUSTOMER,
        label=("Due", "Fällig"),
    )
    budget: Amount | None = about(
        "The customer's budget for it, in the financials' currency and unit.",
        de="Das Budget des Kunden dafür, in Währung und Einheit der Finanzplanung.",
        example=2800,
        default=None,
        seen=INTERNAL,
        label=("Budget", "Budget"),
    )
    contact: Id | None = about(
        "Our contact at the customer (a power map id).",
        de="Unser Ansprechpartner beim Kunden (eine ID aus der Power-Map).",
        example="mmueller",
        default=None,
        seen=CUSTOMER,
        label=("Contact", "Kontakt"),
    )
    competitors: list[Text] = about(
        "Competitors in the race.",
        de="Wettbewerber im Rennen.",
        example=["Globex"],
        default_factory=list,
        seen=INTERNAL,
        label=("Competitors", "Wettbewerbsumfeld"),
    )
    owner: Text | None = about(
        "Who on our side owns it.",
        de="Wer es bei uns verantwortet.",
        example="Jana Schmidt",
        default=None,
        seen=CUSTOMER,
        label=("Owner", "Verantwortlich"),
    )
    stage: Stage | None = about(
        "Where it stands.",
        "stage",
        de="Wo es steht.",
        example="proposal",
        default=None,
        seen=INTERNAL,
        label=("Stage", "Phase"),
    )
    probability: Percent | None = about(
        "Chance to win, in percent.",
        de="Gewinnchance in Prozent.",
        example=60,
        default=None,
        seen=INTERNAL,
        label=("Probability", "Wahrscheinlichkeit"),
    )


class TeamMember(Part):
    """A member of our account team."""

    model_config = german("Ein Mitglied unseres Account-Teams.")

    name: Text = about(
        "The team member.", de="Das Teammitglied.", example="Jana Schmidt", seen=CUSTOMER, label=("Name", "Name")
    )
    role: Text | None = about(
        "Their role in the team.",
        de="Seine Rolle im Team.",
        example="Key account manager",
        default=None,
        seen=CUSTOMER,
        label=("Role", "Rolle"),
    )
    focus: Markdown | None = about(
        "What they look after.",
        de="Wofür es zuständig ist.",
        default=None,
        seen=CUSTOMER,
        label=("Focus", "Schwerpunkt"),
    )
    sponsor: bool | None = about(
        "Whether this is our executive sponsor for the account.",
        de="Ob dies unser Executive Sponsor für den Account ist.",
        default=None,
        seen=CUSTOMER,
        label=("Executive sponsor", "Executive Sponsor"),
    )


class Relationship(Part):
    """Who on our side addresses whom at the customer, with which message."""

    model_config = german("Wer bei uns wen beim Kunden anspricht, mit welcher Botschaft.")

    person: Id = about(
        "The person at the customer (a power map id).",
        de="Die Person beim Kunden (eine ID aus der Power-Map).",
        example="mmueller",
        seen=INTERNAL,
        label=("Person", "Person"),
    )
    owner: Text | None = about(
        "Who on our side holds the contact.",
        de="Wer bei uns den Kontakt hält.",
        example="Jana Schmidt",
        default=None,
        seen=INTERNAL,
        label=("Owner", "Verantwortlich"),
    )
    message: Markdown | None = about(
        "The message we want the person to hear.",
        de="Die Botschaft, die die Person hören soll.",
        default=None,
        seen=INTERNAL,
        label=("Message", "Botschaft"),
    )
    frequency: ContactFrequency | None = about(
        "How often.",
        "contact",
        de="Wie oft.",
        example="monthly",
        default=None,
        seen=INTERNAL,
        label=("Frequency", "Häufigkeit"),
    )


class MarketingEvent(Part):
    """An event for the account in the next two years."""

    model_config = german("Eine Veranstaltung für den Account in den nächsten zwei Jahren.")

    date: Day | None = about(
        "When it takes place.",
        de="Wann sie stattfindet.",
        example="2026-05-12",
        default=None,
        seen=CUSTOMER,
        label=("Date", "Datum"),
    )
    event: Text = about(
        "The event.",
        de="Die Veranstaltung.",
        example="Tech day at ACME Stuttgart",
        seen=CUSTOMER,
        label=("Event", "Veranstaltung"),
    )
    format: Text | None = about(
        "Its format (free text), e.g. in-house fair, workshop, expert talk.",
        de="Ihr Format (freier Text), z. B. Hausmesse, Workshop, Fachgespräch.",
        example="in-house fair",
        default=None,
        seen=CUSTOMER,
        label=("Format", "Format"),
    )
    audience: Text | None = about(
        "Who at the customer it is for.",
        de="Für wen beim Kunden sie gedacht ist.",
        example="Engineering",
        default=None,
        seen=CUSTOMER,
        label=("Audience", "Zielgruppe"),
    )


# --- risks (optional) --------------------------------------------------------

declare(
    "risk_category",
    (
        "commercial",
        "Price, volume or terms of the business.",
        "Commercial",
        "Kommerziell",
        "Preis, Volumen oder Konditionen des Geschäfts.",
    ),
    (
        "relationship",
        "People and how they stand to us.",
        "Relationship",
        "Beziehung",
        "Personen und wie sie zu uns stehen.",
    ),
    (
        "competition",
        "A competitor taking business from us.",
        "Competition",
        "Wettbewerb",
        "Ein Wettbewerber nimmt uns Geschäft ab.",
    ),
    (
        "delivery",
        "Our delivery, quality or service.",
        "Delivery",
        "Lieferung",
        "Unsere Lieferung, Qualität oder unser Service.",
    ),
    ("technical", "Technology, fit or integration.", "Technical", "Technik", "Technik, Passung oder Integration."),
    ("legal", "Contracts, compliance or regulation.", "Legal", "Recht", "Verträge, Compliance oder Regulierung."),
    (
        "financial",
        "The customer's finances or payments.",
        "Financial",
        "Finanzen",
        "Die Finanzen oder Zahlungen des Kunden.",
    ),
)
declare(
    "level",
    ("low", "Unlikely, or small if it happens.", "Low", "Niedrig", "Unwahrscheinlich, oder klein, wenn es eintritt."),
    (
        "medium",
        "Possible, or noticeable if it happens.",
        "Medium",
        "Mittel",
        "Möglich, oder spürbar, wenn es eintritt.",
    ),
    ("high", "Likely, or severe if it happens.", "High", "Hoch", "Wahrscheinlich, oder schwer, wenn es eintritt."),
)
declare(
    "risk_status",
    ("open", "Nothing is done about it yet.", "Open", "Offen", "Noch geschieht nichts dagegen."),
    ("mitigating", "The mitigation is under way.", "Mitigating", "In Bearbeitung", "Die Gegenmaßnahme läuft."),
    ("closed", "No longer a risk.", "Closed", "Erledigt", "Kein Risiko mehr."),
)
if TYPE_CHECKING:
    RiskCategory = str
    Level = str
    RiskStatus = str
else:
    RiskCategory, Level, RiskStatus = closed("risk_category"), closed("level"), closed("risk_status")


class Risk(Part):
    """A risk to our business at the account: how likely, how bad, who deals with it and how."""

    model_config = german(
        "Ein Risiko für unser Geschäft beim Kunden: wie wahrscheinlich, wie schwer, wer sich kümmert und wie."
    )

    description: Text = about(
        "What could go wrong, in one sentence.",
        de="Was schiefgehen kann, in einem Satz.",
        label=("Risk", "Risiko"),
        example="The new CFO moves the service contract to a tender",
        seen=INTERNAL,
    )
    category: RiskCategory | None = about(
        "What kind of risk it is.",
        "risk_category",
        de="Welche Art Risiko es ist.",
        label=("Category", "Art"),
        default=None,
        seen=INTERNAL,
    )
    likelihood: Level = about(
        "How likely it is to happen.",
        "level",
        de="Wie wahrscheinlich es eintritt.",
        label=("Likelihood", "Wahrscheinlichkeit"),
        example="medium",
        seen=INTERNAL,
    )
    impact: Level = about(
        "How much it would hurt our business here.",
        "level",
        de="Wie sehr es unserem Geschäft hier schaden würde.",
        label=("Impact", "Auswirkung"),
        example="high",
        seen=INTERNAL,
    )
    owner: Text | None = about(
        "Who deals with it: the id of a person in the power map, or the name of a member of our account team.",
        de="Wer sich darum kümmert: die ID einer Person der Power-Map oder der Name eines Mitglieds unseres Account-Teams.",
        label=("Owner", "Verantwortlich"),
        example="Jana Schmidt",
        default=None,
        seen=INTERNAL,
    )
    mitigation: Markdown | None = about(
        "What we do to make it less likely or less harmful.",
        de="Was wir tun, damit es unwahrscheinlicher oder weniger schädlich wird.",
        label=("Mitigation", "Gegenmaßnahme"),
        default=None,
        seen=INTERNAL,
    )
    status: RiskStatus = about(
        "Where the risk stands.",
        "risk_status",
        de="Wo das Risiko steht.",
        label=("Status", "Status"),
        default="open",
        seen=INTERNAL,
    )
    due: Day | None = about(
        "When the mitigation is to be done.",
        de="Bis wann die Gegenmaßnahme erledigt sein soll.",
        label=("Due", "Fällig"),
        default=None,
        seen=INTERNAL,
    )


# --- contracts (optional) ----------------------------------------------------

declare(
    "contract_kind",
    (
        "framework",
        "Sets terms for orders to come.",
        "Framework agreement",
        "Rahmenvertrag",
        "Legt Konditionen für künftige Bestellungen fest.",
    ),
    ("supply", "Delivery of products.", "Supply contract", "Liefervertrag", "Lieferung von Produkten."),
    (
        "service",
        "Services, maintenance or support.",
        "Service contract",
        "Servicevertrag",
        "Dienstleistungen, Wartung oder Support.",
    ),
    (
        "licence",
        "The right to use software or rights.",
        "Licence",
        "Lizenz",
        "Das Recht, Software oder Rechte zu nutzen.",
    ),
    ("nda", "Confidentiality.", "Non-disclosure agreement", "Geheimhaltungsvereinbarung", "Vertraulichkeit."),
    ("other", "Any other agreement.", "Other", "Sonstiger Vertrag", "Jede andere Vereinbarung."),
)
if TYPE_CHECKING:
    ContractKind = str
else:
    ContractKind = closed("contract_kind")


class Contract(Part):
    """A contract with the customer: when it runs, by when it can be given notice, and what it is worth."""

    model_config = german(
        "Ein Vertrag mit dem Kunden: wie lange er läuft, bis wann er gekündigt werden kann und was er wert ist."
    )

    name: Text = about(
        "The contract, as both sides call it.",
        de="Der Vertrag, wie beide Seiten ihn nennen.",
        label=("Contract", "Vertrag"),
        example="Framework agreement drives 2025",
        seen=CUSTOMER,
    )
    kind: ContractKind | None = about(
        "What kind of contract it is.",
        "contract_kind",
        de="Welche Art Vertrag es ist.",
        label=("Kind", "Art"),
        default=None,
        seen=CUSTOMER,
    )
    start: Day | None = about(
        "When it started.",
        de="Wann er begann.",
        label=("Start", "Beginn"),
        example="2025-01-01",
        default=None,
        seen=CUSTOMER,
    )
    end: Day | None = about(
        "When it ends, unless renewed.",
        de="Wann er endet, wenn er nicht verlängert wird.",
        label=("End", "Ende"),
        example="2027-12-31",
        default=None,
        seen=CUSTOMER,
    )
    notice_months: int | None = about(
        "Months of notice before the end; the notice date follows from the end.",
        de="Kündigungsfrist in Monaten vor dem Ende; der Kündigungstermin ergibt sich aus dem Ende.",
        label=("Notice period (months)", "Kündigungsfrist (Monate)"),
        example=6,
        default=None,
        ge=0,
        le=120,
        seen=INTERNAL,
    )
    notice_date: Day | None = about(
        "The last day notice can be given, where the contract names one (else the end less the notice period).",
        de="Der letzte Tag, an dem gekündigt werden kann, wo der Vertrag ihn nennt (sonst das Ende abzüglich der Frist).",
        label=("Notice by", "Kündigung bis"),
        default=None,
        seen=INTERNAL,
    )
    auto_renewal: bool | None = about(
        "Whether it renews itself unless notice is given.",
        de="Ob er sich verlängert, wenn nicht gekündigt wird.",
        label=("Renews itself", "Verlängert sich"),
        default=None,
        seen=INTERNAL,
    )
    annual_value: Amount | None = about(
        "What it is worth a year, in the financials' currency and unit.",
        de="Was er im Jahr wert ist, in Währung und Einheit der Finanzplanung.",
        label=("Annual value", "Jahreswert"),
        example=2400,
        default=None,
        seen=INTERNAL,
    )
    owner: Text | None = about(
        "Who looks after it: the id of a person in the power map, or the name of a member of our account team.",
        de="Wer ihn betreut: die ID einer Person der Power-Map oder der Name eines Mitglieds unseres Account-Teams.",
        label=("Owner", "Verantwortlich"),
        default=None,
        seen=INTERNAL,
    )

    def notice_by(self) -> date | None:
        """The last day notice can be given: the one the contract names, else the day before the end's next day less the
        notice period (a term ending 30 June with six months' notice: 31 December)."""
        if self.notice_date is not None or self.end is None or self.notice_months is None:
            return self.notice_date
        after = self.end + timedelta(days=1) if self.end < date.max else self.end
        months = after.year * 12 + after.month - 1 - self.notice_months
        year, month = divmod(months, 12)
        if year < 1:  # notice before the calendar's first year: no day to give it on
            return None
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        last = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month]
        shifted = date(year, month + 1, min(after.day, last))
        return shifted - timedelta(days=1) if shifted > date.min else shifted


# --- whitespace (optional): our offerings across the customer's units --------------------

MAX_OFFERINGS = MAX_UNITS = 40
"""Rows and columns of the whitespace matrix: a real one has a dozen of each; the cap bounds its cells at 1,600."""

declare(
    "offering_kind",
    ("product", "Something we deliver.", "Product", "Produkt", "Etwas, das wir liefern."),
    ("service", "Work we do for the customer.", "Service", "Dienstleistung", "Arbeit, die wir für den Kunden tun."),
    (
        "solution",
        "Products and services sold together.",
        "Solution",
        "Lösung",
        "Produkte und Dienstleistungen, zusammen verkauft.",
    ),
)
declare(
    "unit_kind",
    ("division", "A division or business unit.", "Division", "Sparte", "Eine Sparte oder ein Geschäftsbereich."),
    ("site", "A plant, office or location.", "Site", "Standort", "Ein Werk, Büro oder Standort."),
    ("function", "A function such as purchasing or IT.", "Function", "Funktion", "Eine Funktion wie Einkauf oder IT."),
    ("subsidiary", "A subsidiary company.", "Subsidiary", "Tochtergesellschaft", "Eine Tochtergesellschaft."),
)
declare(
    "cell_status",
    ("ours", "The unit buys it from us.", "Ours", "Bei uns", "Die Einheit kauft es bei uns."),
    (
        "competitor",
        "The unit buys it from a competitor (name it).",
        "Competitor",
        "Wettbewerber",
        "Die Einheit kauft es bei einem Wettbewerber (ihn nennen).",
    ),
    (
        "potential",
        "The unit could buy it from us (give an estimate).",
        "Potential",
        "Potenzial",
        "Die Einheit könnte es bei uns kaufen (mit Schätzung).",
    ),
    ("no_fit", "The unit has no need for it.", "No fit", "Kein Bedarf", "Die Einheit braucht es nicht."),
    ("unknown", "We do not know yet.", "Unknown", "Unbekannt", "Wissen wir noch nicht."),
)
if TYPE_CHECKING:
    OfferingKind = str
    UnitKind = str
    CellStatus = str
else:
    OfferingKind, UnitKind, CellStatus = closed("offering_kind"), closed("unit_kind"), closed("cell_status")


class Offering(Part):
    """One of our offerings: a row of the whitespace matrix."""

    model_config = german("Eines unserer Angebote: eine Zeile der Whitespace-Matrix.")

    name: Text = about(
        "The offering, as our price list names it.",
        de="Das Angebot, wie unsere Preisliste es nennt.",
        label=("Offering", "Angebot"),
        example="Servo drives",
        seen=INTERNAL,
    )
    kind: OfferingKind | None = about(
        "What kind of offering it is.",
        "offering_kind",
        de="Welche Art Angebot es ist.",
        label=("Kind", "Art"),
        default=None,
        seen=INTERNAL,
    )


class CustomerUnit(Part):
    """One of the customer's units: a column of the whitespace matrix."""

    model_config = german("Eine Einheit des Kunden: eine Spalte der Whitespace-Matrix.")

    name: Text = about(
        "The unit: a division, site, function or subsidiary (as profile.subsidiaries or the potential portfolio name "
        "it, where it is one of those).",
        de="Die Einheit: eine Sparte, ein Standort, eine Funktion oder eine Tochter (so benannt wie in "
        "profile.subsidiaries oder im Potenzial-Portfolio, wo sie dort steht).",
        label=("Unit", "Einheit"),
        example="Plant Ulm",
        seen=INTERNAL,
    )
    kind: UnitKind | None = about(
        "What kind of unit it is.",
        "unit_kind",
        de="Welche Art Einheit es ist.",
        label=("Kind", "Art"),
        default=None,
        seen=INTERNAL,
    )


class Cell(Part):
    """Where one offering stands at one unit; a pair the plan does not list is unknown."""

    model_config = german("Wo ein Angebot bei einer Einheit steht; ein Paar, das der Plan nicht nennt, ist unbekannt.")

    offering: Text = about(
        "The offering: a name from whitespace.offerings.",
        de="Das Angebot: ein Name aus whitespace.offerings.",
        label=("Offering", "Angebot"),
        example="Servo drives",
        seen=INTERNAL,
    )
    unit: Text = about(
        "The unit: a name from whitespace.units.",
        de="Die Einheit: ein Name aus whitespace.units.",
        label=("Unit", "Einheit"),
        example="Plant Ulm",
        seen=INTERNAL,
    )
    status: CellStatus = about(
        "Who supplies the unit with the offering.",
        "cell_status",
        de="Wer die Einheit mit dem Angebot beliefert.",
        label=("Status", "Status"),
        example="potential",
        seen=INTERNAL,
    )
    competitor: Text | None = about(
        "Who supplies it, where that is a competitor.",
        de="Wer liefert, wo es ein Wettbewerber ist.",
        label=("Competitor", "Wettbewerber"),
        example="Drivetec",
        default=None,
        seen=INTERNAL,
    )
    potential: Amount | None = about(
        "What the unit could buy from us a year, in the financials' currency and unit.",
        de="Was die Einheit im Jahr bei uns kaufen könnte, in Währung und Einheit der Finanzplanung.",
        label=("Potential", "Potenzial"),
        example=400,
        default=None,
        seen=INTERNAL,
    )
    note: Text | None = about(
        "What else to know about the cell.",
        de="Was man sonst über das Feld wissen sollte.",
        label=("Note", "Notiz"),
        default=None,
        seen=INTERNAL,
    )


class Whitespace(Part):
    """Our offerings against the customer's units: who supplies what where, and where we could sell more."""

    model_config = german(
        "Unsere Angebote gegen die Einheiten des Kunden: wer wo was liefert, und wo wir mehr verkaufen könnten."
    )

    offerings: list[Offering] = about(
        f"Our offerings, the matrix's rows (1 to {MAX_OFFERINGS}).",
        de=f"Unsere Angebote, die Zeilen der Matrix (1 bis {MAX_OFFERINGS}).",
        label=("Offerings", "Angebote"),
        min_length=1,
        max_length=MAX_OFFERINGS,
        seen=INTERNAL,
    )
    units: list[CustomerUnit] = about(
        f"The customer's units, the matrix's columns (1 to {MAX_UNITS}).",
        de=f"Die Einheiten des Kunden, die Spalten der Matrix (1 bis {MAX_UNITS}).",
        label=("Units", "Einheiten"),
        min_length=1,
        max_length=MAX_UNITS,
        seen=INTERNAL,
    )
    cells: list[Cell] = about(
        "Where each offering stands at each unit; a pair not listed is unknown.",
        de="Wo jedes Angebot bei jeder Einheit steht; ein nicht genanntes Paar ist unbekannt.",
        label=("Cells", "Felder"),
        default_factory=list,
        max_length=MAX_OFFERINGS * MAX_UNITS,
        seen=INTERNAL,
    )

    def potential(self) -> float:
        """The potential of every cell that has one, summed."""
        return sum(c.potential or 0.0 for c in self.cells if c.status == "potential")


# --- assessment (optional): account selection and prioritisation --------------------


class Score(Part):
    """How the account scores on one selection criterion of kamdoc.yaml."""

    model_config = german("Wie der Account bei einem Auswahlkriterium aus kamdoc.yaml abschneidet.")

    score: Annotated[int, Field(ge=1, le=5)] = about(
        "1 (poor) to 5 (excellent).",
        de="1 (schwach) bis 5 (hervorragend).",
        example=4,
        seen=INTERNAL,
        label=("Score", "Bewertung"),
    )
    reason: Text = about(
        "Why, in one line.",
        de="Warum, in einer Zeile.",
        example="Plans two new plants by 2028",
        seen=INTERNAL,
        label=("Reason", "Begründung"),
    )


class KnockOutAnswer(Part):
    """Whether the account meets one knock-out criterion of kamdoc.yaml."""

    model_config = german("Ob der Account ein K.-o.-Kriterium aus kamdoc.yaml erfüllt.")

    met: bool = about(
        "true when the account meets the criterion; an account that misses one is no key account.",
        de="true, wenn der Account das Kriterium erfüllt; ein Account, der eines verfehlt, ist kein Key Account.",
        example=True,
        seen=INTERNAL,
        label=("Met", "Erfüllt"),
    )
    reason: Text | None = about(
        "Why, in one line.",
        de="Warum, in einer Zeile.",
        example="4,200 IT workplaces",
        default=None,
        seen=INTERNAL,
        label=("Reason", "Begründung"),
    )


class Assessment(Part):
    """How attractive the account is to us and how strong we are there: the basis of the portfolio view."""

    model_config = german(
        "Wie attraktiv der Account für uns ist und wie stark wir dort sind: die Grundlage der Portfolio-Sicht."
    )

    scores: dict[Id, Score] = about(
        "A score per selection criterion of kamdoc.yaml (`portfolio.criteria`), by the criterion's id.",
        de="Eine Bewertung je Auswahlkriterium aus kamdoc.yaml (`portfolio.criteria`), nach der ID des Kriteriums.",
        example={"revenue_potential": {"score": 4, "reason": "Plans two new plants by 2028"}},
        default_factory=dict,
        seen=INTERNAL,
        label=("Scores", "Bewertungen"),
    )
    partnership: Partnership | None = about(
        "The kind of partnership we have with the account.",
        "partnership",
        de="Die Art der Partnerschaft, die wir mit dem Account haben.",
        example="operative",
        default=None,
        seen=INTERNAL,
        label=("Partnership", "Partnerschaft"),
    )
    share_of_wallet: Percent | None = about(
        "Our share of the customer's spend on what we sell, in percent.",
        de="Unser Anteil an den Ausgaben des Kunden für das, was wir verkaufen, in Prozent.",
        example=25,
        default=None,
        seen=INTERNAL,
        label=("Share of wallet", "Share of Wallet"),
    )
    knock_outs: dict[Id, KnockOutAnswer] = about(
        "An answer per knock-out criterion of kamdoc.yaml (`portfolio.knock_outs`), by the criterion's id.",
        de="Eine Antwort je K.-o.-Kriterium aus kamdoc.yaml (`portfolio.knock_outs`), nach der ID des Kriteriums.",
        example={"it_workplaces": {"met": True, "reason": "4,200 IT workplaces"}},
        default_factory=dict,
        seen=INTERNAL,
        label=("Knock-out criteria", "K.-o.-Kriterien"),
    )


# --- sources (optional): where the plan's facts come from ----------------------------------


class Source(Part):
    """A source the plan cites: from a Markdown text as `[^id]`, or from a figure's `source`."""

    model_config = german(
        "Eine Quelle, die der Plan nennt: aus einem Markdown-Text als `[^id]` oder aus `source` einer Zahl."
    )

    id: Id = about(
        "How the plan cites it: lower-case letters, digits, - and _.",
        de="Wie der Plan sie zitiert: Kleinbuchstaben, Ziffern, - und _.",
        label=("Id", "ID"),
        example="annual-report-2025",
        seen=INTERNAL,
    )
    title: Text = about(
        "What it is: the report, article, study or conversation.",
        de="Was sie ist: der Bericht, Artikel, die Studie oder das Gespräch.",
        label=("Title", "Titel"),
        example="Annual report 2025",
        seen=INTERNAL,
    )
    by: Text | None = about(
        "Who published or said it: a publisher, an institute, a person.",
        de="Wer sie veröffentlicht oder gesagt hat: ein Verlag, ein Institut, eine Person.",
        label=("By", "Von"),
        example="ACME AG",
        default=None,
        seen=INTERNAL,
    )
    date: Day | None = about(
        "When it was published or said.",
        de="Wann sie veröffentlicht oder gesagt wurde.",
        label=("Date", "Datum"),
        example="2026-03-15",
        default=None,
        seen=INTERNAL,
    )
    url: Website | None = about(
        "Where it can be read (http or https).",
        de="Wo sie nachzulesen ist (http oder https).",
        label=("Web address", "Webadresse"),
        default=None,
        seen=INTERNAL,
    )
    file: RelativeFile | None = about(
        "Where it is kept in the plans repository, relative to the plan.",
        de="Wo sie im Plan-Repository liegt, relativ zum Plan.",
        label=("File", "Datei"),
        default=None,
        seen=INTERNAL,
    )


# --- deck (optional): how this plan's deck is made -----------------------------------------


class DeckSettings(Part):
    """How this plan's deck is made, where the plan wants other than kamdoc's defaults."""

    model_config = german("Wie das Deck dieses Plans gemacht wird, wo der Plan anderes will als kamdoc vorgibt.")

    summary: bool = about(
        "Whether our own copy opens with the account on a page after the cover (the default), or not.",
        de="Ob unsere Fassung nach dem Deckblatt mit dem Account auf einer Seite beginnt (die Vorgabe) oder nicht.",
        label=("Summary", "Zusammenfassung"),
        example=False,
        default=True,
        seen=INTERNAL,
    )


LanguageField = Annotated[Language, _closed("language")]
"""The plan's `language`: the deck's labels, dates and number formats."""
