"""Relationship coverage: whether each key person at the customer has an owner on our side, regular contact, a friendly
enough attitude and a line in the relationship plan; and whether the account hangs on one person of ours or theirs."""

from __future__ import annotations

from dataclasses import dataclass, field

from kamdoc.standard.model import Person
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import CoverageSettings
from kamdoc.standard.vocab import VOCABULARY

KEY_ROLES = ("decision-maker", "ratifier", "buyer", "specifier")
"""A person with one of these roles, or of high influence, is a key person of the account."""


def key_people(plan: Plan) -> list[Person]:
    """The power map's key people: of high influence, or in a role that decides or specifies the purchase."""
    return [p for p in plan.power_map.people if p.influence == "high" or set(p.roles) & set(KEY_ROLES)]


# What each gap is called, in English and German.
GAP_WORDS: dict[str, tuple[str, str]] = {
    "owner": ("no owner on our side", "niemand bei uns zuständig"),
    "contact": ("contact rarer than {contact}", "Kontakt seltener als {contact}"),
    "attitude": ("attitude worse than {attitude}", "Einstellung schlechter als {attitude}"),
    "plan": ("not in the relationship plan", "nicht im Beziehungsplan"),
}
_CONTACT_WORDS = {
    "weekly": ("weekly", "wöchentlich"),
    "monthly": ("monthly", "monatlich"),
    "quarterly": ("quarterly", "quartalsweise"),
    "yearly": ("yearly", "jährlich"),
}


def _order(vocabulary: str) -> dict[str, int]:
    """A closed list's values by their place: the best first (weekly before none, mentor before enemy)."""
    return {term.value: i for i, term in enumerate(VOCABULARY[vocabulary])}


@dataclass(frozen=True)
class Gap:
    """A key person and what their relationship lacks."""

    person: str  # the person's name
    missing: tuple[str, ...]  # codes of GAP_WORDS

    def text(self, settings: CoverageSettings, language: str = "en") -> str:
        de = language == "de"
        contact = _CONTACT_WORDS[settings.contact][de]
        attitude = next(t for t in VOCABULARY["attitude"] if t.value == settings.attitude)
        values = {"contact": contact, "attitude": (attitude.de if de else attitude.en).lower()}
        return f"{self.person}: " + ", ".join(GAP_WORDS[m][de].format(**values) for m in self.missing)


@dataclass
class Coverage:
    """How well our relationships cover the account's key people."""

    key_people: int
    covered: int
    gaps: list[Gap] = field(default_factory=list)
    roles_reached: dict[str, bool] = field(default_factory=dict)  # each buying role present: reached often enough?
    mentors: int = 0
    busiest_owner: tuple[str, int] | None = None  # the owner holding the most key people, and how many
    single_threaded: list[str] = field(default_factory=list)  # codes: "mentor", "owner"

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.key_people) if self.key_people else 100

    def warnings(self, language: str = "en") -> list[str]:
        """The single-thread warnings in words."""
        de = language == "de"
        out = []
        if "mentor" in self.single_threaded:
            out.append(
                f"nur {self.mentors} Mentor unter den Schlüsselpersonen"
                if de
                else f"only {self.mentors} mentor among the key people"
            )
        if "owner" in self.single_threaded and self.busiest_owner:
            name, held = self.busiest_owner
            out.append(
                f"{name} hält {held} von {self.key_people} Schlüsselpersonen"
                if de
                else f"{name} holds {held} of {self.key_people} key people"
            )
        return out


def coverage(plan: Plan, settings: CoverageSettings) -> Coverage:
    """The relationship coverage of a plan's key people against the programme's thresholds (one pass over people and
    relationship plan: linear in the plan)."""
    contact_rank, attitude_rank = _order("contact"), _order("attitude")
    planned: dict[str, tuple[str | None, str | None]] = {}
    for line in plan.relationship_plan:
        owner, frequency = planned.get(line.person, (None, None))
        planned[line.person] = (owner or line.owner, _better(frequency, line.frequency, contact_rank))
    key = key_people(plan)
    result = Coverage(key_people=len(key), covered=0)
    owners: dict[str, int] = {}
    reached: dict[str, bool] = {}
    for person in key:
        line_owner, line_frequency = planned.get(person.id, (None, None))
        owner = person.owner or line_owner
        contact = _better(person.contact, line_frequency, contact_rank)
        often = contact is not None and contact_rank[contact] <= contact_rank[settings.contact]
        missing = [
            code
            for code, lacking in (
                ("owner", owner is None),
                ("contact", not often),
                (
                    "attitude",
                    person.attitude is None or attitude_rank[person.attitude] > attitude_rank[settings.attitude],
                ),
                ("plan", person.id not in planned),
            )
            if lacking
        ]
        if missing:
            result.gaps.append(Gap(person.name, tuple(missing)))
        else:
            result.covered += 1
        if owner:
            owners[owner] = owners.get(owner, 0) + 1
        for role in person.roles:
            if role in KEY_ROLES:
                reached[role] = reached.get(role, False) or often
        result.mentors += person.attitude == "mentor"
    result.roles_reached = {role: reached[role] for role in KEY_ROLES if role in reached}
    if owners:
        result.busiest_owner = max(owners.items(), key=lambda item: (item[1], item[0]))
    _threads(result, settings)
    return result


def _better(one: str | None, other: str | None, rank: dict[str, int]) -> str | None:
    """The more frequent of two contact frequencies (either may be missing)."""
    if one is None or other is None:
        return one or other
    return one if rank[one] <= rank[other] else other


def _threads(result: Coverage, settings: CoverageSettings) -> None:
    """The single-thread warnings: too few mentors, or one of ours holding too many of the key people."""
    if result.key_people < 2:
        return  # one key person is one thread by nature; the gaps say what it lacks
    if result.mentors < settings.mentors:
        result.single_threaded.append("mentor")
    if result.busiest_owner and result.busiest_owner[1] * 100 > settings.owner_share * result.key_people:
        result.single_threaded.append("owner")
