"""The typed plan of format 1: the one definition of the standard that validation, the JSON Schema and the renderers share."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo

from kamdoc.limits import MAX_AMOUNT, MAX_TEXT
from kamdoc.standard.currencies import CURRENCIES
from kamdoc.standard.vocab import VOCABULARY, Language


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
                    "properties": {
                        "file": {
                            "type": "string",
                            "description": "Path of a Markdown file, relative to the plan file, inside the plans repo.",
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


# The closed lists as types. The values are written out so that type checkers see them; CLOSED ties each type
# to its list in the vocabulary, and a test holds the two to the same values.
Status = Annotated[Literal["draft", "review", "approved"], _closed("status")]
Relation = Annotated[Literal["customer", "prospect", "competitor", "none"], _closed("relation")]
Sourcing = Annotated[Literal["single", "dual", "multiple"], _closed("sourcing")]
Procurement = Annotated[Literal["central", "decentral", "mixed"], _closed("procurement")]
Role = Annotated[
    Literal["decision-maker", "user", "influencer", "ratifier", "specifier", "door-opener", "buyer"], _closed("role")
]
Influence = Annotated[Literal["high", "medium", "low"], _closed("influence")]
Attitude = Annotated[Literal["mentor", "positive", "neutral", "negative", "enemy"], _closed("attitude")]
ContactFrequency = Annotated[Literal["weekly", "monthly", "quarterly", "yearly", "none"], _closed("contact")]
LinkKind = Annotated[Literal["influences", "allies", "rivals"], _closed("link")]
PerceptionRole = Annotated[
    Literal["one-off-supplier", "supplier", "preferred-supplier", "strategic-partner"], _closed("perception_role")
]
Positioning = Annotated[
    Literal["price-leader", "quality-leader", "innovation-leader", "service-leader"], _closed("positioning")
]
CurrencyUnit = Annotated[Literal["one", "thousand", "million"], _closed("currency_unit")]
Stage = Annotated[Literal["lead", "qualification", "proposal", "negotiation", "won", "lost"], _closed("stage")]
Partnership = Annotated[Literal["lean", "operative", "strategic"], _closed("partnership")]
ActionStatus = Annotated[Literal["open", "in-progress", "done"], _closed("action_status")]

CLOSED: dict[str, object] = {
    "status": Status,
    "relation": Relation,
    "sourcing": Sourcing,
    "procurement": Procurement,
    "role": Role,
    "influence": Influence,
    "attitude": Attitude,
    "contact": ContactFrequency,
    "link": LinkKind,
    "perception_role": PerceptionRole,
    "positioning": Positioning,
    "currency_unit": CurrencyUnit,
    "stage": Stage,
    "partnership": Partnership,
    "action_status": ActionStatus,
}
"""Each closed list's name and its field type."""


Seen = Literal["customer", "internal"]
CUSTOMER: Seen = "customer"
"""A field the customer's copy shows."""
INTERNAL: Seen = "internal"
"""A field only our side sees: what a field is when it declares nothing, for the customer's copy is an allow-list."""
AUDIENCE_KEY = "x-kamdoc-audience"
"""Where a field's declaration of who sees it is kept: in its JSON Schema, so that other tools can honour it too."""


def about(
    text: str, vocabulary: str | None = None, example: Any = None, seen: Seen | None = None, **kwargs: Any
) -> Any:
    """A field's description (with the meaning of each allowed value), example and audience, for the JSON Schema.

    `seen` says who sees the field: `CUSTOMER` puts it in the customer's copy; a test holds every field to a declaration.
    """
    if vocabulary:
        text += (
            " Allowed: " + "; ".join(f"`{t.value}` ({t.meaning[:-1].lower()})" for t in VOCABULARY[vocabulary]) + "."
        )
    extra: dict[str, Any] = {"description": text}
    if example is not None:
        extra["examples"] = [example]
    if seen is not None:
        extra["json_schema_extra"] = {AUDIENCE_KEY: seen}
    return Field(**extra, **kwargs)


def seen_by(info: FieldInfo) -> Seen | None:
    """Who a field declares may see it, or None when it declares nothing (then it is internal)."""
    extra = info.json_schema_extra
    value = extra.get(AUDIENCE_KEY) if isinstance(extra, dict) else None
    return CUSTOMER if value == CUSTOMER else INTERNAL if value == INTERNAL else None


class Part(BaseModel):
    """Base of every part of a plan: strict types, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# --- cover -----------------------------------------------------------------


class Cover(Part):
    """The cover: who the plan is for, by whom, and which version."""

    account: Text = about("The customer's name as the deck shows it.", example="ACME Industrial Group", seen=CUSTOMER)
    division: Text | None = about(
        "The customer's division this plan covers, where the customer has several large ones.",
        example="Factory Automation",
        default=None,
        seen=CUSTOMER,
    )
    key_account_manager: Text = about(
        "Our key account manager who owns the plan.", example="Jana Schmidt", seen=CUSTOMER
    )
    logo: RelativeFile | None = about(
        "The customer's logo: a PNG, JPEG or SVG file, relative to the plan, inside the plans repo. URLs are refused.",
        example="acme-logo.png",
        default=None,
        seen=CUSTOMER,
    )
    version: Day = about(
        "The plan's version: the date it was last revised (YYYY-MM-DD).", example="2026-11-15", seen=CUSTOMER
    )
    status: Status | None = about("How far the plan is.", "status", example="draft", default=None, seen=INTERNAL)
    next_review: Day | None = about(
        "When the plan is reviewed next; a past date is a warning.", example="2027-02-15", default=None, seen=INTERNAL
    )
    confidentiality: Text | None = about(
        "Confidentiality marking shown in every slide's footer of our own copy.",
        example="Internal",
        default=None,
        seen=INTERNAL,
    )
    customer_confidentiality: Text | None = about(
        'The marking in the customer\'s copy\'s footer; without it the copy says "Confidential" (German: "Vertraulich").',
        example="Confidential",
        default=None,
        seen=CUSTOMER,
    )

    @property
    def full_name(self) -> str:
        """The account with its division, as footers and tables name it: "ACME – Factory Automation"."""
        return self.account + (f" – {self.division}" if self.division else "")


# --- profile ---------------------------------------------------------------


class Kpi(Part):
    """A key figure of the customer and how it developed."""

    name: Text = about("What the figure is.", example="Revenue", seen=CUSTOMER)
    unit: Text | None = about("The unit of the values.", example="EUR m", default=None, seen=CUSTOMER)
    values: FiguresByYear = about(
        "The figure per year: four-digit years as keys.", example={2024: 432, 2025: 455}, seen=CUSTOMER
    )
    benchmark: Markdown | None = about(
        "How the customer compares with its competitors on this figure.",
        example="Peer median grew 3 % a year",
        default=None,
        seen=INTERNAL,
    )


class Owner(Part):
    """A shareholder of the customer."""

    name: Text = about("The shareholder.", example="Müller Family Holding", seen=CUSTOMER)
    share: Percent = about("Share in percent, 0 to 100; all owners together at most 100.", example=51, seen=CUSTOMER)
    influence: Markdown | None = about(
        "The owner's influence on buying decisions and goals for the holding.",
        example="Approves all capex above EUR 5 m",
        default=None,
        seen=INTERNAL,
    )


class Subsidiary(Part):
    """A subsidiary of the customer."""

    name: Text = about("The subsidiary's name.", example="ACME Robotics s.r.o.", seen=CUSTOMER)
    country: Text | None = about(
        "Country, e.g. an ISO 3166 code (quote NO for Norway).", example="CZ", default=None, seen=CUSTOMER
    )
    relation: Relation | None = about(
        "Its relation to us.", "relation", example="customer", default=None, seen=INTERNAL
    )


class CustomerGoal(Part):
    """One of the customer's top three goals or projects, written SMART."""

    goal: Text = about(
        "The goal: specific, measurable, achievable, relevant and time-bound.",
        example="Raise market share in Asia by 10 % in all product lines by end of 2027",
        seen=CUSTOMER,
    )
    deadline: Day | None = about(
        "When the customer wants to reach it.", example="2027-12-31", default=None, seen=CUSTOMER
    )
    departments: list[Text] = about(
        "The customer's departments that own the goal.", example=["Sales Asia"], default_factory=list, seen=CUSTOMER
    )
    contacts: list[Id] = about(
        "People in the power map who drive the goal (their ids).",
        example=["lchen"],
        default_factory=list,
        seen=INTERNAL,
    )


class CustomerCompetitor(Part):
    """A competitor of the customer in its own market."""

    name: Text = about("The competitor.", example="Globex", seen=INTERNAL)
    positioning: Markdown | None = about(
        "How it positions itself in the market, with key figures.",
        example="Price leader in Asia",
        default=None,
        seen=INTERNAL,
    )
    strengths: list[Text] = about("Its strengths.", example=["Low cost base"], default_factory=list, seen=INTERNAL)
    weaknesses: list[Text] = about(
        "Its weaknesses.", example=["Thin service network"], default_factory=list, seen=INTERNAL
    )


class Profile(Part):
    """The customer profile: the customer in our own words, key figures, owners, goals, market and competitors."""

    summary: Markdown = about(
        "What the customer does, in our own words (not their PR text).",
        example="ACME builds drive trains for factory robots ...",
        seen=CUSTOMER,
    )
    industry: Text = about("The customer's industry.", example="Industrial automation", seen=CUSTOMER)
    website: Website | None = about(
        "The customer's website (http or https).", example="https://acme.example", default=None, seen=CUSTOMER
    )
    headquarters: Text | None = about(
        "Where the customer has its head office.", example="Stuttgart, DE", default=None, seen=CUSTOMER
    )
    kpis: list[Kpi] = about("Key figures and how they developed over the years.", default_factory=list, seen=CUSTOMER)
    owners: list[Owner] = about("Ownership structure: the largest shareholders.", default_factory=list, seen=CUSTOMER)
    subsidiaries: list[Subsidiary] = about("The most important subsidiaries.", default_factory=list, seen=CUSTOMER)
    goals: list[CustomerGoal] = about(
        "The customer's top three goals and projects (at most 3).", default_factory=list, max_length=3, seen=CUSTOMER
    )
    market: Markdown | None = about(
        "The customer's market: size, growth, technology, regulation, their customers' wishes.",
        example={"file": "market.md"},
        default=None,
        seen=INTERNAL,
    )
    competitors: list[CustomerCompetitor] = about("The customer's competitors.", default_factory=list, seen=INTERNAL)


# --- buying strategy ---------------------------------------------------------


class CategoryOwner(Part):
    """Who at the customer owns a purchasing category."""

    category: Text = about("The purchasing category.", example="Drives", seen=CUSTOMER)
    owner: Id | None = about(
        "The person in the power map who owns it (an id).", example="mmueller", default=None, seen=CUSTOMER
    )


class BuyingStrategy(Part):
    """The buying strategy: how the customer buys."""

    sourcing: Sourcing | None = about(
        "How many suppliers the customer keeps per category.", "sourcing", example="dual", default=None, seen=CUSTOMER
    )
    max_supplier_share: Percent | None = about(
        "The largest share of a category one supplier may get, in percent.", example=40, default=None, seen=CUSTOMER
    )
    procurement: Procurement | None = about(
        "Where purchasing decisions are made.", "procurement", example="central", default=None, seen=CUSTOMER
    )
    buying_committee: bool | None = about(
        "Whether a buying committee decides (true or false).", example=True, default=None, seen=CUSTOMER
    )
    category_owners: list[CategoryOwner] = about(
        "Purchasing categories and the people who own them.", default_factory=list, seen=CUSTOMER
    )
    framework_contract_required: bool | None = about(
        "Whether a framework contract is required before ordering (true or false).",
        example=True,
        default=None,
        seen=CUSTOMER,
    )
    supplier_evaluation: Markdown | None = about(
        "How the customer rates its suppliers, and how it rated us.",
        example="Annual A/B/C rating; we were rated B in 2025",
        default=None,
        seen=INTERNAL,
    )
    notes: Markdown | None = about("Anything else about how the customer buys.", default=None, seen=INTERNAL)


# --- power map ---------------------------------------------------------------


class Person(Part):
    """A key person at the customer."""

    id: Id = about(
        "A short unique id other fields refer to: lower-case letters, digits, - and _.",
        example="mmueller",
        seen=CUSTOMER,
    )
    name: Text = about("The person's name.", example="Martina Müller", seen=CUSTOMER)
    title: Text | None = about("Job title.", example="Chief Procurement Officer", default=None, seen=CUSTOMER)
    department: Text | None = about("Department.", example="Procurement", default=None, seen=CUSTOMER)
    reports_to: Id | None = about(
        "The id of the person this one reports to; no cycles.", example="hgraf", default=None, seen=CUSTOMER
    )
    roles: list[Role] = about(
        "The person's roles in buying decisions, one or more.",
        "role",
        example=["decision-maker"],
        min_length=1,
        seen=INTERNAL,
    )
    influence: Influence | None = about(
        "How much say the person has in buying decisions.", "influence", example="high", default=None, seen=INTERNAL
    )
    attitude: Attitude | None = about(
        "How the person stands towards us.", "attitude", example="positive", default=None, seen=INTERNAL
    )
    contact: ContactFrequency | None = about(
        "How often we are in contact.", "contact", example="monthly", default=None, seen=INTERNAL
    )
    owner: Text | None = about(
        "Who on our side holds the relationship.", example="Jana Schmidt", default=None, seen=INTERNAL
    )
    notes: Markdown | None = about("Our notes on the person (internal only).", default=None, seen=INTERNAL)


class Link(Part):
    """A tie between two people other than a reporting line."""

    from_: Id = about("The id of the first person.", example="lchen", alias="from", seen=INTERNAL)
    to: Id = about("The id of the second person.", example="mmueller", seen=INTERNAL)
    kind: LinkKind | None = about("What kind of tie it is.", "link", example="influences", default=None, seen=INTERNAL)


class PowerMap(Part):
    """The power map: the key people, their roles and how they are tied."""

    people: list[Person] = about("The key people at the customer.", default_factory=list, seen=CUSTOMER)
    links: list[Link] = about("Ties between people other than reporting lines.", default_factory=list, seen=INTERNAL)


# --- SWOT --------------------------------------------------------------------

_SWOT_ITEM = "Full sentences, one per item."


class Swot(Part):
    """SWOT of the customer, in full sentences."""

    strengths: list[Markdown] = about("The customer's strengths. " + _SWOT_ITEM, seen=INTERNAL)
    weaknesses: list[Markdown] = about("The customer's weaknesses. " + _SWOT_ITEM, seen=INTERNAL)
    opportunities: list[Markdown] = about("The customer's opportunities. " + _SWOT_ITEM, seen=INTERNAL)
    threats: list[Markdown] = about("The customer's threats. " + _SWOT_ITEM, seen=INTERNAL)
    our_contribution: Markdown | None = about(
        "How we help turn their weaknesses into strengths and lower their risks.", default=None, seen=INTERNAL
    )


class OwnSwot(Part):
    """SWOT of our own company at this account."""

    strengths: list[Markdown] = about(
        "Our strengths at this account. " + _SWOT_ITEM, default_factory=list, seen=INTERNAL
    )
    weaknesses: list[Markdown] = about("Our weaknesses. " + _SWOT_ITEM, default_factory=list, seen=INTERNAL)
    opportunities: list[Markdown] = about("Our opportunities. " + _SWOT_ITEM, default_factory=list, seen=INTERNAL)
    threats: list[Markdown] = about("Threats to our business here. " + _SWOT_ITEM, default_factory=list, seen=INTERNAL)


# --- own position ------------------------------------------------------------


class Won(Part):
    """A decisive project we won."""

    name: Text = about("The project.", example="Line 7 retrofit", seen=INTERNAL)
    year: Year | None = about("The year it was won.", example=2025, default=None, seen=INTERNAL)
    size: Amount | None = about(
        "Its size, in the financials' currency and unit.", example=1200, default=None, seen=INTERNAL
    )
    success_criteria: Markdown | None = about(
        "Why we won it / what made it a success.", example="On time", default=None, seen=INTERNAL
    )


class Lost(Part):
    """A decisive project we lost."""

    name: Text = about("The project.", example="Plant Pune", seen=INTERNAL)
    year: Year | None = about("The year it was lost.", example=2024, default=None, seen=INTERNAL)
    size: Amount | None = about(
        "Its size, in the financials' currency and unit.", example=900, default=None, seen=INTERNAL
    )
    winner: Text | None = about("The competitor who won it.", example="Globex", default=None, seen=INTERNAL)
    reasons: Markdown | None = about(
        "Honest reasons why we lost (internal only).", example="Price", default=None, seen=INTERNAL
    )


class Potential(Part):
    """A unit of the customer in the 2x2 potential portfolio."""

    unit: Text = about("The customer's unit, country company or division.", example="ACME Automotive", seen=INTERNAL)
    attitude: Annotated[int, Field(ge=-2, le=2)] = about(
        "Its attitude towards us, from -2 (hostile) to +2 (very positive).", example=2, seen=INTERNAL
    )
    potential: Amount = about(
        "Its potential for us, in the financials' currency and unit.", example=3500, seen=INTERNAL
    )


class Perception(Part):
    """How the customer sees us."""

    role: PerceptionRole | None = about(
        "The role the customer sees us in.",
        "perception_role",
        example="preferred-supplier",
        default=None,
        seen=INTERNAL,
    )
    positioning: Positioning | None = about(
        "What the customer knows us for.", "positioning", example="innovation-leader", default=None, seen=INTERNAL
    )
    rating: Markdown | None = about("What the customer's supplier rating says about us.", default=None, seen=INTERNAL)


class OwnCompetitor(Part):
    """One of our competitors at this account, seen from the customer."""

    name: Text = about("The competitor.", example="Globex", seen=INTERNAL)
    strategy: Markdown | None = about("Its strategy at this account.", default=None, seen=INTERNAL)
    strengths: list[Text] = about("Its strengths.", default_factory=list, seen=INTERNAL)
    weaknesses: list[Text] = about("Its weaknesses.", default_factory=list, seen=INTERNAL)
    key_account_manager: Text | None = about("Its key account manager for this customer.", default=None, seen=INTERNAL)
    resources: Markdown | None = about("The resources it puts on this account.", default=None, seen=INTERNAL)


class Position(Part):
    """Our own position as solution provider."""

    won: list[Won] = about("Decisive projects we won.", default_factory=list, seen=INTERNAL)
    lost: list[Lost] = about("Decisive projects we lost.", default_factory=list, seen=INTERNAL)
    potential: list[Potential] = about(
        "The customer's units by attitude and potential (2x2 portfolio).", default_factory=list, seen=INTERNAL
    )
    perception: Perception | None = about("How the customer sees us.", default=None, seen=INTERNAL)
    market: Markdown | None = about("Our own market, as it bears on this account.", default=None, seen=INTERNAL)
    competitors: list[OwnCompetitor] = about(
        "Our competitors here, seen from the customer.", default_factory=list, seen=INTERNAL
    )
    swot: OwnSwot | None = about("Our own SWOT at this account (internal only).", default=None, seen=INTERNAL)


# --- mission and goals -------------------------------------------------------


class Mission(Part):
    """Our mission for this account, three to five years ahead."""

    statement: Markdown = about(
        "The mission, in one sentence.",
        example="For ACME we are the preferred worldwide partner for drive systems.",
        seen=CUSTOMER,
    )
    horizon: Year = about(
        "The year the mission looks to: 3 to 5 years after the plan's version.", example=2030, seen=CUSTOMER
    )
    customer_mission: Markdown | None = about("The customer's own mission, to compare.", default=None, seen=CUSTOMER)
    company_mission: Markdown | None = about("Our company's general mission, to compare.", default=None, seen=CUSTOMER)


class Milestone(Part):
    """A milestone on the way to a goal."""

    date: Day | None = about("When it is due.", example="2026-06-30", default=None, seen=INTERNAL)
    milestone: Text = about("What is reached.", example="Framework contract renewed", seen=INTERNAL)


class Action(Part):
    """A key action for a goal."""

    action: Text = about("What is to be done.", example="Workshop with engineering", seen=INTERNAL)
    owner: Text | None = about("Who does it.", example="T. Weber", default=None, seen=INTERNAL)
    due: Day | None = about("When it is due.", example="2026-03-01", default=None, seen=INTERNAL)
    status: ActionStatus | None = about("How far it is.", "action_status", example="open", default=None, seen=INTERNAL)


class Goal(Part):
    """One of our top five goals at this account, SMART."""

    id: Text = about("A short unique id, for diffs and references.", example="drives-share", seen=CUSTOMER)
    goal: Text = about("The goal.", example="Grow our share of ACME's drive purchases", seen=CUSTOMER)
    metric: Text = about(
        "How the goal is measured (required: a goal without a metric is not SMART).",
        example="Share of wallet, drives",
        seen=CUSTOMER,
    )
    baseline: Quantity | None = about(
        "Where the metric stands today: a number or a text such as 25 %.", example="25 %", default=None, seen=INTERNAL
    )
    target: Quantity = about("Where the metric should be by the deadline (required).", example="40 %", seen=CUSTOMER)
    deadline: Day = about("When the target is to be reached (required).", example="2027-12-31", seen=CUSTOMER)
    owner: Text | None = about("Who on our side owns the goal.", example="Jana Schmidt", default=None, seen=INTERNAL)
    strategy: Markdown | None = about("The strategy and tactics to reach it.", default=None, seen=INTERNAL)
    milestones: list[Milestone] = about("Milestones on the way.", default_factory=list, seen=INTERNAL)
    actions: list[Action] = about("Key actions.", default_factory=list, seen=INTERNAL)
    resources: Markdown | None = about("Prerequisites and resources needed.", default=None, seen=INTERNAL)
    shared: bool = about(
        "true when the goal is agreed with the customer: only such goals are in the customer's copy, with goal, metric, target and deadline.",
        example=True,
        default=False,
        seen=INTERNAL,
    )


# --- financials ----------------------------------------------------------------


class Product(Part):
    """The budget of one product at this account."""

    name: Text = about("The product or product group.", example="Drives", seen=INTERNAL)
    actual: AmountsByYear = about(
        "Actual revenue per past year.", example={2024: 820, 2025: 910}, default_factory=dict, seen=INTERNAL
    )
    plan: PlannedYears = about(
        "Planned revenue per year, at least one year, each after the last actual year.",
        example={2026: 1050, 2027: 1200},
        min_length=1,
        seen=INTERNAL,
    )
    margin: Percent | None = about("Margin in percent (internal only).", example=32, default=None, seen=INTERNAL)


class Financials(Part):
    """Budget plan per product."""

    currency: (
        Annotated[
            str,
            Kind.TEXT,
            StringConstraints(pattern=r"^[A-Z]{3}$"),
            WithJsonSchema({"type": "string", "enum": list(CURRENCIES)}),
        ]
        | None
    ) = about("ISO 4217 currency code of every amount in the plan.", example="EUR", default=None, seen=CUSTOMER)
    unit: CurrencyUnit | None = about(
        "What one unit of every amount in the plan stands for.",
        "currency_unit",
        example="thousand",
        default=None,
        seen=CUSTOMER,
    )
    products: list[Product] = about(
        "The products or product groups with actual and planned revenue.", default_factory=list, seen=INTERNAL
    )

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

    name: Text = about("The project.", example="Plant Brno line equipment", seen=CUSTOMER)
    volume: Amount | None = about(
        "Its volume, in the financials' currency and unit.", example=2500, default=None, seen=CUSTOMER
    )
    due: Day | None = about("When it is decided or due.", example="2026-09-30", default=None, seen=CUSTOMER)
    budget: Amount | None = about(
        "The customer's budget for it, in the financials' currency and unit.", example=2800, default=None, seen=INTERNAL
    )
    contact: Id | None = about(
        "Our contact at the customer (a power map id).", example="mmueller", default=None, seen=CUSTOMER
    )
    competitors: list[Text] = about("Competitors in the race.", example=["Globex"], default_factory=list, seen=INTERNAL)
    owner: Text | None = about("Who on our side owns it.", example="Jana Schmidt", default=None, seen=CUSTOMER)
    stage: Stage | None = about("Where it stands.", "stage", example="proposal", default=None, seen=CUSTOMER)
    probability: Percent | None = about("Chance to win, in percent.", example=60, default=None, seen=INTERNAL)


class TeamMember(Part):
    """A member of our account team."""

    name: Text = about("The team member.", example="Jana Schmidt", seen=CUSTOMER)
    role: Text | None = about("Their role in the team.", example="Key account manager", default=None, seen=CUSTOMER)
    focus: Markdown | None = about("What they look after.", default=None, seen=CUSTOMER)


class Relationship(Part):
    """Who on our side addresses whom at the customer, with which message."""

    person: Id = about("The person at the customer (a power map id).", example="mmueller", seen=INTERNAL)
    owner: Text | None = about(
        "Who on our side holds the contact.", example="Jana Schmidt", default=None, seen=INTERNAL
    )
    message: Markdown | None = about("The message we want the person to hear.", default=None, seen=INTERNAL)
    frequency: ContactFrequency | None = about("How often.", "contact", example="monthly", default=None, seen=INTERNAL)


class MarketingEvent(Part):
    """An event for the account in the next two years."""

    date: Day | None = about("When it takes place.", example="2026-05-12", default=None, seen=CUSTOMER)
    event: Text = about("The event.", example="Tech day at ACME Stuttgart", seen=CUSTOMER)
    format: Text | None = about(
        "Its format (free text), e.g. in-house fair, workshop, expert talk.",
        example="in-house fair",
        default=None,
        seen=CUSTOMER,
    )
    audience: Text | None = about("Who at the customer it is for.", example="Engineering", default=None, seen=CUSTOMER)


# --- assessment (optional): account selection and prioritisation --------------------


class Score(Part):
    """How the account scores on one selection criterion of kamdoc.yaml."""

    score: Annotated[int, Field(ge=1, le=5)] = about("1 (poor) to 5 (excellent).", example=4, seen=INTERNAL)
    reason: Text = about("Why, in one line.", example="Plans two new plants by 2028", seen=INTERNAL)


class KnockOutAnswer(Part):
    """Whether the account meets one knock-out criterion of kamdoc.yaml."""

    met: bool = about(
        "true when the account meets the criterion; an account that misses one is no key account.",
        example=True,
        seen=INTERNAL,
    )
    reason: Text | None = about("Why, in one line.", example="4,200 IT workplaces", default=None, seen=INTERNAL)


class Assessment(Part):
    """How attractive the account is to us and how strong we are there: the basis of the portfolio view."""

    scores: dict[Id, Score] = about(
        "A score per selection criterion of kamdoc.yaml (`portfolio.criteria`), by the criterion's id.",
        example={"revenue_potential": {"score": 4, "reason": "Plans two new plants by 2028"}},
        default_factory=dict,
        seen=INTERNAL,
    )
    partnership: Partnership | None = about(
        "The kind of partnership we have with the account.",
        "partnership",
        example="operative",
        default=None,
        seen=INTERNAL,
    )
    share_of_wallet: Percent | None = about(
        "Our share of the customer's spend on what we sell, in percent.", example=25, default=None, seen=INTERNAL
    )
    knock_outs: dict[Id, KnockOutAnswer] = about(
        "An answer per knock-out criterion of kamdoc.yaml (`portfolio.knock_outs`), by the criterion's id.",
        example={"it_workplaces": {"met": True, "reason": "4,200 IT workplaces"}},
        default_factory=dict,
        seen=INTERNAL,
    )


LanguageField = Annotated[
    Language,
    WithJsonSchema(
        {
            "type": "string",
            "enum": ["en", "de"],
            "enumDescriptions": ["English labels, dates and numbers.", "German labels, dates and numbers."],
        }
    ),
]
"""The plan's `language`: the deck's labels, dates and number formats."""
