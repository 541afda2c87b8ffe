"""What a reviewer should see of a plan's change beyond its fields: health and relationship coverage before and after."""

from __future__ import annotations

from datetime import date

from kamdoc.analyse.health import plan_health
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import Programme
from kamdoc.standard.vocab import VOCABULARY

Said = tuple[str, str]
"""A line in English and German."""

_STATUS = {"red": ("red", "rot"), "amber": ("amber", "gelb"), "green": ("green", "grün")}


def review_signals(
    old: Plan, new: Plan, programme: Programme, today: date, approvers: list[str], changed: bool
) -> list[Said]:
    """Health and coverage as the change moves them, judged on the same day and settings for both versions: a line
    for each that moved ("Abdeckung 72 % → 78 %"), with the reasons the new version adds to its health; and, for a plan
    set to approved or an approved plan that `changed` (the diff's own finding), whose approval it needs
    (`approvers`, as the base revision names them)."""
    before = plan_health("", "", old, 0, today, programme, None, str(old.language))
    after = plan_health("", "", new, 0, today, programme, None, str(new.language))
    out: list[Said] = []
    if before.status != after.status:
        known = {r.text("en") for r in before.reasons}
        added = [r for r in after.reasons if r.text("en") not in known]
        en = f"Health {_STATUS[before.status][0]} → {_STATUS[after.status][0]}"
        de = f"Zustand {_STATUS[before.status][1]} → {_STATUS[after.status][1]}"
        if added:
            en += ": " + "; ".join(r.text("en") for r in added)
            de += ": " + "; ".join(r.text("de") for r in added)
        out.append((en, de))
    a, b = before.coverage, after.coverage
    if a and b and (a.key_people or b.key_people) and a.percent != b.percent:
        out.append((f"Coverage {a.percent}% → {b.percent}%", f"Abdeckung {a.percent} % → {b.percent} %"))
    if new.cover.status == "approved" and old.cover.status != "approved":
        out.append(approval_needed(old.cover.status or "", approvers))
    elif new.cover.status == old.cover.status == "approved" and changed:
        out.append(approval_needed("approved", approvers, changed=True))
    return out


def approval_needed(before: str, approvers: list[str], changed: bool = False) -> Said:
    """What a change that sets a plan to approved, or changes an approved plan, needs: an approving review from one of
    the approvers."""
    en = " or ".join(approvers) or "an approver (kamdoc.yaml names none: add `approvers:`)"
    de = " oder ".join(approvers) or "einem Freigeber (kamdoc.yaml nennt keinen: ergänze `approvers:`)"
    if changed:
        return (
            f"Approved plan changed: needs approval from {en} again, or set cover.status back to review",
            f"Freigegebener Plan geändert: braucht erneut die Freigabe von {de}, oder setze cover.status auf review zurück",
        )
    # English as the plan file writes the status; German in the deck's words for it.
    labels = {t.value: t.de for t in VOCABULARY["status"]}
    return (
        f"Status {before or 'new'} → approved: needs approval from {en}",
        f"Status {labels.get(before, 'neu')} → {labels['approved']}: braucht die Freigabe von {de}",
    )
