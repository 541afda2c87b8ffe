"""`kamdoc history`'s report: each plan's facts that moved, a column per version, quarter or commit, as text fitted
to the terminal, Markdown for a pull request or wiki, JSON and CSV (one row per fact and column) for BI tools."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from kamdoc.analyse.history import Column, History, Revision, Row, Value
from kamdoc.outline.words import day, number, term, word

_WORDS: dict[str, tuple[str, str]] = {
    "people": ("People", "Personen"),
    "revenue": ("Revenue", "Umsatz"),
    "goals": ("Goals", "Ziele"),
    "actions": ("Actions", "Maßnahmen"),
    "health": ("Health", "Zustand"),
    "relationships": ("Relationships", "Beziehungen"),
    "roles": ("roles", "Rollen"),
    "attitude": ("attitude", "Einstellung"),
    "influence": ("influence", "Einfluss"),
    "contact": ("contact", "Kontakt"),
    "actual": ("actual", "Ist"),
    "plan": ("plan", "Plan"),
    "target": ("target", "Zielwert"),
    "deadline": ("deadline", "Termin"),
    "status": ("status", "Status"),
    "done": ("done", "erledigt"),
    "overdue": ("overdue", "überfällig"),
    "completeness": ("completeness", "Vollständigkeit"),
    "key_people": ("key people", "Schlüsselpersonen"),
    "key_for_us": ("key people for us", "Schlüsselpersonen für uns"),
    "key_against_us": ("key people against us", "Schlüsselpersonen gegen uns"),
    "total": ("total", "gesamt"),
    "invalid": ("invalid", "ungültig"),
    "invalid_revisions": ("{n} invalid", "{n} ungültig"),
    "nothing_moved": ("nothing moved", "nichts hat sich bewegt"),
    "no_commits": ("no commits in this range", "keine Commits in diesem Bereich"),
    "cut": ("only the newest {n} commits were read", "nur die neuesten {n} Commits wurden gelesen"),
    "on_map": ("people on the map", "Personen in der Power-Map"),
}
_VOCABULARY = {"attitude": "attitude", "influence": "influence", "contact": "contact"}


def said(key: str, language: str) -> str:
    en, de = _WORDS[key]
    return de if language == "de" else en


def row_label(row: Row, language: str) -> str:
    """What a row is about, in the plan's language: "Sam Reed: Einstellung", "Umsatz gesamt: 2026 Plan"."""
    if row.group == "revenue":
        year, kind = row.fact.split(" ")
        subject = row.subject or said("total", language)
        return f"{subject}: {year} {said(kind, language)}"
    name = "on_map" if row.group == "relationships" and row.fact == "people" else row.fact
    return f"{row.subject}: {said(name, language)}" if row.subject else said(name, language)


def cell(row: Row, value: Value, language: str) -> str:
    """A value as the plan's reader writes it: terms in words, amounts and dates in the language's format."""
    if value is None:
        return "–"
    if isinstance(value, float | int):
        suffix = " %" if row.fact == "completeness" and language == "de" else "%" if row.fact == "completeness" else ""
        return number(float(value), language) + suffix
    if row.fact in _VOCABULARY:
        return term(_VOCABULARY[row.fact], value, language)
    if row.fact == "roles":
        return ", ".join(term("role", r, language) for r in value.split(", "))
    if row.fact == "deadline":
        return day(date.fromisoformat(value), language)
    if row.group == "goals" and row.fact == "status":
        return word(f"goal_{value}", language)
    if row.group == "health":
        return word(f"status_{value}", language)
    return value


def _header(h: History) -> list[str]:
    lang = h.language
    return [
        c.label + (f" ({said('invalid_revisions', lang).format(n=c.invalid)})" if c.invalid else "") for c in h.columns
    ]


def as_json(histories: list[History]) -> str:
    return json.dumps({"plans": [_plan_dict(h) for h in histories]}, ensure_ascii=False, indent=2) + "\n"


def _plan_dict(h: History) -> dict[str, Any]:
    return {
        "plan": h.path,
        "account": h.account,
        "cut": h.cut,
        "columns": [
            {
                "label": c.label,
                "invalid_revisions": c.invalid,
                "commits": [
                    {
                        "commit": r.commit,
                        "author": r.author,
                        "date": r.day.isoformat() if r.day else None,
                        "message": r.subject,
                        "path": r.path,
                        "valid": r.valid,
                        "errors": r.errors,
                    }
                    for r in c.revisions
                ],
            }
            for c in h.columns
        ],
        "rows": [
            {
                "group": row.group,
                "subject": row.subject,
                "fact": row.fact,
                "label": row_label(row, h.language),
                "values": row.values,
                "changes": [
                    {"column": h.columns[k].label, "commit": r.commit, "author": r.author, "message": r.subject}
                    for k, r in enumerate(row.changed_by)
                    if r is not None
                ],
            }
            for row in h.rows
        ],
    }


CSV_COLUMNS = ("plan", "account", "group", "subject", "fact", "column", "value", "commit", "author", "message")


def as_csv(histories: list[History]) -> str:
    """One line per fact and column: what BI tools pivot; UTF-8 with a BOM so that Excel reads the umlauts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for h in histories:
        for row in h.rows:
            for column, value, change in zip(h.columns, row.values, row.changed_by):
                if column.invalid == len(column.revisions):
                    continue  # no values in a revision that did not validate
                who = (change.commit, change.author, change.subject) if change else ("", "", "")
                shown = "" if value is None else value
                writer.writerow((h.path, h.account, row.group, row.subject, row.fact, column.label, shown, *who))
    return "\ufeff" + out.getvalue()


def as_markdown(histories: list[History]) -> str:
    parts = []
    for h in histories:
        lang = h.language
        parts.append(f"### {_md(h.account or h.path)} (`{h.path}`)\n")
        if not h.columns:
            parts.append(f"_{said('no_commits', lang)}_\n")
            continue
        if h.cut:
            parts.append(f"_{said('cut', lang).format(n=sum(len(c.revisions) for c in h.columns))}_\n")
        if not h.rows:
            parts.append(f"_{said('nothing_moved', lang)}_\n")
        else:
            parts.append("| | " + " | ".join(_md(x) for x in _header(h)) + " |")
            parts.append("|---|" + "---:|" * len(h.columns))
            for row in h.rows:
                cells = [_marked(h, row, k) for k in range(len(h.columns))]
                parts.append(f"| {_md(row_label(row, lang))} | " + " | ".join(cells) + " |")
            parts.append("")
        parts += [_commits_line(c, lang, markdown=True) for c in h.columns]
        parts.append("")
    return "\n".join(parts) + "\n"


def _marked(h: History, row: Row, k: int) -> str:
    """A cell for Markdown, in bold where its value changed in that column."""
    text = _md(_shown(h, row, k))
    return f"**{text}**" if row.changed_by[k] is not None else text


def _shown(h: History, row: Row, k: int) -> str:
    """A cell as the report shows it; empty in a column of revisions that did not validate."""
    column = h.columns[k]
    return "" if column.invalid == len(column.revisions) else cell(row, row.values[k], h.language)


def _md(text: str) -> str:
    """Plan text made inert in Markdown: no link, image, HTML or table cell break of its own."""
    for char in "\\`*_[]<>|!#":
        text = text.replace(char, f"\\{char}")
    return text.replace("\n", " ")


def as_text(histories: list[History], width: int) -> str:
    """Each plan's table, its columns in blocks that fit `width` characters, each block with the row labels."""
    parts = []
    for h in histories:
        lang = h.language
        parts.append(f"{h.account or h.path} ({h.path})")
        if not h.columns or not h.rows:
            parts.append(f"  {said('no_commits' if not h.columns else 'nothing_moved', lang)}\n")
            continue
        labels = [row_label(r, lang) for r in h.rows]
        label_w = max(len(x) for x in labels)  # whole: a row's name is never cut
        header = _header(h)
        cells = [[_shown(h, r, k) for k in range(len(h.columns))] for r in h.rows]
        widths = [max(len(header[k]), *(len(c[k]) for c in cells)) for k in range(len(h.columns))]
        for block in _blocks(widths, width - label_w - 2):
            parts.append(" " * (label_w + 2) + "  ".join(header[k].rjust(widths[k]) for k in block))
            for label, row in zip(labels, cells):
                parts.append(label.ljust(label_w) + "  " + "  ".join(row[k].rjust(widths[k]) for k in block))
            parts.append("")
        parts += [_commits_line(c, lang, markdown=False) for c in h.columns]
        parts.append("")
    return "\n".join(parts)


def _commit(r: Revision, language: str, markdown: bool) -> str:
    """A commit as a column names it: its id, author and message (inert in Markdown), and whether it was invalid."""
    shown = _md if markdown else str
    invalid = "" if r.valid else f" ({said('invalid', language)})"
    return f"{r.commit[:8]} {shown(r.author)}: {shown(r.subject)}{invalid}"


def _commits_line(column: Column, language: str, markdown: bool) -> str:
    """Which commits a column holds, with their authors and messages (its label left out where it is the commit)."""
    said_here = "; ".join(_commit(r, language, markdown) for r in column.revisions)
    if column.label == column.revisions[0].commit[:8]:
        return f"- {said_here}" if markdown else f"  {said_here}"
    return f"- `{column.label}`: {said_here}" if markdown else f"  {column.label}: {said_here}"


def _blocks(widths: list[int], room: int) -> list[list[int]]:
    """Column indexes in runs that fit `room` characters (each run at least one column)."""
    blocks: list[list[int]] = [[]]
    used = 0
    for k, w in enumerate(widths):
        if blocks[-1] and used + w + 2 > room:
            blocks.append([])
            used = 0
        blocks[-1].append(k)
        used += w + 2
    return blocks
