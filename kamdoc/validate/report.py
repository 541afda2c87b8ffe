"""Printing findings for people (text), programs (json), GitHub Actions (annotations) and GitLab (code quality)."""

from __future__ import annotations

import json
from typing import Any

from kamdoc.load.discover import (
    message_path as shown,  # as messages name a file: the one rule for plans and kamdoc.yaml
)
from kamdoc.messages import counted, most_spoken
from kamdoc.validate.plan import Result


def text(results: list[Result], language: str | None = None) -> str:
    """One line per finding: `file:line:col: severity: field: message`, in each plan's language (or `language`)."""
    return "\n".join(f.text(shown(f.pos.file), language or r.language) for r in results for f in r.findings)


def as_json(results: list[Result], language: str | None = None) -> str:
    """A stable JSON document: the plans with their counts, and every finding."""
    doc: dict[str, Any] = {
        "plans": [
            {"file": shown(r.file), "valid": not r.errors, "errors": len(r.errors), "warnings": len(r.warnings)}
            for r in results
        ],
        "findings": [
            {
                "file": shown(f.pos.file),
                "line": f.pos.line,
                "column": f.pos.col,
                "severity": f.severity,
                "field": f.field,
                "message": f.said(language or r.language),
                "plan": shown(r.file),
            }
            for r in results
            for f in r.findings
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(results: list[Result], language: str | None = None) -> str:
    """GitHub Actions workflow commands, so each finding shows on the pull request's changed line."""
    lines = []
    for result in results:
        for f in result.findings:
            title = f"kamdoc: {f.field}" if f.field else "kamdoc"
            props = f"file={escape_property(shown(f.pos.file))},line={f.pos.line},col={f.pos.col},title={escape_property(title)}"
            lines.append(f"::{f.severity} {props}::{escape_data(f.said(language or result.language))}")
    return "\n".join(lines)


def gitlab(results: list[Result], language: str | None = None) -> str:
    """A GitLab code-quality report, so each finding shows in the merge request's widget and diff."""
    import hashlib

    issues = []
    for result in results:
        for f in result.findings:
            path = shown(f.pos.file)
            # Without the line, so that a finding keeps its identity when lines above it move.
            identity = "\0".join((path, f.severity, f.field, f.message))
            said = f.said(language or result.language)
            issues.append(
                {
                    "description": f"{f.field}: {said}" if f.field else said,
                    "check_name": f"kamdoc-{f.severity}",
                    "fingerprint": hashlib.sha256(identity.encode()).hexdigest(),
                    "severity": "major" if f.severity == "error" else "minor",
                    "location": {"path": path, "lines": {"begin": f.pos.line}},
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2)


def summary(results: list[Result], settings: list[Result] | None = None) -> str:
    """The closing line: how many plans, errors and warnings (those of the `settings`, kamdoc.yaml's rules over the
    folder, counted too), in the language most of the plans speak."""
    errors = sum(len(r.errors) for r in [*results, *(settings or [])])
    warnings = sum(len(r.warnings) for r in [*results, *(settings or [])])
    failed = sum(1 for r in results if r.errors)

    if most_spoken(r.language for r in results) == "de":
        invalid = f" ({counted(failed, 'Plan', 'Pläne')} ungültig)" if failed else ""
        return f"{counted(len(results), 'Plan', 'Pläne')} geprüft: {counted(errors, 'Fehler', 'Fehler')}, {counted(warnings, 'Warnung', 'Warnungen')}{invalid}"
    invalid = f" ({counted(failed, 'plan', 'plans')} invalid)" if failed else ""
    return f"checked {counted(len(results), 'plan', 'plans')}: {counted(errors, 'error', 'errors')}, {counted(warnings, 'warning', 'warnings')}{invalid}"
