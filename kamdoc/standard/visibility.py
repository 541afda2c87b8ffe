"""Who sees which field: every field of the standard declares it (`about(seen=…)`), and these are the declarations by path.

A path names a field from the top of the plan with list items left out, as people write it in kamdoc.yaml:
`financials.products.actual` is the `actual` of every product. The customer's copy (`analyse/audience.py`) shows a
field when its declaration says `customer` or when `audiences.customer.show` in kamdoc.yaml opens it.
"""

from __future__ import annotations

import types
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kamdoc.standard.model import Seen, seen_by


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone, in a list, in a mapping's values or optional; None for a plain value."""
    for _ in range(8):  # the model's annotations nest a few levels at most; the bound keeps this a loop, not recursion
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return None
            annotation = options[0]
        elif origin in (list, dict):
            annotation = get_args(annotation)[-1]
        else:
            return None
    return None


@cache
def declarations() -> dict[str, tuple[FieldInfo, Seen | None]]:
    """Every field of the plan by its dotted path, with its declaration (None: it declares nothing)."""
    from kamdoc.standard.plan import Plan

    out: dict[str, tuple[FieldInfo, Seen | None]] = {}
    todo: list[tuple[str, type[BaseModel]]] = [("", Plan)]
    while todo:  # the model's own tree, breadth first: plan data never drives this
        prefix, model = todo.pop(0)
        for name, info in model.model_fields.items():
            path = prefix + (info.alias or name)
            out[path] = (info, seen_by(info))
            inner = model_in(info.annotation)
            if inner is not None:
                todo.append((path + ".", inner))
    return out


def is_internal(path: str) -> bool:
    """Whether the field at `path` stays out of the customer's copy by its declaration (a field that declares nothing does)."""
    found = declarations().get(path)
    return found is None or found[1] != "customer"
