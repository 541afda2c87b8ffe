"""Who a deck is for: the customer's copy of a plan holds only the fields declared for the customer, made in one step.

The customer's copy is an allow-list. Each field of the standard declares who sees it (`about(seen=…)` in
`standard/model.py`); a field that declares nothing stays internal. kamdoc.yaml may open more fields by name
(`audiences.customer.show`), and decides whether the power map shows as an organisation chart or not at all. The
outline and the changes slide both draw from the plan this returns; no builder asks who is watching.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kamdoc.standard.model import CUSTOMER, seen_by
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import CustomerCopy
from kamdoc.standard.sections import SECTIONS
from kamdoc.standard.visibility import model_in

AUDIENCES = ("internal", "customer")

SHOWN_WHEN = {"goals": "shared"}
"""Lists whose items the customer sees one by one: only the items whose field of this name is true (goals agreed with them)."""


def for_audience(plan: Plan, audience: str, copy: CustomerCopy | None = None) -> Plan:
    """The plan as `audience` may see it: all of it internally; for the customer only what is declared (or opened) for them."""
    if audience != "customer":
        return plan
    copy = copy or CustomerCopy()
    redacted = _Redaction(_opened(copy.show))
    shown: Plan = redacted.model(plan, "")
    if copy.power_map == "none":
        shown = _without_people(shown)
    return shown


def _opened(names: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The paths kamdoc.yaml opens whole, and the containers on the way to them (with the fields that name their items).

    A list section is its own container (`key_projects.probability` opens `key_projects.name` too), as is a list
    inside a section (`financials.products`).
    """
    whole, containers = set(names), set()
    identity = {_join(s.key, *path): keys for s in SECTIONS for path, keys in s.identity}
    for name in names:
        parts = name.split(".")
        for end in range(1, len(parts)):
            container = ".".join(parts[:end])
            containers.add(container)
            whole.update(f"{container}.{key}" for key in identity.get(container, ()))
    return frozenset(whole), frozenset(containers)


def _join(*parts: str) -> str:
    return ".".join(part for part in parts if part)


class _Redaction:
    """Walks a plan along its model's fields (the schema's depth, never the data's) and keeps what the customer may see."""

    def __init__(self, opened: tuple[frozenset[str], frozenset[str]]) -> None:
        self.whole, self.containers = opened

    def model(self, value: Any, prefix: str) -> Any:
        update: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            path = prefix + (info.alias or name)
            if path in self.whole:
                continue  # opened whole by kamdoc.yaml
            if seen_by(info) == CUSTOMER or path in self.containers:
                update[name] = self.inside(getattr(value, name), path, info)
            else:
                update[name] = empty(info)
        return value.model_copy(update=update)

    def inside(self, value: Any, path: str, info: FieldInfo) -> Any:
        """A shown field's value with its own fields sifted: each item of a list, each value of a mapping."""
        if model_in(info.annotation) is None or value is None:
            return value
        if isinstance(value, list):
            flag = SHOWN_WHEN.get(path)
            return [
                self.model(item, path + ".") for item in value if flag is None or getattr(item, flag, False) is True
            ]
        if isinstance(value, dict):
            return {key: self.model(item, path + ".") for key, item in value.items()}
        return self.model(value, path + ".")


def empty(info: FieldInfo) -> Any:
    """What a field left out of a copy holds: its default, or for a required field an empty value of its type."""
    if not info.is_required():
        return info.get_default(call_default_factory=True)
    origin = getattr(info.annotation, "__origin__", None)
    if origin is list or info.annotation is list:
        return []
    if origin is dict:
        return {}
    model = model_in(info.annotation)
    if model is not None and isinstance(info.annotation, type):
        return blank(model)
    return None


def blank(model: type[BaseModel]) -> BaseModel:
    """A part with every field left out: what a required section the customer may not see becomes (an empty SWOT)."""
    return model.model_construct(**{name: empty(info) for name, info in model.model_fields.items()})


def _without_people(plan: Plan) -> Plan:
    """The copy without the power map (kamdoc.yaml's `power_map: none`), and without the references to its people."""
    update: dict[str, Any] = {"power_map": plan.power_map.model_copy(update={"people": [], "links": []})}
    for section in SECTIONS:
        for path, field in section.people:
            value = update.get(section.key, getattr(plan, section.key))
            update[section.key] = _cleared(value, path, field)
    return plan.model_copy(update=update)


def _cleared(value: Any, path: tuple[str, ...], field: str) -> Any:
    """`value` with `field` of each item at `path` emptied (a list section's items when `path` is empty)."""
    if value is None:
        return None
    if path:
        inner = getattr(value, path[0])
        return value.model_copy(update={path[0]: _cleared(inner, path[1:], field)})
    items = value if isinstance(value, list) else [value]
    cleared = [item.model_copy(update={field: empty(type(item).model_fields[field])}) for item in items]
    return cleared if isinstance(value, list) else cleared[0]
