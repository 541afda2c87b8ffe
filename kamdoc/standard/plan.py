"""The plan model, made from the section registry: a section declared there is a field of every plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ConfigDict, create_model

from kamdoc.standard import sections
from kamdoc.standard.model import GERMAN, Part

_CONFIG = ConfigDict(
    extra="forbid",
    strict=True,
    frozen=True,
    populate_by_name=True,
    title="Key account plan (kamdoc format 1)",
    json_schema_extra={GERMAN: "Ein Key-Account-Plan, Format 1."},
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
    from kamdoc.standard.sections import TypedPlan

    class Plan(_PlanBase, TypedPlan):
        """What type checkers see of a plan: the typed view kamdoc/standard/sections.py keeps beside the declarations."""

else:
    Plan = plan_model()
