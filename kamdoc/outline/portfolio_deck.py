"""The portfolio deck's outline: the programme's accounts as slides (80/20, matrix, partnerships, knock-outs, plan health), measured to fit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kamdoc.analyse.health import status_counts
from kamdoc.analyse.portfolio import MIDDLE, QUADRANTS, Portfolio
from kamdoc.outline.cover import WIDE_TEXT_SHARE, cover_elements
from kamdoc.outline.deck import (
    Box,
    Bubble,
    BubbleChart,
    ColumnChart,
    Deck,
    LineChart,
    Series,
)
from kamdoc.outline.kit import Kit, finish
from kamdoc.outline.layout import fit_size, paginate_table, text
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import amount, chart_format, dated, day, number, percent, term, word
from kamdoc.theme.settings import Theme

NAMED_CATEGORIES = 25
"""Up to this many accounts the Pareto curve names them along its axis; beyond, it numbers their ranks."""
NAMED_CORE = 12
"""Up to this many accounts in the 80 % the summary names them; beyond, it points to the ranking."""
STATUS_COLOUR = {"red": "status.red", "amber": "status.amber", "green": "status.green"}
MILLIONS, THOUSANDS = 1e6, 1e4
"""From the largest account's revenue up: amounts in millions, in thousands, else in the currency itself."""
PARETO_SHARE_W, PARTNERSHIP_SHARE_W = 0.66, 0.45
"""The charts' shares of the body's width on the 80/20 and partnership slides; figures or a table take the rest."""
SIDE_GAP = 14.0
"""Points between a chart and what stands beside it."""
SMALLEST_BUBBLE = 0.02
"""An account without revenue still shows, as a bubble of this share of the largest one."""
SCORE_AXIS = (0.5, 5.5)
"""Both matrix axes (scores run from 1 to 5), with room for the outer bubbles."""


class _Builder(Kit):
    """Builds the portfolio deck's slides with the kit the plans' decks are built with."""

    def __init__(self, portfolio: Portfolio, theme: Theme, language: str, cache: Path | None = None) -> None:
        super().__init__(theme, language, cache=cache)
        self.p = portfolio
        biggest = max((a.revenue for a in portfolio.accounts), default=0.0)
        self.unit, self.divisor = (
            ("million", 1e6) if biggest >= MILLIONS else ("thousand", 1e3) if biggest >= THOUSANDS else ("one", 1.0)
        )

    def money(self, value: float) -> str:
        return amount(round(value / self.divisor, 1), self.p.programme.currency, self.unit, self.lang)

    def _measured(self, key: str) -> str:
        """The word for what accounts are ranked by: `key` for revenue, its gross-profit form for gross profit."""
        if self.p.programme.rank_by != "gross_profit":
            return key
        return {"revenue": "gross_profit"}.get(key, f"{key}_profit")

    def pct(self, share: float) -> str:
        return percent(round(share * 100, 1), self.lang)

    def score(self, value: float | None) -> str:
        return number(round(value, 1), self.lang, 1) if value is not None else "–"

    def quadrant(self, name: str | None) -> str:
        return f"{self.w('q_' + name)} ({self.w('s_' + QUADRANTS[name])})" if name else "–"

    def status_table(
        self,
        kind: str,
        title: str,
        section: str,
        header: list[str],
        rows: list[list[str]],
        align: list[str],
        status_column: int | None = None,
    ) -> None:
        colours = {self.w(f"status_{s}"): c for s, c in STATUS_COLOUR.items()}
        for table in paginate_table(
            self.fonts, tuple(header), [tuple(r) for r in rows], tuple(align), self.body, self.theme.size("small")
        ):
            if status_column is not None:
                fills = tuple(
                    tuple(colours.get(cell) if i == status_column else None for i, cell in enumerate(row))
                    for row in table.rows
                )
                table = replace(table, fills=fills)
            self.new(kind, title, section).elements.append(table)

    # --- slides ---------------------------------------------------------------------------

    def cover(self) -> None:
        p = self.p
        slide = self.new("cover", self.w("portfolio_title"), "cover")
        years = sorted({a.year for a in p.accounts if a.year})
        facts = [
            f"{self.w('as_of')} {day(p.today, self.lang)}",
            f"{len(p.accounts)} {self.w('accounts')} · {len(p.health)} {self.w('plans')}",
            f"{self.w('revenue')} {self.money(p.total)}" + (f" ({', '.join(map(str, years[-2:]))})" if years else ""),
        ]
        slide.elements += cover_elements(
            self.w("portfolio_title"),
            facts,
            None,
            self.fonts,
            self.theme,
            (self.width, self.height),
            self.margin,
            self.sizes,
            WIDE_TEXT_SHARE,
        )

    def summary(self) -> None:
        p = self.p
        core = [a.account for a in p.accounts if a.core]
        counts = p.quadrant_counts()
        health = status_counts(p.health)
        out = [a for a in p.accounts if a.knocked_out]
        bullets = [
            (
                f"{self.w(self._measured('pareto_line')).format(n=len(core), total=len(p.accounts), share=self.pct(p.programme.pareto_share))}"
                + (f": {', '.join(core)}" if len(core) <= NAMED_CORE else f" ({self.w('see_ranking')})")
            )
            if core
            else self.w("no_revenue"),
            f"{self.w('concentration')}: {self.w('top_account')} {self.pct(p.top_share)}, {self.w('top_3')} {self.pct(p.top3_share)}",
            f"{self.w('matrix')}: "
            + (
                ", ".join(f"{self.w('q_' + q)} {n}" for q, n in counts.items())
                if p.matrix
                else self.w("matrix_missing")
            ),
            f"{self.w('partnerships')}: "
            + ", ".join(f"{term('partnership', k, self.lang)} {n}" for k, n in p.partnership_counts().items() if k),
            f"{self.w('knock_outs')}: " + (", ".join(a.account for a in out) if out else self.w("none_failing")),
            f"{self.w('plan_health')}: " + ", ".join(f"{self.w('status_' + s)} {n}" for s, n in health.items()),
        ]
        if p.invalid:
            bullets.append(f"{self.w('left_out')}: {', '.join(p.invalid)}")
        paras = [Para((Run(b),), "•") for b in bullets]
        size = fit_size(self.fonts, paras, self.body, (*self.sizes, self.theme.size("minimum")))
        if size:
            self.new("summary", self.w("at_a_glance"), "summary").elements.append(text(self.body, paras, size))
        else:  # a long list of core accounts: over as many slides as it needs
            self.flow("summary", self.w("at_a_glance"), "summary", paras)

    def pareto(self) -> None:
        p = self.p
        if not p.total:
            return
        accounts = p.accounts
        named = len(accounts) <= NAMED_CATEGORIES
        categories = tuple(a.account if named else str(a.rank) for a in accounts)
        chart_box = Box(self.body.x, self.body.y, self.body.w * PARETO_SHARE_W, self.body.h)
        series = (Series(self.w("cumulative_share"), tuple(round(a.cumulative, 4) for a in accounts)),)
        chart = LineChart(
            chart_box,
            categories,
            series,
            (0.0, 1.0),
            "0%",
            p.programme.pareto_share,
            self.pct(p.programme.pareto_share),
            self.w("accounts_by_profit" if p.programme.rank_by == "gross_profit" else "accounts_by_revenue"),
            self.w("cumulative_share"),
            chart_format("0%", self.lang),
        )
        side = Box(chart_box.right + SIDE_GAP, self.body.y, self.body.w - chart_box.w - SIDE_GAP, self.body.h)
        figures = [
            (
                self.w("pareto_short").format(
                    n=p.core_count, total=len(accounts), share=self.pct(p.programme.pareto_share)
                ),
                "",
            ),
            (self.w("top_account"), f"{accounts[0].account}: {self.pct(p.top_share)}"),
            (self.w("top_3"), self.pct(p.top3_share)),
            (self.w(self._measured("revenue")), self.money(p.total)),
        ]
        paras = []
        for label, value in figures:
            paras.append(Para((Run(label, bold=True),)))
            if value:
                paras.append(Para((Run(value),)))
        size = fit_size(self.fonts, paras, side, self.sizes) or self.theme.size("minimum")
        slide = self.new("pareto", self.w(self._measured("pareto")), "pareto")
        slide.elements += [chart, text(side, paras, size, fill="table_stripe")]

    def ranking(self) -> None:
        header = [
            "#",
            self.w("account"),
            self.w(self._measured("revenue")),
            self.w("share"),
            self.w("cumulative"),
            self.pct(self.p.programme.pareto_share),
            self.w("attractiveness"),
            self.w("position_short"),
            self.w("quadrant"),
            self.w("partnership"),
            *(f.title[self.lang == "de"] for f in self.p.figures),
        ]
        rows = [
            [
                str(a.rank),
                a.account,
                self.money(a.gross_profit if self.p.programme.rank_by == "gross_profit" else a.revenue),
                self.pct(a.share),
                self.pct(a.cumulative),
                "●" if a.core else "",
                self.score(a.attractiveness),
                self.score(a.position),
                self.quadrant(a.quadrant),
                term("partnership", a.partnership, self.lang) or "–",
                *(self.money(a.figures[f.key]) if f.key in a.figures else "–" for f in self.p.figures),
            ]
            for a in self.p.accounts
        ]
        self.status_table(
            "ranking",
            self.w("ranking"),
            "pareto",
            header,
            rows,
            ["right", "left", "right", "right", "right", "center", "right", "right", "left", "left"]
            + ["right"] * len(self.p.figures),
        )

    def matrix(self) -> None:
        placed = self.p.matrix
        if not placed:
            slide = self.new("matrix", self.w("matrix"), "matrix")
            slide.elements.append(text(self.body, [Para((Run(self.w("matrix_missing")),))], self.sizes[0]))
            return
        biggest = max(a.revenue for a in placed) or 1.0
        # A bubble's area shows revenue; an account without revenue still shows as the smallest bubble.
        bubbles = tuple(
            Bubble(
                a.account,
                round(a.position or 0, 2),
                round(a.attractiveness or 0, 2),
                max(a.revenue, biggest * SMALLEST_BUBBLE) / self.divisor,
            )
            for a in placed
        )
        top_left, top_right, bottom_left, bottom_right = (self.quadrant(q) for q in QUADRANTS)
        quadrants = (top_left, top_right, bottom_left, bottom_right)
        slide = self.new("matrix", self.w("matrix"), "matrix")
        slide.elements.append(
            BubbleChart(
                self.body,
                bubbles,
                SCORE_AXIS,
                SCORE_AXIS,
                MIDDLE,
                MIDDLE,
                self.w("position_axis"),
                self.w("attractiveness_axis"),
                quadrants,
                "0.0",
            )
        )

    def partnerships(self) -> None:
        by_level = self.p.partnership_counts()
        levels, counts = list(by_level), list(by_level.values())
        if not any(counts[:-1]):
            return
        names = [term("partnership", k, self.lang) if k else self.w("not_set") for k in levels]
        slide = self.new("partnerships", self.w("partnerships"), "partnerships")
        chart_box = Box(self.body.x, self.body.y, self.body.w * PARTNERSHIP_SHARE_W, self.body.h)
        slide.elements.append(
            ColumnChart(
                chart_box,
                tuple(names),
                (Series(self.w("accounts_header"), tuple(float(c) for c in counts)),),
                False,
                "0",
            )
        )
        rows = []
        for level, name, count in zip(levels, names, counts):
            members = [a for a in self.p.accounts if a.partnership == level]
            revenue = sum(a.revenue for a in members)
            rows.append(
                (name, str(count), self.money(revenue), self.pct(revenue / self.p.total) if self.p.total else "–")
            )
        box = Box(chart_box.right + SIDE_GAP, self.body.y, self.body.w - chart_box.w - SIDE_GAP, self.body.h)
        tables = paginate_table(
            self.fonts,
            (self.w("partnership"), self.w("accounts_header"), self.w("revenue"), self.w("share")),
            rows,
            ("left", "right", "right", "right"),
            box,
            self.theme.size("small"),
        )
        slide.elements.append(tables[0])

    def knock_outs(self) -> None:
        if not self.p.programme.knock_outs:
            return
        rows = [[a.account, name, reason or "–"] for a in self.p.accounts for name, reason in a.knocked_out]
        rows += [[a.account, name, self.w("not_answered")] for a in self.p.accounts for name in a.unanswered]
        if not rows:
            slide = self.new("knock_outs", self.w("knock_outs"), "knock_outs")
            slide.elements.append(text(self.body, [Para((Run(self.w("none_failing")),))], self.sizes[0]))
            return
        self.status_table(
            "knock_outs",
            self.w("knock_outs"),
            "knock_outs",
            [self.w("account"), self.w("criterion"), self.w("reason")],
            rows,
            ["left", "left", "left"],
        )

    def health(self) -> None:
        order = {"red": 0, "amber": 1, "green": 2}
        rows = []
        for h in sorted(self.p.health, key=lambda h: (order[h.status], h.account.casefold(), h.plan)):
            rows.append(
                [
                    h.account,
                    self.w(f"status_{h.status}"),
                    self.pct(h.completeness) if h.completeness is not None else "–",
                    self.pct(h.coverage.percent / 100) if h.coverage and h.coverage.key_people else "–",
                    str(h.version_days) if h.version_days is not None else "–",
                    str(h.commit_days) if h.commit_days is not None else "–",
                    day(h.next_review, self.lang) if h.next_review else "–",
                    "; ".join(dated(r.text(self.lang), self.lang) for r in h.reasons) or "–",
                ]
            )
        self.status_table(
            "health",
            self.w("plan_health"),
            "health",
            [
                self.w("account"),
                self.w("status"),
                self.w("complete"),
                self.w("coverage"),
                self.w("days_since_version"),
                self.w("days_since_commit"),
                self.w("next_review"),
                self.w("reasons"),
            ],
            rows,
            ["left", "left", "right", "right", "right", "right", "right", "left"],
            status_column=1,
        )


def portfolio_outline(portfolio: Portfolio, theme: Theme, language: str = "en", cache: Path | None = None) -> Deck:
    """The portfolio deck: cover, summary, 80/20 curve and ranking, matrix, partnerships, knock-outs, plan health.

    `cache` is the folder the fonts' widths are kept in between runs (the command's choice); without one, nothing is written.
    """
    builder = _Builder(portfolio, theme, language, cache)
    for make in (
        builder.cover,
        builder.summary,
        builder.pareto,
        builder.ranking,
        builder.matrix,
        builder.partnerships,
        builder.knock_outs,
        builder.health,
    ):
        make()
    finish(builder.slides, builder.geometry, theme)
    title = word("portfolio_title", language)
    return builder.geometry.place_footer(
        Deck(
            title=title,
            author="kamdoc",
            subject=title,
            language=language,
            footer=f"{title} · {day(portfolio.today, language)}",
            width=builder.width,
            height=builder.height,
            slides=builder.slides,
        ),
        theme,
    )
