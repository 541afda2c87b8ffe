"""The plan model, made from the section registry: a section declared there is a field of every plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import ConfigDict, create_model

from kamdoc.standard import sections
from kamdoc.standard.model import Part

_CONFIG = ConfigDict(
    extra="forbid", strict=True, frozen=True, populate_by_name=True, title="Key account plan (kamdoc format 1)"
)


class _PlanBase(Part):
    """A key account plan, format 1."""

    model_config = _CONFIG


def plan_model() -> type[_PlanBase]:
    """The model of a whole plan: one field per section of the registry, in its order."""
    fields = {s.key: (s.type, s.field) for s in sections.SECTIONS}
    model: type[_PlanBase] = create_model(
        "Plan", __base__=_PlanBase, __module__=__name__, __doc__=_PlanBase.__doc__, **fields
    )  # type: ignore[call-overload]
    return model


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

    class Plan(_PlanBase):
        """What type checkers see of a plan; tests/standard/test_sections.py holds it to the registry."""

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
        account_team: list[TeamMember]
        relationship_plan: list[Relationship]
        marketing: list[MarketingEvent]
        assessment: Assessment | None
        speaker_notes: dict[str, str] | None
else:
    Plan = plan_model()
