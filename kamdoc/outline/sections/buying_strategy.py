"""The buying strategy's slide: how the customer buys, as labels and values."""

from __future__ import annotations

from collections.abc import Callable

from kamdoc.outline.kit import PlanKit
from kamdoc.outline.words import percent, term


def buying_strategy(kit: PlanKit) -> None:
    b = kit.plan.buying_strategy

    def yes_no(value: bool | None) -> str:
        return "" if value is None else kit.w("yes") if value else kit.w("no")

    facts = [
        ("sourcing", term("sourcing", b.sourcing, kit.lang)),
        ("max_supplier_share", percent(b.max_supplier_share, kit.lang) if b.max_supplier_share is not None else ""),
        ("procurement", term("procurement", b.procurement, kit.lang)),
        ("buying_committee", yes_no(b.buying_committee)),
        ("framework_contract_required", yes_no(b.framework_contract_required)),
        ("supplier_evaluation", kit.plain(b.supplier_evaluation or "")),
        (
            "category_owners",
            "; ".join(f"{c.category}: {kit.person(c.owner)}" if c.owner else c.category for c in b.category_owners),
        ),
        ("notes", kit.plain(b.notes or "")),
    ]
    rows = [[kit.w(key), value] for key, value in facts if value]
    kit.table("buying_strategy", kit.w("buying_strategy"), "buying_strategy", ["", ""], rows, None)


SLIDES: dict[str, Callable[[PlanKit], None]] = {"buying_strategy": buying_strategy}
"""The agenda entries this module draws, by key."""
