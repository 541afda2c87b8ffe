"""`kamdoc calendar`: the plans' review dates, milestones, open actions, deadlines, notice dates and marketing events
as an iCalendar file for Outlook and other calendars (written with the icalendar package)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

import click

from kamdoc.analyse.calendar import Due, dues
from kamdoc.commands.programme import _programme_plans
from kamdoc.errors import KamdocError
from kamdoc.load.discover import shown_path
from kamdoc.pipeline.render import write_atomically
from kamdoc.standard.plan import Plan
from kamdoc.validate.plan import validate_file

_KINDS = {
    "review": ("Plan review", "Plan-Review"),
    "deadline": ("Goal deadline", "Zieltermin"),
    "milestone": ("Milestone", "Meilenstein"),
    "action": ("Action due", "Maßnahme fällig"),
    "notice": ("Notice due", "Kündigungsfrist"),
    "event": ("Marketing event", "Marketing-Event"),
}


def run_calendar(paths: list[Path], out: Path, today: date) -> int:
    """Write the calendar of the valid plans under `paths`; 1 when plans were left out because they do not validate."""
    plans, programme = _programme_plans(paths, "calendar")
    valid: list[tuple[str, Plan]] = []
    for file in plans:
        result = validate_file(file, today, programme)
        if result.plan is None or result.errors:
            click.echo(
                f"{shown_path(file)}: left out, it does not validate (kamdoc validate {shown_path(file)})", err=True
            )
        else:
            valid.append((shown_path(file), result.plan))
    try:
        write_atomically(out, ics(valid, today))
    except OSError as exc:
        raise KamdocError(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(str(out))
    return 1 if len(valid) < len(plans) else 0


def ics(plans: list[tuple[str, Plan]], today: date) -> bytes:
    """The calendar: an all-day event per dated thing, each with a UID of what it is (not of its date) and a sequence
    that grows by the day, so that importing a newer file updates the events, moved ones included, instead of
    doubling them."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//kamdoc//key account plans//EN")
    calendar.add("version", "2.0")
    stamp = datetime(today.year, today.month, today.day)
    for shown, plan in plans:
        german = plan.language == "de"
        seen: dict[tuple[str, str], int] = {}
        for due in dues(plan):
            nth = seen[(due.kind, due.said)] = seen.get((due.kind, due.said), 0) + 1
            event = Event()
            event.add("uid", _uid(shown, due, nth))
            event.add("dtstamp", stamp)
            # A later file moves a rescheduled event: calendars take the higher sequence as the newer version.
            event.add("sequence", max(0, today.toordinal() - _EPOCH))
            event.add("dtstart", due.day)
            event.add("dtend", due.day + timedelta(days=1))
            event.add("summary", f"{plan.cover.account}: {_KINDS[due.kind][german]}: {due.said}")
            if due.owner:
                event.add("description", due.owner)
            event.add("categories", [_KINDS[due.kind][german]])
            calendar.add_component(event)
    return bytes(calendar.to_ical())


_EPOCH = date(2024, 1, 1).toordinal()


def _uid(shown: str, due: Due, nth: int) -> str:
    """An event's id from what it is, not when: the plan, the kind, its words, and which of the same it is (a moved
    review date stays the same event)."""
    digest = hashlib.sha256(f"{shown}\0{due.kind}\0{due.said}\0{nth}".encode()).hexdigest()[:24]
    return f"{digest}@kamdoc"
