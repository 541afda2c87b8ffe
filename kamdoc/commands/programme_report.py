"""The portfolio and plan health as text on a terminal, JSON for tools, Markdown for pull requests and wikis, GitHub annotations."""

from __future__ import annotations

import json
import re
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
        max([len(str(r[i])) for r in rows] + [max(map(len, re.split(r"(?<=-)|\s", header[i])), default=0)])
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
            textwrap.wrap(str(c), w, break_on_hyphens=n == 0) or [""] if i in text or n == 0 else [str(c)]
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


_REPORT_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "account": "account",
        "revenue": "revenue",
        "gross_profit": "gross profit",
        "share": "share",
        "cumulative": "cumulative",
        "class": "class",
        "attractiveness": "attract.",
        "position": "position",
        "quadrant": "quadrant",
        "partnership": "partnership",
        "core": "{n} of {total} accounts make {share} of {measure} ({total_money} {currency}): {names}",
        "of_revenue": "revenue",
        "of_gross_profit": "gross profit",
        "concentration": "concentration: top account {top}, top 3 {top3}",
        "matrix": "matrix",
        "no_matrix": "matrix: no account can be placed (needs portfolio.criteria in kamdoc.yaml and assessment scores in the plans)",
        "partnerships": "partnerships",
        "not_set": "not set",
        "knock_outs": "knock-outs failed",
        "none": "none",
        "silent_one": "1 account has not answered every knock-out criterion: {names}",
        "silent_many": "{n} accounts have not answered every knock-out criterion: {names}",
        "plan_health": "plan health",
        "left_out": "left out, do not validate",
        "portfolio_heading": "Key account portfolio",
        "health_heading": "Plan health",
        "movers": "movers since {since}",
    },
    "de": {
        "account": "Account",
        "revenue": "Umsatz",
        "gross_profit": "Rohertrag",
        "share": "Anteil",
        "cumulative": "kumuliert",
        "class": "Klasse",
        "attractiveness": "Attrakt.",
        "position": "Position",
        "quadrant": "Quadrant",
        "partnership": "Partnerschaft",
        "core": "{n} von {total} Accounts machen {share} des {measure} ({total_money} {currency}): {names}",
        "of_revenue": "Umsatzes",
        "of_gross_profit": "Rohertrags",
        "concentration": "Konzentration: größter Account {top}, Top 3 {top3}",
        "matrix": "Matrix",
        "no_matrix": "Matrix: kein Account einzuordnen (braucht portfolio.criteria in kamdoc.yaml und Bewertungen in den Plänen)",
        "partnerships": "Partnerschaften",
        "not_set": "nicht angegeben",
        "knock_outs": "K.-o.-Kriterien nicht erfüllt",
        "none": "keine",
        "silent_one": "1 Account hat nicht jedes K.-o.-Kriterium beantwortet: {names}",
        "silent_many": "{n} Accounts haben nicht jedes K.-o.-Kriterium beantwortet: {names}",
        "plan_health": "Zustand der Pläne",
        "left_out": "nicht berücksichtigt, ungültig",
        "portfolio_heading": "Key-Account-Portfolio",
        "health_heading": "Zustand der Pläne",
        "movers": "Veränderungen seit {since}",
    },
}
"""The portfolio report's own words; the German report writes numbers as German does (7,6 Mio., 38,5 %)."""


class _Say:
    """The portfolio report's words and numbers in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in _REPORT_WORDS else "en"
        self.words = _REPORT_WORDS[self.language]

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def money(self, value: float) -> str:
        if self.language == "en":
            return _money(value)
        from kamdoc.outline.words import number

        for limit, suffix in ((1e6, " Mio."), (1e3, " Tsd.")):
            if abs(value) >= limit:
                return number(round(value / limit, 1), "de", 1) + suffix
        return number(round(value), "de", 0)

    def pct(self, share: float) -> str:
        return _pct(share) if self.language == "en" else _pct(share).replace(".", ",").replace("%", " %")

    def score(self, value: float | None) -> str:
        return _score(value) if self.language == "en" or value is None else _score(value).replace(".", ",")

    def quadrant(self, name: str | None) -> str:
        if not name:
            return "-"
        if self.language == "en":
            return f"{name} ({QUADRANTS[name]})"
        from kamdoc.outline.words import word

        return f"{word('q_' + name, 'de')} ({word('s_' + QUADRANTS[name], 'de')})"

    def quadrant_name(self, name: str) -> str:
        from kamdoc.outline.words import word

        return name if self.language == "en" else word("q_" + name, "de")

    def whole_pct(self, share: float) -> str:
        return f"{share:.0%}" if self.language == "en" else f"{share:.0%}".replace("%", " %")

    def partnership(self, level: str | None) -> str:
        """A partnership level as a table's narrow column shows it ("strategisch")."""
        if level is None:
            return self["not_set"]
        from kamdoc.outline.words import word

        return level if self.language == "en" else word(f"p_{level}", "de")

    def figure(self, title: tuple[str, str]) -> str:
        return title[0].lower() if self.language == "en" else title[1]


def _ranking_rows(p: Portfolio, say: _Say) -> tuple[list[str], list[list[str]]]:
    measure = "gross_profit" if p.programme.rank_by == "gross_profit" else "revenue"
    header = [
        "#",
        say["account"],
        f"{say[measure]} {p.programme.currency}",
        *(say[k] for k in ("share", "cumulative", "class", "attractiveness", "position", "quadrant", "partnership")),
        *(f"{say.figure(f.title)} {p.programme.currency}" for f in p.figures),
    ]
    rows = [
        [
            str(a.rank),
            a.account,
            say.money(a.gross_profit if measure == "gross_profit" else a.revenue),
            say.pct(a.share),
            say.pct(a.cumulative),
            a.abc,
            say.score(a.attractiveness),
            say.score(a.position),
            say.quadrant(a.quadrant),
            say.partnership(a.partnership) if a.partnership else "-",
            *(say.money(a.figures[f.key]) if f.key in a.figures else "-" for f in p.figures),
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


def _summary(p: Portfolio, say: _Say) -> list[str]:
    core = [a.account for a in p.accounts if a.core]
    measure = say["of_gross_profit" if p.programme.rank_by == "gross_profit" else "of_revenue"]
    out = [
        say["core"].format(
            n=len(core),
            total=len(p.accounts),
            share=say.whole_pct(p.programme.pareto_share),
            measure=measure,
            total_money=say.money(p.total),
            currency=p.programme.currency,
            names=", ".join(core) or "-",
        ),
        say["concentration"].format(top=say.pct(p.top_share), top3=say.pct(p.top3_share)),
    ]
    if p.matrix:
        out.append(
            f"{say['matrix']}: " + ", ".join(f"{say.quadrant_name(q)} {n}" for q, n in p.quadrant_counts().items())
        )
    else:
        out.append(say["no_matrix"])
    levels = ", ".join(f"{say.partnership(k)} {n}" for k, n in p.partnership_counts().items())
    out.append(f"{say['partnerships']}: {levels}")
    failing = [f"{a.account} ({', '.join(name for name, _ in a.knocked_out)})" for a in p.accounts if a.knocked_out]
    out.append(f"{say['knock_outs']}: " + (", ".join(failing) or say["none"]))
    silent = [a.account for a in p.accounts if a.unanswered]
    if silent:  # "none failed" would hide the accounts that never answered them
        form = "silent_one" if len(silent) == 1 else "silent_many"
        out.append(say[form].format(n=len(silent), names=", ".join(silent)))
    words = _HEALTH_WORDS[say.language]
    out.append(f"{say['plan_health']}: " + ", ".join(f"{words[s]} {n}" for s, n in status_counts(p.health).items()))
    if p.invalid:
        out.append(f"{say['left_out']}: {', '.join(p.invalid)}")
    return out


def portfolio_text(p: Portfolio, language: str = "en") -> str:
    """The ranking, the summary and the plan health as aligned tables, the frame in `language`."""
    say = _Say(language)
    header, rows = _ranking_rows(p, say)
    lines = _grid(header, rows, _right(p)) + [""] + _summary(p, say) + [""] + health_text(p.health).splitlines()
    return "\n".join(lines) + "\n"


def portfolio_markdown(p: Portfolio, language: str = "en") -> str:
    """The same as Markdown tables."""
    say = _Say(language)

    def table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
        esc = [[str(c).replace("|", "\\|") for c in r] for r in [header, *rows]]
        out = [
            "| " + " | ".join(esc[0]) + " |",
            "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|",
        ]
        return out + ["| " + " | ".join(r) + " |" for r in esc[1:]]

    header, rows = _ranking_rows(p, say)
    lines = [
        f"## {say['portfolio_heading']}",
        "",
        *table(header, rows, _right(p)),
        "",
        *(f"- {s}" for s in _summary(p, say)),
        "",
        f"## {say['health_heading']}",
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


def movers_text(moves: list[Move], since: str, language: str = "en") -> str:
    """The accounts that moved since `since`, one change a line."""
    say, ranked = _Say(language), _ranked_moves(moves)
    heading = say["movers"].format(since=since)
    lines = [f"{heading}:"] + [f"  {_move_line(m)}" for m in ranked]
    return "\n".join(lines if ranked else [f"{heading}: {say['none']}"]) + "\n"


def movers_markdown(moves: list[Move], since: str, language: str = "en") -> str:
    say, ranked = _Say(language), _ranked_moves(moves)
    heading = say["movers"].format(since=since.replace("|", "/"))
    lines = [f"### {heading[0].upper()}{heading[1:]}", ""]
    lines += [f"- {_move_line(m).replace('|', '/')}" for m in ranked] or [f"_{say['none']}_"]
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
