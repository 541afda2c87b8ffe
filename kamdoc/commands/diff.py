"""`kamdoc diff`: the plans of two revisions compared, reported for reviewers as text, Markdown or JSON."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kamdoc.analyse.diff import Change, describe
from kamdoc.commands.comment_text import in_html, inline
from kamdoc.findings import Finding
from kamdoc.load.git import Snapshot
from kamdoc.outline.change_words import ChangeWords
from kamdoc.pipeline.revisions import PlanDiff, diff_revisions

MARKDOWN_LIMIT = 60_000


_COLOURS = {
    "added": "\033[32m",
    "removed": "\033[31m",
    "unreadable": "\033[31m",
    "changed": "\033[33m",
    "renamed": "\033[36m",
    "bold": "\033[1m",
    "end": "\033[0m",
}


_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Plans from {a} to {b}",
        "added": "new plan",
        "removed": "plan removed",
        "renamed": "renamed from {old}",
        "invalid": "not comparable: a version has errors",
        "unreadable": "not compared: {problem}",
        "change": "{n} change",
        "changes": "{n} changes",
        "none": "no changes",
        "new": "new {severity} (line {line})",
        "error": "error",
        "warning": "warning",
        "heading": "Key account plans: {a} → {b}",
        "header": "| plan | account | status | changes | new findings |",
        "unchanged": "No plan changed ({plans} compared).",
        "rest": "{plans} unchanged.",
        "plan": "{n} plan",
        "plans": "{n} plans",
        "not_compared": "not compared",
        "worktree": "working tree",
        "more": "{n} more plans with changes are not shown: the comment would pass {limit} characters. Run `kamdoc diff` for all.",
        "status": {
            "changed": "changed",
            "added": "added",
            "removed": "removed",
            "renamed": "renamed",
            "unchanged": "unchanged",
            "invalid": "invalid",
            "unreadable": "unreadable",
        },
    },
    "de": {
        "title": "Pläne von {a} bis {b}",
        "added": "neuer Plan",
        "removed": "Plan entfernt",
        "renamed": "umbenannt, vorher {old}",
        "invalid": "nicht vergleichbar: eine Fassung hat Fehler",
        "unreadable": "nicht verglichen: {problem}",
        "change": "{n} Änderung",
        "changes": "{n} Änderungen",
        "none": "keine Änderungen",
        "new": "neu: {severity} (Zeile {line})",
        "error": "Fehler",
        "warning": "Warnung",
        "heading": "Key-Account-Pläne: {a} → {b}",
        "header": "| Plan | Kunde | Stand | Änderungen | neue Befunde |",
        "unchanged": "Kein Plan geändert ({plans} verglichen).",
        "rest": "{plans} unverändert.",
        "plan": "{n} Plan",
        "plans": "{n} Pläne",
        "not_compared": "nicht verglichen",
        "worktree": "Arbeitsverzeichnis",
        "more": "{n} weitere geänderte Pläne sind nicht gezeigt: der Kommentar würde {limit} Zeichen überschreiten. `kamdoc diff` zeigt alle.",
        "status": {
            "changed": "geändert",
            "added": "neu",
            "removed": "entfernt",
            "renamed": "umbenannt",
            "unchanged": "unverändert",
            "invalid": "ungültig",
            "unreadable": "unlesbar",
        },
    },
}
"""The report's own words in each language; each plan's changes and findings are said in the plan's language."""


def frame_language(diffs: list[PlanDiff], language: str | None) -> str:
    """The language the report's frame speaks: the one asked for, else the one most of its plans are written in."""
    from kamdoc.messages import most_spoken

    return language or most_spoken(d.language for d in diffs)


def _w(language: str, key: str, **values: object) -> str:
    return str(_WORDS[language][key]).format(**values)


def _label(snapshot: Snapshot, language: str) -> str:
    """A revision as the report names it: its commit, or the working tree in words."""
    return snapshot.label() if snapshot.commit else _w(language, "worktree")


def _finding(finding: Finding, language: str) -> str:
    return f"{finding.field}: {finding.said(language)}" if finding.field else finding.said(language)


def _count(n: int, language: str) -> str:
    return _w(language, "change" if n == 1 else "changes", n=n)


def _state(d: PlanDiff, language: str) -> str:
    """What became of a plan, in words."""
    words = {
        "added": _w(language, "added"),
        "removed": _w(language, "removed"),
        "renamed": _w(language, "renamed", old=d.old_path),
        "invalid": _w(language, "invalid"),
        "unreadable": _w(language, "unreadable", problem=d.problem),
    }
    return words.get(d.status, _count(len(d.changes), language))


def _described(change: Change, language: str) -> str:
    """A change on one line: in English with the standard's field names, as the plan file writes them; in German with the
    deck's words for them ("Power-Map: Martina Müller: Einstellung: Neutral → Positiv")."""
    return ChangeWords(language).line(change) if language == "de" else describe(change)


def _new_finding(finding: Finding, language: str) -> str:
    return f"{_w(language, 'new', severity=_w(language, finding.severity), line=finding.pos.line)}: {_finding(finding, language)}"


def as_text(a: Snapshot, b: Snapshot, diffs: list[PlanDiff], colour: bool, language: str | None = None) -> str:
    def paint(kind: str, text: str) -> str:
        return f"{_COLOURS[kind]}{text}{_COLOURS['end']}" if colour else text

    frame = frame_language(diffs, language)
    out = [_w(frame, "title", a=_label(a, frame), b=_label(b, frame))]
    for d in diffs:
        if d.status == "unchanged" and not d.new_findings:
            continue
        said = language or d.language
        head = f"{d.path} ({d.account})" if d.account else d.path
        out.append("")
        out.append(
            paint("bold", head) + f" — {paint(d.status if d.status in _COLOURS else 'changed', _state(d, said))}"
        )
        out += [f"  » {paint('bold', line)}" for line in d.said_signals(said)]
        for change in d.changes:
            marker = {"added": "+", "removed": "-", "changed": "~"}[change.kind]
            out.append(f"  {paint(change.kind, marker)} {_described(change, said)}")
        for finding in d.new_findings:
            out.append(f"  ! {_new_finding(finding, said)}")
    if len(out) == 1:
        out.append(_w(frame, "none"))
    return "\n".join(out)


def as_json(a: Snapshot, b: Snapshot, diffs: list[PlanDiff]) -> str:
    return json.dumps(
        {"from": a.commit, "to": b.commit, "plans": [d.as_dict() for d in diffs]}, ensure_ascii=False, indent=2
    )


def _plans(n: int, language: str) -> str:
    return _w(language, "plan" if n == 1 else "plans", n=n)


def as_markdown(a: Snapshot, b: Snapshot, diffs: list[PlanDiff], language: str | None = None) -> str:
    # Plan text and file names are a stranger's: escaped, so that nothing in them becomes markup, a mention or a reference.
    cell = inline
    frame = frame_language(diffs, language)
    head = [f"### {_w(frame, 'heading', a=_label(a, frame), b=_label(b, frame))}", ""]
    # Only the plans that changed get a row: a repository of 200 plans must not fill the comment with the rest.
    touched = [d for d in diffs if d.status != "unchanged" or d.changes or d.new_findings]
    if touched:
        head += [_w(frame, "header"), "| --- | --- | --- | ---: | ---: |"]
    for d in touched:
        head.append(
            f"| {cell(d.path)} | {cell(d.account)} | {_WORDS[frame]['status'].get(d.status, d.status)} | {len(d.changes)} | {len(d.new_findings)} |"
        )
    unchanged = len(diffs) - len(touched)
    if not touched:
        head.append(_w(frame, "unchanged", plans=_plans(unchanged, frame)))
    elif unchanged:
        head += ["", _w(frame, "rest", plans=_plans(unchanged, frame))]
    body: list[str] = []
    for d in diffs:
        if not d.changes and not d.new_findings and not d.problem:
            continue
        said = language or d.language
        summary = _w(said, "not_compared") if d.problem else _count(len(d.changes), said)
        # The signals' short form where the reviewer sees it without opening the plan: "Abdeckung 72 % → 78 %".
        summary += "".join(f" · {in_html(line.split(': ')[0])}" for line in d.said_signals(said))
        section = [f"<details><summary><b>{in_html(d.account or d.path)}</b>: {summary}</summary>", ""]
        section += [f"- ⚠️ {cell(d.problem)}"] if d.problem else []
        section += [f"- **{cell(line)}**" for line in d.said_signals(said)]
        section += [f"- {cell(_described(c, said))}" for c in d.changes]
        section += [f"- ⚠️ {cell(_new_finding(f, said))}" for f in d.new_findings]
        section += ["", "</details>", ""]
        body.append("\n".join(section))
    text = "\n".join(head) + "\n\n"
    for i, part in enumerate(body):
        if len(text) + len(part) > MARKDOWN_LIMIT - 200:
            text += f"\n_{_w(frame, 'more', n=len(body) - i, limit=f'{MARKDOWN_LIMIT:,}')}_\n"
            break
        text += part
    return text


def run_diff(
    args: list[str], fmt: str, exit_code: bool, today: date, plans: Path | None = None, language: str | None = None
) -> int:
    """The `kamdoc diff` command: prints the report; 1 when a plan could not be compared, and with `exit_code` when anything changed.

    Without paths in `args`, the plans under `plans` (the configured plans folder) are compared.
    """
    a, b, diffs = diff_revisions(args, today, plans)
    if fmt == "json":
        out = as_json(a, b, diffs)
    elif fmt == "markdown":
        out = as_markdown(a, b, diffs, language)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        out = as_text(a, b, diffs, colour, language)
    sys.stdout.write(out + "\n")
    changed = any(d.status != "unchanged" for d in diffs)
    unreadable = any(
        d.problem for d in diffs
    )  # bad input in one plan: the others are shown, and the run says it failed
    return 1 if unreadable or (exit_code and changed) else 0
