"""`kamdoc rollover`: a plan carried into its next period, written in place, with what changed and what is left."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from kamdoc.commands.diff import _described
from kamdoc.errors import KamdocError
from kamdoc.findings import Finding
from kamdoc.load.discover import find_plans, shown_path
from kamdoc.outline.words import day
from kamdoc.pipeline.render import write_atomically
from kamdoc.pipeline.rollover import rollover

_SAID = {
    "changed": ("{plan}: {n} changes", "{plan}: {n} Änderungen"),
    "deadline_passed": (
        "goal past its deadline ({deadline}): set a new one, or close it: {goal}",
        "Ziel mit verstrichenem Termin ({deadline}): neuen Termin setzen oder abschließen: {goal}",
    ),
    "actions_dropped": (
        "goal {goal}: {count} done actions dropped",
        "Ziel {goal}: {count} erledigte Maßnahmen entfernt",
    ),
    "events_dropped": ("past marketing events dropped: {count}", "vergangene Marketing-Events entfernt: {count}"),
    "horizon": (
        "the mission looks to {horizon}, less than three years after {year}: look further ahead",
        "die Mission reicht bis {horizon}, weniger als drei Jahre nach {year}: weiter vorausschauen",
    ),
    "left": ("left to do", "noch zu tun"),
    "review": ("review it with: {command}", "prüfen mit: {command}"),
}


_MARKERS = {"added": "+", "removed": "-", "changed": "~"}


def _say(key: str, language: str, **values: Any) -> str:
    en, de = _SAID[key]
    return (de if language == "de" else en).format(**values)


def run_rollover(target: Path, version: date, actuals: Path | None, drop_done: bool, today: date) -> int:
    """Carry the plan over, write it and print the changes, the notes and the command to review it with."""
    plans = find_plans([target])
    if len(plans) != 1:
        raise KamdocError(f"{target}: name one plan (a plan folder or its plan.yaml)")
    plan = plans[0]
    rolled = rollover(plan, version, actuals, drop_done, today)
    try:
        write_atomically(plan, rolled.text.encode("utf-8"))
    except OSError as exc:
        raise KamdocError(f"cannot write {plan}: {exc.strerror or exc}") from None
    lang = rolled.language
    shown = shown_path(plan)
    click.echo(_say("changed", lang, plan=shown, n=len(rolled.changes)))
    for change in rolled.changes:  # as `kamdoc diff` will show them
        click.echo(f"  {_MARKERS[change.kind]} {_described(change, lang)}")
    left = [_note(key, values, lang) for key, values in rolled.notes]
    left += [f"{shown}:{f.pos.line}:{f.pos.col}: {f.severity}: {_message(f, lang)}" for f in rolled.findings]
    if left:
        click.echo(f"{_say('left', lang)}:")
        for line in left:
            click.echo(f"  {line}")
    click.echo(_say("review", lang, command=f"kamdoc diff HEAD -- {shown}"))
    return 0


def _note(key: str, values: dict[str, Any], language: str) -> str:
    shown = dict(values)
    if isinstance(shown.get("deadline"), date):
        shown["deadline"] = day(shown["deadline"], language)
    if isinstance(shown.get("years"), list):
        shown["years"] = ", ".join(map(str, shown["years"]))
    return _say(key, language, **shown)


def _message(finding: Finding, language: str) -> str:
    from kamdoc.messages import in_german

    return in_german(finding.message) if language == "de" else finding.message
