"""The portfolio and plan health as text on a terminal, JSON for tools, Markdown for pull requests and wikis, GitHub annotations."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date
from typing import Any

from kamdoc.analyse.health import Health, status_counts
from kamdoc.analyse.history import Move
from kamdoc.analyse.portfolio import QUADRANTS, Portfolio
from kamdoc.messages import most_spoken


def _money(value: float) -> str:
    for limit, suffix in ((1e6, "m"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.1f}{suffix}"
    return f"{value:,.0f}"


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _score(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "-"


NARROWEST = 10
"""A column of text is wrapped to fit the terminal down to this many characters, never narrower."""


def _grid(header: list[str], rows: list[list[str]], right: set[int], width: int | None = None) -> list[str]:
    """Rows in aligned columns, numbers to the right, as wide as the terminal: the widest columns of text wrap onto
    more lines (the whole text stays; `--format json` has it on one line)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    # A column of numbers is as wide as its numbers and its heading's longest word: the heading wraps above them.
    widths = [
        max([len(str(r[i])) for r in rows] + [max(map(len, header[i].split()), default=0)])
        if i in right
        else max(len(str(r[i])) for r in [header, *rows])
        for i in range(len(header))
    ]
    text = [i for i in range(len(header)) if i not in right]
    while sum(widths) + 2 * (len(widths) - 1) > width:  # a bounded loop: each turn narrows a column by one
        widest = max(text, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
    lines: list[str] = []
    head = 0
    for n, row in enumerate([header, *rows]):
        parts = [
            textwrap.wrap(str(c), w, break_on_hyphens=False) or [""] if i in text or n == 0 else [str(c)]
            for i, (c, w) in enumerate(zip(row, widths))
        ]
        for k in range(max(len(p) for p in parts)):
            cells = [
                (p[k] if k < len(p) else "").rjust(w) if i in right else (p[k] if k < len(p) else "").ljust(w)
                for i, (p, w) in enumerate(zip(parts, widths))
            ]
            lines.append("  ".join(cells).rstrip())
        head = head or len(lines)  # the heading's lines, however many it wrapped onto
    lines.insert(head, "  ".join("-" * w for w in widths))
    return lines


def _ranking_rows(p: Portfolio) -> tuple[list[str], list[list[str]]]:
    header = [
        "#",
        "account",
        f"{'gross profit' if p.programme.rank_by == 'gross_profit' else 'revenue'} {p.programme.currency}",
        "share",
        "cumulative",
        "class",
        "attract.",
        "position",
        "quadrant",
        "partnership",
        *(f"{f.title[0].lower()} {p.programme.currency}" for f in p.figures),
    ]
    rows = [
        [
            str(a.rank),
            a.account,
            _money(a.gross_profit if p.programme.rank_by == "gross_profit" else a.revenue),
            _pct(a.share),
            _pct(a.cumulative),
            a.abc,
            _score(a.attractiveness),
            _score(a.position),
            f"{a.quadrant} ({QUADRANTS[a.quadrant]})" if a.quadrant else "-",
            a.partnership or "-",
            *(_money(a.figures[f.key]) if f.key in a.figures else "-" for f in p.figures),
        ]
        for a in p.accounts
    ]
    return header, rows


def _right(p: Portfolio) -> set[int]:
    """The ranking's columns of numbers: rank, revenue, shares, scores, and the sections' figures."""
    return {0, 2, 3, 4, 6, 7, *range(10, 10 + len(p.figures))}


_HEALTH_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "header": [
            "plan",
            "status",
            "complete",
            "coverage",
            "days since version",
            "days since commit",
            "next review",
            "reasons",
        ],
        "red": "red",
        "amber": "amber",
        "green": "green",
        "plan": "plan",
        "plans": "plans",
        "title": "plan health",
    },
    "de": {
        "header": [
            "Plan",
            "Zustand",
            "vollständig",
            "Abdeckung",
            "Tage seit Version",
            "Tage seit Commit",
            "nächster Review",
            "Gründe",
        ],
        "red": "rot",
        "amber": "gelb",
        "green": "grün",
        "plan": "Plan",
        "plans": "Pläne",
        "title": "Zustand des Plans",
    },
}
"""The health table's words in each language kamdoc speaks; JSON keeps the codes (red, amber, green) for programs."""


def _words(healths: list[Health]) -> dict[str, Any]:
    """The table's frame in the language most of its plans speak (each row's reasons stay in its plan's)."""
    return _HEALTH_WORDS[most_spoken(h.language for h in healths)]


def _health_rows(healths: list[Health]) -> tuple[list[str], list[list[str]]]:
    words = _words(healths)
    german = words is _HEALTH_WORDS["de"]

    def share(value: float) -> str:
        return _pct(value).replace(".", ",").replace("%", " %") if german else _pct(value)

    def day(value: date) -> str:
        return value.strftime("%d.%m.%Y") if german else value.isoformat()

    rows = [
        [
            h.plan,
            words[h.status],
            share(h.completeness) if h.completeness is not None else "-",
            f"{h.coverage.percent}{' %' if german else '%'}" if h.coverage and h.coverage.key_people else "-",
            str(h.version_days) if h.version_days is not None else "-",
            str(h.commit_days) if h.commit_days is not None else "-",
            day(h.next_review) if h.next_review else "-",
            "; ".join(h.reason_texts()) or "-",
        ]
        for h in healths
    ]
    return list(words["header"]), rows


def _measure(p: Portfolio) -> str:
    return "gross profit" if p.programme.rank_by == "gross_profit" else "revenue"


def _summary(p: Portfolio) -> list[str]:
    core = [a.account for a in p.accounts if a.core]
    out = [
        f"{len(core)} of {len(p.accounts)} accounts make {p.programme.pareto_share:.0%} of {_measure(p)} ({_money(p.total)} {p.programme.currency}): {', '.join(core) or '-'}",
        f"concentration: top account {_pct(p.top_share)}, top 3 {_pct(p.top3_share)}",
    ]
    if p.matrix:
        out.append("matrix: " + ", ".join(f"{q} {n}" for q, n in p.quadrant_counts().items()))
    else:
        out.append(
            "matrix: no account can be placed (needs portfolio.criteria in kamdoc.yaml and assessment scores in the plans)"
        )
    out.append("partnerships: " + ", ".join(f"{k or 'not set'} {n}" for k, n in p.partnership_counts().items()))
    failing = [f"{a.account} ({', '.join(name for name, _ in a.knocked_out)})" for a in p.accounts if a.knocked_out]
    out.append("knock-outs failed: " + (", ".join(failing) or "none"))
    silent = [a.account for a in p.accounts if a.unanswered]
    if silent:  # "none failed" would hide the accounts that never answered them
        out.append(
            f"{len(silent)} account{'s have' if len(silent) > 1 else ' has'} not answered every knock-out criterion: {', '.join(silent)}"
        )
    out.append("plan health: " + ", ".join(f"{s} {n}" for s, n in status_counts(p.health).items()))
    if p.invalid:
        out.append(f"left out, do not validate: {', '.join(p.invalid)}")
    return out


def portfolio_text(p: Portfolio) -> str:
    """The ranking, the summary and the plan health as aligned tables."""
    header, rows = _ranking_rows(p)
    lines = _grid(header, rows, _right(p)) + [""] + _summary(p) + [""] + health_text(p.health).splitlines()
    return "\n".join(lines) + "\n"


def portfolio_markdown(p: Portfolio) -> str:
    """The same as Markdown tables."""

    def table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
        esc = [[str(c).replace("|", "\\|") for c in r] for r in [header, *rows]]
        out = [
            "| " + " | ".join(esc[0]) + " |",
            "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|",
        ]
        return out + ["| " + " | ".join(r) + " |" for r in esc[1:]]

    header, rows = _ranking_rows(p)
    lines = [
        "## Key account portfolio",
        "",
        *table(header, rows, _right(p)),
        "",
        *(f"- {s}" for s in _summary(p)),
        "",
        "## Plan health",
        "",
    ]
    header, rows = _health_rows(p.health)
    return "\n".join(lines + table(header, rows, {2, 3, 4, 5})) + "\n"


def portfolio_json(p: Portfolio) -> str:
    """Everything as JSON (amounts in the reporting currency, shares as fractions)."""
    data: dict[str, Any] = {
        "date": p.today.isoformat(),
        "currency": p.programme.currency,
        "total_revenue": p.total,
        "pareto": {
            "share": p.programme.pareto_share,
            "by": p.programme.rank_by,
            "accounts": p.core_count,
            "top_share": p.top_share,
            "top3_share": p.top3_share,
        },
        "accounts": [
            {
                "rank": a.rank,
                "account": a.account,
                "plan": a.plan,
                "year": a.year,
                "revenue": a.revenue,
                "gross_profit": a.gross_profit,
                "margin_missing": a.margin_missing,
                "class": a.abc,
                "share": a.share,
                "cumulative": a.cumulative,
                "core": a.core,
                "attractiveness": a.attractiveness,
                "position": a.position,
                "quadrant": a.quadrant,
                "strategy": QUADRANTS[a.quadrant] if a.quadrant else None,
                "partnership": a.partnership,
                "knock_outs_failed": [{"criterion": n, "reason": r} for n, r in a.knocked_out],
                "knock_outs_unanswered": a.unanswered,
                "figures": a.figures,
            }
            for a in p.accounts
        ],
        "invalid": p.invalid,
        "health": health_data(p.health),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def health_data(healths: list[Health]) -> list[dict[str, Any]]:
    return [
        {
            "plan": h.plan,
            "account": h.account,
            "status": h.status,
            "completeness": h.completeness,
            "version": h.version.isoformat() if h.version else None,
            "days_since_version": h.version_days,
            "last_commit": h.commit.isoformat() if h.commit else None,
            "days_since_commit": h.commit_days,
            "next_review": h.next_review.isoformat() if h.next_review else None,
            "coverage": _coverage_data(h),
            "reasons": [{"code": r.code, "severity": r.severity, "text": r.text(h.language)} for r in h.reasons],
        }
        for h in healths
    ]


def _coverage_data(h: Health) -> dict[str, Any] | None:
    """A plan's relationship coverage for programs: the share, each gap's person and codes, the single-thread signs."""
    c = h.coverage
    if c is None:
        return None
    return {
        "percent": c.percent if c.key_people else None,
        "key_people": c.key_people,
        "covered": c.covered,
        "gaps": [{"person": g.person, "missing": list(g.missing)} for g in c.gaps],
        "buying_roles_reached": c.roles_reached,
        "mentors": c.mentors,
        "single_threaded": c.single_threaded,
        "warnings": c.warnings(h.language),
    }


def health_text(healths: list[Health]) -> str:
    header, rows = _health_rows(healths)
    words = _words(healths)
    counts = ", ".join(f"{n} {words[s]}" for s, n in status_counts(healths).items())
    plans = words["plan"] if len(healths) == 1 else words["plans"]
    grid = _grid(header, rows, {2, 3, 4, 5})
    if max(map(len, grid)) > shutil.get_terminal_size((120, 24)).columns:
        # Too narrow a terminal for every column: the coverage goes first (its shortfall is among the reasons).
        keep = [i for i in range(len(header)) if i != 3]
        grid = _grid([header[i] for i in keep], [[r[i] for i in keep] for r in rows], {2, 3, 4})
    return "\n".join(grid + ["", f"{len(healths)} {plans}: {counts}"]) + "\n"


def health_json(healths: list[Health]) -> str:
    return json.dumps({"plans": health_data(healths)}, ensure_ascii=False, indent=2) + "\n"


def health_github(healths: list[Health]) -> str:
    """Workflow commands: an error annotation per red plan, a warning per amber one, on the plan file."""

    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = []
    for h in healths:
        if h.status == "green":
            continue
        level = "error" if h.status == "red" else "warning"
        file = h.plan.replace(",", "%2C").replace(":", "%3A")
        words = _words([h])
        lines.append(
            f"::{level} file={file},line=1,title={words['title']} {words[h.status]}::{escape('; '.join(h.reason_texts()))}"
        )
    return "\n".join(lines + [health_text(healths).splitlines()[-1]]) + "\n"


TOP_REVENUE_MOVES = 10
"""The portfolio's movers name the largest changes of planned revenue, at most this many."""


def _ranked_moves(moves: list[Move]) -> list[Move]:
    """Quadrant, partnership and health changes, then the largest changes of planned revenue (by size)."""
    kept = [m for m in moves if not m.what.startswith("revenue")]
    revenue = [m for m in moves if m.what.startswith("revenue")]
    revenue.sort(key=lambda m: -abs(float(m.new or 0) - float(m.old or 0)))
    return kept + revenue[:TOP_REVENUE_MOVES]


def _move_line(m: Move) -> str:
    old = "-" if m.old is None else _money(float(m.old)) if isinstance(m.old, float | int) else str(m.old)
    new = "-" if m.new is None else _money(float(m.new)) if isinstance(m.new, float | int) else str(m.new)
    by = f" ({m.by.commit[:8]} {m.by.author}: {m.by.subject})" if m.by is not None else ""
    return f"{m.account}: {m.what}: {old} -> {new}{by}"


def movers_text(moves: list[Move], since: str) -> str:
    """The accounts that moved since `since`, one change a line."""
    ranked = _ranked_moves(moves)
    lines = [f"movers since {since}:"] + [f"  {_move_line(m)}" for m in ranked]
    return "\n".join(lines if ranked else [f"movers since {since}: none"]) + "\n"


def movers_markdown(moves: list[Move], since: str) -> str:
    ranked = _ranked_moves(moves)
    lines = [f"### Movers since {since.replace('|', '/')}", ""]
    lines += [f"- {_move_line(m).replace('|', '/')}" for m in ranked] or ["_none_"]
    return "\n".join(lines) + "\n"


def movers_json(moves: list[Move]) -> list[dict[str, Any]]:
    return [
        {
            "plan": m.plan,
            "account": m.account,
            "what": m.what,
            "old": m.old,
            "new": m.new,
            "commit": m.by.commit if m.by else None,
            "author": m.by.author if m.by else None,
            "message": m.by.subject if m.by else None,
        }
        for m in _ranked_moves(moves)
    ]
