"""The power map: the customer's organisation as boxes people read aloud, every line between the right two people.

A map that fits one slide is drawn whole, its type as large as fits (up to 14 pt). A larger one opens with an overview
(the top levels and every decision-maker, mentor and enemy, each marked with the slide that shows them in full), then one
branch after the other, packed onto as few slides as hold them. Lines are routed through the free channels between the
boxes; a tie to someone on another slide is a tag in the box ("↔ A. Kühn · S. 11"); the table of ties lists every tie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from kamdoc.limits import MAX_TIES_DRAWN
from kamdoc.outline.deck import Box, Connector, Element, Shape, Text
from kamdoc.outline.layout import INSET, Fonts
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.org_chart import (
    GAP_X,
    GAP_Y,
    STACK_GAP,
    Block,
    Layout,
    Page,
    Planner,
    forest,
    moved,
    pack,
)
from kamdoc.outline.person_card import (
    PAD_X,
    PAD_Y,
    SLACK,
    Card,
    Line,
    Style,
    box_height,
    card_lines,
    measure,
    short_name,
)
from kamdoc.outline.richtext import Para, Run, plain
from kamdoc.outline.routing import (
    BOTTOM,
    LEFT,
    TOP,
    Routed,
    Router,
    clear_of,
    site_fractions,
)
from kamdoc.outline.slide_refs import map_ref
from kamdoc.outline.words import term, word
from kamdoc.standard.model import Link, Person

SIZES = (14.0, 13.0, 12.0, 11.0, 10.0)
"""Type sizes tried for a map on one slide, largest first: a small map fills its slide; 10 pt is the floor."""
SPLIT_SIZES = (12.0, 11.0, 10.0)
"""Type sizes tried for a map over several slides: the largest that takes no more slides than a smaller one is taken."""
ROOMY = 40
"""Maps of more people than this are not tried at 12 pt: they seldom fit as few slides at 12 pt as at 11, and each size
tried lays the whole map out again."""
WIDTHS = (184.0, 168.0, 152.0, 136.0, 120.0)
"""Box widths tried at 10 pt, roomy first (larger type, wider boxes): the fewest slides win, then the larger type and box."""
OVERVIEW = Style(184.0, 10.0)
"""The overview's boxes: name and title at the floor size."""
OVERVIEW_SIZES = (14.0, 12.0, 10.0)
"""Type sizes tried for the overview, largest first: a small overview fills its slide."""
OVERVIEW_LEVELS = (3, 2, 1)
"""How many levels from the top the overview shows, most first; the deepest that fits one slide is taken."""
KEY_ROLES, KEY_ATTITUDES = frozenset({"decision-maker"}), frozenset({"mentor", "enemy"})
"""Who the overview shows at any depth: every decision-maker, mentor and enemy."""
FRAME = {"high": 3.0, "medium": 1.5, "low": 0.75}
"""A box's frame in points by the person's influence."""
LINE_HALO, TIE_HALO = 1.0, 1.5
"""Points of white on each side of a reporting line and of a tie: where it crosses a line drawn before, that one is broken."""
CAPTION_SIZE = 10.0
CAPTION_GAP = 4.0
"""Points between a part's caption and its top box."""
LEGEND_GAP = 6.0
"""Points between the chart and its legend."""
SWATCH = 9.0
SHORT = 0.6
"""A chart taking less than this share of the slide's height is centred down it."""
STYLES_WITH_OVERVIEWS = 3
"""Styles an overview is tried in: the three whose trees alone take the fewest slides."""
LARGE = 300
"""From this many people on, a map is laid out in one style only (10 pt, middling boxes): it takes many slides whatever the
style, and trying each would multiply the work."""
PASSES = 3
"""Layouts tried at most: each gives the people with a tie to another slide a line for its tag; a person whose tie moves
to another slide only in the last one is found in the table of ties."""
_DARK_FILLS = {"mentor", "enemy"}
MAX_TAG_TRIES = 20
"""How many of a person's ties are tried for the longest tag their box keeps room for (a person may have hundreds)."""
_SITES = site_fractions()


@dataclass
class PowerMapSlide:
    """One slide of the power map: what is drawn, the people's notes for the speaker, and whether it is the overview."""

    elements: list[Element]
    notes: list[str]
    overview: bool = False


@dataclass
class _Plan:
    """A map laid out: its pages (the overview first, when there is one), the styles of its boxes and what they say."""

    pages: list[Page]
    style: Style
    overview: Page | None = None
    overview_cards: dict[str, Card] = field(default_factory=dict)
    compact: set[str] = field(
        default_factory=set
    )  # people the overview shows by name and title: in full on a branch slide
    overview_style: Style = OVERVIEW  # the overview's boxes' width and type size
    teams: dict[str, Line] = field(default_factory=dict)  # on the overview: who stands below a box and is not on it

    @property
    def count(self) -> int:
        return len(self.pages) + (1 if self.overview else 0)


class _Map:
    """Lays out and draws one plan's power map."""

    def __init__(
        self,
        people: Sequence[Person],
        links: Sequence[Link],
        body: Box,
        fonts: Fonts,
        language: str,
        customer: bool = False,
        coverage: str = "",
    ) -> None:
        self.people, self.links, self.body, self.fonts, self.language = people, links, body, fonts, language
        self.coverage = coverage  # the legend's last item in our copy: how well our relationships cover the key people
        # The customer's copy does not show the customer our gaps: the people we know no manager of are "further people".
        self.loners_word = "further_people" if customer else "no_reporting_line"
        self.by_id = {p.id: p for p in people}
        self.forest = forest(people)
        self.ties: dict[str, list[Link]] = {}
        for link in links:
            if link.from_ in self.by_id and link.to in self.by_id and link.from_ != link.to:
                self.ties.setdefault(link.from_, []).append(link)
                self.ties.setdefault(link.to, []).append(link)
        self.tagged: set[str] = set()  # people whose box has a line for their ties to other slides
        self.forwarded: set[str] = set()  # people whose box says on which slide their team goes on ("(Team: S. 11)")
        self.choice: tuple[Style, int, bool] | tuple[Style] = (Style(WIDTHS[0], SPLIT_SIZES[-1]),)  # set by `split`
        self._measured: dict[tuple[Style, str, bool, Line | None, str], tuple[Card, float]] = {}
        # As `_measured`, a box per person and style tried (with or without a tag, and a team's slide): linear in the people.
        self._box_heights: dict[tuple[Style, str, bool, Line | None, str], float] = {}
        self._lines: dict[tuple[str, bool], list[Line]] = {}  # a box per person, and one more on the overview
        self._heights: dict[tuple[Style, frozenset[str], frozenset[str]], dict[str, float]] = {}
        self._parts: list[int] | None = None

    # --- boxes -----------------------------------------------------------------------------------------------------

    def longest_tag(self, pid: str) -> Line:
        """The longest tag a box may carry, whichever of its ties comes first on a slide: the room kept for it."""
        ties = self.ties[pid]
        tags = [self.tag_line(pid, [tie, *(t for t in ties if t is not tie)], None) for tie in ties[:MAX_TAG_TRIES]]
        return max(tags, key=lambda line: len(line.text))

    def tag_line(self, pid: str, links: Sequence[Link], page_of: dict[str, int] | None) -> Line:
        """A box's tag for its ties to people on other slides: the first by name and slide, the others counted."""
        link = links[0]
        other = link.to if link.from_ == pid else link.from_
        kind = link.kind or "influences"
        arrow = ("→" if link.from_ == pid else "←") if kind == "influences" else "↔"
        # The arrow says who influences whom; allies and rivals, both ↔, are told apart in words ("↔ Rivale: G. Köhler").
        what = f"{word(f'tie_{kind}', self.language)}: " if kind != "influences" else ""
        where = map_ref(page_of[other] if page_of is not None and other in page_of else 99)
        more = f" +{len(links) - 1}" if len(links) > 1 else ""
        # The kind of tie in words, in the box's own text colour, which reads on every fill (the tie's colour on a light
        # fill did not, at 2.2:1); the arrow in the tie's colour on a light box, where it shows.
        light = self.by_id[pid].attitude not in _DARK_FILLS
        return Line(
            f"{arrow} {what}{short_name(self.by_id[other].name)} · {word('slide_short', self.language)} {where}{more}",
            "tag",
            lead_colour=f"link.{kind}" if light else None,
        )

    def card(
        self, pid: str, style: Style, compact: bool = False, tag: Line | None = None, branch: str = ""
    ) -> tuple[Card, float]:
        """A person's box text and height; `tag`: a line for ties to other slides; `branch`: the slide that shows them in full."""
        key = (
            style,
            pid,
            compact,
            tag,
            branch,
        )  # the overviews and passes tried ask for the same boxes again: each measured once
        if key in self._measured:
            return self._measured[key]
        made = self._measured[key] = measure(self.fonts, self.lines(pid, compact, tag, branch), style)
        return made

    def lines(self, pid: str, compact: bool, tag: Line | None, branch: str) -> list[Line]:
        """What a person's box says (see `card`)."""
        key = (pid, compact)
        if key not in self._lines:  # the same at every style tried: made once a person (twice with the overview's)
            self._lines[key] = card_lines(self.by_id[pid], self.language, compact)
        lines = list(self._lines[key])
        if branch:
            lines[0] = Line(lines[0].text, "name", bold=True, suffix=branch)
        return lines + ([tag] if tag is not None else [])

    def box_height(self, pid: str, style: Style, tag: Line | None, branch: str, compact: bool = False) -> float:
        """A person's box height (as `card` gives it), measured without making the box's text: most styles tried are not kept."""
        key = (style, pid, compact, tag, branch)
        if key in self._measured:
            return self._measured[key][1]
        if key not in self._box_heights:  # each style's heights are asked for again as boxes gain tags
            self._box_heights[key] = box_height(self.fonts, self.lines(pid, compact, tag, branch), style)
        return self._box_heights[key]

    def heights(self, style: Style) -> dict[str, float]:
        """Each person's box height at `style`: a line more for those whose box carries a tag (measured at its longest)."""
        key = (style, frozenset(self.tagged), frozenset(self.forwarded))
        if key not in self._heights:
            self._heights = (
                {key: self._measure_heights(style)}
                if len(self._heights) > 16
                else {**self._heights, key: self._measure_heights(style)}
            )
        return self._heights[key]

    def _measure_heights(self, style: Style) -> dict[str, float]:
        out = {}
        for p in self.people:
            tag = self.longest_tag(p.id) if p.id in self.tagged else None
            out[p.id] = self.box_height(p.id, style, tag, self.team_ref(99) if p.id in self.forwarded else "")
        return out

    # --- captions --------------------------------------------------------------------------------------------------

    def caption(self, node: str, branch: bool) -> str:
        key = "team_under" if branch else "continued_from"
        return (
            word(key, self.language).format(name=self.by_id[node].name)
            + f" ({word('slide_short', self.language)}\u00a0{map_ref(99)})"
        )

    def caption_h(self, text: str, width: float) -> float:
        lines = len(self.fonts.regular.wrap(text, CAPTION_SIZE, width - 2 * INSET - SLACK))
        return lines * CAPTION_SIZE * LINE_SPACING + 2 * INSET + CAPTION_GAP

    # --- layouts ---------------------------------------------------------------------------------------------------

    def planner(self, style: Style, chart: Box, heights: dict[str, float] | None = None) -> Planner:
        layout = Layout(self.forest[0], heights or self.heights(style), style.width)
        return Planner(
            self.forest, layout, chart.w, chart.h, self.caption, self.caption_h, word(self.loners_word, self.language)
        )

    def could_fit(self, style: Style, chart: Box) -> bool:
        """Whether the boxes could fill no more than one slide at `style`: each part of a box (name, title, roles, contact) takes
        a line at least, so their area alone says no to most styles without measuring a word."""
        if self._parts is None:
            self._parts = [len(card_lines(p, self.language)) for p in self.people]
        line = style.size * LINE_SPACING
        least = sum(parts * line + 2 * PAD_Y + SLACK + STACK_GAP for parts in self._parts) * (style.width + GAP_X)
        return least <= chart.w * chart.h

    def single(self, chart: Box) -> _Plan | None:
        """The whole map on one slide, at the largest type and boxes that make it; None when it needs more."""
        for size in SIZES:
            for base in WIDTHS:
                style = Style(round(base * size / 10.0, 1), size)
                if not self.could_fit(style, chart):
                    continue
                blocks = self.planner(style, chart).whole()
                pages = pack(blocks, chart.w, chart.h) if blocks is not None else []
                if len(pages) == 1:
                    return _Plan(pages, style)
        return None

    def split(self, chart: Box) -> _Plan:
        """The map over several slides in the style and with the overview that take the fewest slides (on a tie: the larger
        type and boxes, then the deeper overview, with the key people)."""
        sizes = SPLIT_SIZES if len(self.people) <= ROOMY else SPLIT_SIZES[1:]
        tried = (
            [(s, w) for s in sizes for w in WIDTHS[::2]]
            if len(self.people) <= LARGE
            else [(SPLIT_SIZES[-1], WIDTHS[2])]
        )
        planners = []
        for size, base in tried:  # first the trees alone in each style; the overviews are tried in the best two
            style = Style(round(base * size / 10.0, 1), size)
            planner = self.planner(style, chart)
            planners.append((len(pack(planner.blocks(), chart.w, chart.h)), -size, -base, style, planner))
        options = []
        for _, size, base, style, planner in sorted(planners, key=lambda o: o[:3])[:STYLES_WITH_OVERVIEWS]:
            count, choice = self.overview_choice(planner, style, chart)
            options.append((count, size, base, (style, *choice)))
        self.choice = min(options, key=lambda o: o[:3])[3]
        return self.again(chart)

    def overview_choice(self, planner: Planner, style: Style, chart: Box) -> tuple[int, tuple[int, bool] | tuple[()]]:
        """The slides the map takes at `style`, and the overview's levels and whether it shows the key people that take the
        fewest; () for no overview, when none fits a slide."""
        variants = [(n, True) for n in OVERVIEW_LEVELS] + [(n, False) for n in OVERVIEW_LEVELS]
        found = [
            ((made.count, i), (levels, key))
            for i, (levels, key) in enumerate(variants)
            if (made := self.with_overview(planner, style, chart, levels, key)) is not None
        ]
        if found:
            (count, _), choice = min(found)
            return count, choice
        return len(pack(planner.blocks(), chart.w, chart.h)), ()

    def again(self, chart: Box) -> _Plan:
        """The map laid out as chosen (after the boxes with tags grew a line)."""
        style = self.choice[0]
        planner = self.planner(style, chart)
        made = (
            self.with_overview(planner, style, chart, self.choice[1], self.choice[2], final=True)
            if len(self.choice) == 3
            else None
        )
        return made or _Plan(pack(planner.blocks(), chart.w, chart.h), style)

    @cached_property
    def breadth_first(self) -> tuple[list[str], dict[str, int]]:
        """Everyone under a root, breadth first (without recursion; every person once), and each one's depth below it."""
        children, roots, _ = self.forest
        depth: dict[str, int] = {}
        order: list[str] = []
        queue = list(roots)
        for pid in queue:
            depth.setdefault(pid, 0)
            order.append(pid)
            for kid in children[pid]:
                if kid not in depth:
                    depth[kid] = depth[pid] + 1
                    queue.append(kid)
        return order, depth

    def overview_tree(
        self, levels: int, key_people: bool = True
    ) -> tuple[dict[str, list[str]], list[str], dict[str, str]]:
        """The overview's forest: the top `levels` of each tree and (with `key_people`) every decision-maker, mentor and enemy,
        hung from the nearest person above who is shown."""
        order, depth = self.breadth_first
        key = (
            {p.id for p in self.people if KEY_ROLES.intersection(p.roles) or p.attitude in KEY_ATTITUDES}
            if key_people
            else set()
        )
        shown = [pid for pid in order if depth[pid] < levels or pid in key]
        kept = set(shown)
        above: dict[str, str] = {}
        tree: dict[str, list[str]] = {pid: [] for pid in shown}
        tops: list[str] = []
        for pid in shown:
            boss = self.by_id[pid].reports_to
            steps = 0
            while (
                boss is not None and boss in self.by_id and boss not in kept and steps < len(depth)
            ):  # up the chain to someone shown
                boss, steps = self.by_id[boss].reports_to, steps + 1
            if boss is not None and boss in kept and boss != pid:
                tree[boss].append(pid)
                above[pid] = boss
            else:
                tops.append(pid)
        return tree, tops, above

    def with_overview(
        self, planner: Planner, style: Style, chart: Box, levels: int, key_people: bool, final: bool = False
    ) -> _Plan | None:
        """The overview at `levels` and the branches under it, or None when the overview does not fit one slide.

        `final`: the map as it will be drawn, whose overview shows more where it fits (the next levels, the key people,
        the teams' counts); while the variants are weighed, only whether the overview fits counts, and that is quicker.
        """
        tree, tops, above = self.overview_tree(levels, key_people)
        full_children = self.forest[0]
        shown = set(tree)
        frontier = [pid for pid in tree if any(kid not in shown or above.get(kid) != pid for kid in full_children[pid])]
        deep = {pid for pid in tree if pid in above and self.by_id[pid].reports_to != above[pid]}
        if len(shown) == len(self.people):
            return None  # everyone on the overview: it would only repeat the branches
        starts = [pid for pid in frontier if pid not in deep]
        loners = [pid for pid in self.forest[2] if pid not in shown]
        blocks = planner.blocks(starts, loners=False)
        planner.loners, saved = loners, planner.loners
        blocks += planner.blocks([], loners=True)
        planner.loners = saved
        pages = pack(blocks, chart.w, chart.h)
        on_branches = set().union(*(page.people for page in pages))
        # The overview shows as much as one slide holds, beyond the people the branches start from: the next levels and
        # the key people too, each by name and title with the slide that shows them in full.
        for richer in [
            (more, True) for more in OVERVIEW_LEVELS if final and (more > levels or (more == levels and not key_people))
        ]:
            r_tree, r_tops, _ = self.overview_tree(*richer)
            made = self.overview_page(r_tree, r_tops, set(r_tree) & on_branches, chart)
            if made is not None:
                page, ov_style, cards, teams = made
                return _Plan(pages, style, page, cards, set(r_tree) & on_branches, ov_style, teams)
        # Whoever a branch slide shows in full, the overview shows by name and title, with that slide's number.
        compact = shown & on_branches
        made = self.overview_page(tree, tops, compact, chart, counted=final)
        if made is None:
            return None
        page, ov_style, cards, teams = made
        return _Plan(pages, style, page, cards, compact, ov_style, teams)

    def overview_page(
        self, tree: dict[str, list[str]], tops: list[str], compact: set[str], chart: Box, counted: bool = True
    ) -> tuple[Page, Style, dict[str, Card], dict[str, Line]] | None:
        """The overview on one slide, its type as large as fits (a small overview fills its slide), with the teams' counts
        where they fit (`counted`); None if it fits at no size."""
        counted_teams = self.teams(tree) if counted else {}
        for teams, size in [(counted_teams, size) for size in OVERVIEW_SIZES] + (
            [({}, size) for size in OVERVIEW_SIZES] if counted_teams else []
        ):
            style = Style(
                round(OVERVIEW.width * size / OVERVIEW.size, 1), size
            )  # one width for all its boxes, compact or full
            branch = f"→ {word('slide_short', self.language)} {map_ref(99)}"
            heights = {
                pid: self.box_height(pid, style, teams.get(pid), branch if pid in compact else "", pid in compact)
                for pid in tree
            }
            layout = Layout(tree, heights, style.width)
            ov_forest = (tree, [t for t in tops if tree[t]], [t for t in tops if not tree[t]])
            ov_planner = Planner(
                ov_forest,
                layout,
                chart.w,
                chart.h,
                self.caption,
                self.caption_h,
                word(self.loners_word, self.language),
                rows=True,
            )
            blocks = ov_planner.whole()  # only an overview on one slide is kept: one cut is known not to be
            pages = pack(blocks, chart.w, chart.h) if blocks is not None else []
            if len(pages) == 1:
                cards = {
                    pid: self.card(pid, style, pid in compact, teams.get(pid), branch if pid in compact else "")[0]
                    for pid in tree
                }
                return pages[0], style, cards, teams
        return None

    def team_ref(self, index: int) -> str:
        """What a box on a branch slide says after the name when its team goes on on another slide: "· Team → S. 11"."""
        return f"· {word('team', self.language)} → {word('slide_short', self.language)} {map_ref(index)}"

    def teams(self, shown: dict[str, list[str]]) -> dict[str, Line]:
        """For each overview box with people below it who are not on the overview: how many, and the key people among them
        ("Team: 14 Personen · 2 Entscheider · 1 Mentor"), so that the overview says where the organisation's weight lies."""
        children = self.forest[0]
        order, _ = self.breadth_first
        below: dict[str, Counter[str]] = {}
        for pid in reversed(order):  # the reports before their manager: each count once, from the bottom up
            count: Counter[str] = Counter()
            for kid in children[pid]:
                if kid not in shown:  # whoever stands below someone on the overview counts for them, not twice
                    count.update(below.get(kid, Counter()))
                    person = self.by_id[kid]
                    count.update(
                        ["person"]
                        + ["decision_maker"] * ("decision-maker" in person.roles)
                        + [a for a in KEY_ATTITUDES if person.attitude == a]
                    )
            below[pid] = count
        return {pid: Line(self.team_text(below[pid]), "team") for pid in shown if below.get(pid, Counter())["person"]}

    def team_text(self, count: Counter[str]) -> str:
        """ "Team: 14 Personen · 2 Entscheider · 1 Mentor" in the plan's language."""

        def counted(key: str) -> str:
            return f"{count[key]}\u00a0{word(f'{key}_one' if count[key] == 1 else f'{key}_many', self.language)}"

        return " · ".join(
            [
                f"{word('team', self.language)}: {counted('person')}",
                *(counted(k) for k in ("decision_maker", "mentor", "enemy") if count[k]),
            ]
        )


def _sides(route: tuple[tuple[float, float], ...], end: Box) -> tuple[int, int]:
    """The sides a laid-out reporting line leaves its manager's box by and enters the report's box by."""
    return (BOTTOM, LEFT if abs(route[-1][0] - end.x) < 0.5 else TOP)


def _reporting_line(
    router: Router, boxes: dict[str, Box], boss: str, report: str, route: tuple[tuple[float, float], ...], dotted: bool
) -> Connector:
    """A reporting line as the tree laid it out, or routed anew where it would touch a third box."""
    others = [box for key, box in boxes.items() if key not in (boss, report)]
    sides = _sides(route, boxes[report])
    if not clear_of(route, others):
        routed = router.route(boss, report, ((BOTTOM,), (TOP, LEFT)))
        if routed is not None:
            route, sides = routed.points, (routed.start_site, routed.end_site)
    router.remember(route)
    return Connector(boss, report, route, "muted", 1.0, sites=sides, halo=LINE_HALO, dotted=dotted)


def _tie_route(router: Router, a: str, b: str) -> Routed | None:
    """A tie's route: apart from every other line and ending at sites of its own where there is room; where a box has
    fewer free sites than ties, two may share one; where the channels are full, it may run beside another line."""
    return router.route(a, b, apart=True, own_sites=True) or router.route(a, b, apart=True) or router.route(a, b)


def _person_box(person: Person, card: Card, size: float, box: Box, key: str) -> Shape:
    attitude = person.attitude
    paras, whole = card
    return Shape(
        box,
        paras,
        size,
        fill=f"attitude.{attitude or 'unknown'}",
        line="primary",
        line_width=FRAME.get(person.influence or "", 0.75),
        text_colour="background" if attitude in _DARK_FILLS else "text",
        key=key,
        padding=(PAD_X - 1, PAD_Y - 1),  # wider than measured: PowerPoint's own wrap never needs a line more
        whole=whole,
        sites=_SITES,
    )


class _Drawer:
    """Draws the pages of a laid-out map: boxes, captions, lines, tags, and the people's notes."""

    def __init__(self, m: _Map, plan: _Plan, chart: Box) -> None:
        self.m, self.plan, self.chart = m, plan, chart
        self.pages: list[tuple[Page, bool]] = ([(plan.overview, True)] if plan.overview else []) + [
            (p, False) for p in plan.pages
        ]
        self.full: dict[str, int] = {}  # where each person's box is drawn in full: their first branch slide
        self.tagged_on: dict[int, bool] = {}  # the slides where a box has a tag for a tie to another slide
        self.seen: dict[str, list[int]] = {}
        for number, (page, overview) in enumerate(self.pages):
            for pid in page.people:
                self.seen.setdefault(pid, []).append(number)
                if not overview:
                    self.full.setdefault(pid, number)
        for pid, numbers in self.seen.items():
            self.full.setdefault(pid, numbers[0])
        self._forward: dict[int, set[str]] = {}
        self.team_on: dict[str, int] = {}  # where the block under each person whose team a block shows stands
        for number, (page, overview) in enumerate(self.pages):
            for block in page.blocks if not overview else ():
                if block.continues and m.forest[0].get(block.continues):
                    self.team_on.setdefault(block.continues, number)

    def slide(self, number: int) -> PowerMapSlide:
        page, overview = self.pages[number]
        used = max((right for _, _, right in page.rows), default=0.0)
        tall = max((top + row_h for top, row_h, _ in page.rows), default=0.0)
        # Centred across the slide; a short chart also down it (a map of a few people in the top third looked forgotten).
        dx, dy = (
            self.chart.x + (self.chart.w - used) / 2,
            self.chart.y + max(0.0, (self.chart.h - tall) / 2 if tall < SHORT * self.chart.h else 0.0),
        )
        elements: list[Element] = []
        notes: list[str] = []
        boxes: dict[str, Box] = {}
        tree: list[tuple[str, str, tuple[tuple[float, float], ...]]] = []
        m = self.m
        for block in page.blocks:
            block = moved(block, dx, dy)
            if block.caption:
                elements.append(self.caption(block, number))
            for pid, box in block.boxes.items():
                boxes[pid] = box
                card, size = self.card(pid, number, overview)
                elements.append(_person_box(m.by_id[pid], card, size, box, pid))
                if m.by_id[pid].notes:
                    notes.append(f"{m.by_id[pid].name}: {plain(m.by_id[pid].notes or '')}")
            tree += [(boss, report, route) for boss, report, route, _ in block.lines]
        router = Router(
            boxes, Box(self.chart.x - GAP_X, self.chart.y - GAP_Y / 2, self.chart.w + 2 * GAP_X, self.chart.h + GAP_Y)
        )
        lines: list[Element] = [
            _reporting_line(router, boxes, boss, report, route, overview and m.by_id[report].reports_to != boss)
            for boss, report, route in tree
        ]
        drawn = 0
        for link in m.links:
            a, b = link.from_, link.to
            if a in boxes and b in boxes and a != b and drawn < MAX_TIES_DRAWN:
                drawn += 1
                routed = _tie_route(router, a, b)
                if routed is not None:
                    kind = link.kind or "influences"
                    lines.append(
                        Connector(
                            a,
                            b,
                            routed.points,
                            f"link.{kind}",
                            1.75,
                            dashed=True,
                            sites=(routed.start_site, routed.end_site),
                            arrow=kind == "influences",
                            halo=TIE_HALO,
                        )
                    )
        return PowerMapSlide(elements + lines, notes, overview)

    def card(self, pid: str, number: int, overview: bool) -> tuple[Card, float]:
        """A person's box text on slide `number`, and its type size."""
        m, plan = self.m, self.plan
        if overview:
            style = plan.overview_style
            if pid not in plan.compact:  # shown in full nowhere else: the overview's box says everything
                return plan.overview_cards[pid], style.size
            branch = f"→ {word('slide_short', m.language)} {map_ref(self.full[pid])}"
            return m.card(pid, style, compact=True, branch=branch, tag=plan.teams.get(pid))[0], style.size
        page = self.pages[number][0]
        away = [
            link for link in m.ties.get(pid, []) if (link.to if link.from_ == pid else link.from_) not in page.people
        ]
        # Only where the layout kept room for it (the last pass may find more than it laid out for).
        onward = m.team_ref(self.team_on[pid]) if pid in m.forwarded and pid in self.forward(number) else ""
        if pid in m.tagged:  # a line kept for a tag; where every tie is drawn on this slide, it stays empty
            if away:
                self.tagged_on[number] = True
            return m.card(
                pid, plan.style, tag=m.tag_line(pid, away, self.full) if away else Line(" ", "tag"), branch=onward
            )[0], plan.style.size
        return m.card(pid, plan.style, branch=onward)[0], plan.style.size

    def forward(self, number: int) -> set[str]:
        """The people on branch slide `number` whose team is shown on another slide, and none of it on this one."""
        if number not in self._forward:
            page, overview = self.pages[number]
            children = self.m.forest[0]
            self._forward[number] = (
                set()
                if overview
                else {
                    pid
                    for pid in page.people
                    if self.team_on.get(pid, number) != number
                    and not any(kid in page.people for kid in children.get(pid, ()))
                }
            )
        return self._forward[number]

    def loners_note(self, number: int) -> str:
        """On the overview, where the people without a reporting line it leaves out are; elsewhere nothing."""
        page, overview = self.pages[number]
        left_out = [pid for pid in self.m.forest[2] if pid not in page.people]
        if not overview or not left_out:
            return ""
        return _loners_note(self.m, len(left_out), sorted({self.full[pid] for pid in left_out if pid in self.full}))

    def caption(self, block: Block, number: int) -> Text:
        m = self.m
        left, top = min(b.x for b in block.boxes.values()), min(b.y for b in block.boxes.values()) - block.caption_h
        where = (
            0
            if self.plan.overview
            and block.continues
            and self.full.get(block.continues) == number
            and self.seen[block.continues][0] == 0
            else None
        )
        if where is None:
            others = [n for n in self.seen.get(block.continues, []) if n != number]
            where = others[0] if others else number
        text = block.caption.replace(map_ref(99), map_ref(where))
        if not block.continues:  # the people without a reporting line: no slide to point to
            text = block.caption
        shown = "\n".join(m.fonts.regular.wrap(text, CAPTION_SIZE, block.w - 2 * INSET - SLACK))
        return Text(
            Box(left, top, block.w, block.caption_h - CAPTION_GAP),
            (Para((Run(shown, italic=True),)),),
            CAPTION_SIZE,
            colour="muted",
        )


@dataclass(frozen=True)
class _Used:
    """What a legend explains: the attitudes, frames, kinds of tie, dotted lines and tags there are to explain."""

    attitudes: frozenset[str]
    influence: bool
    kinds: frozenset[str]
    dotted: bool
    tags: bool
    loners: str = (
        ""  # on the overview: where the people without a reporting line are ("20 Personen ohne Berichtslinie: S. 18")
    )
    reporting: bool = (
        True  # whether the slide draws a reporting line (a slide of people without one has none to explain)
    )


def _used_on(m: _Map, elements: Sequence[Element], tags: bool, loners: str = "") -> _Used:
    """What one slide shows: its boxes' attitudes and frames, the ties it draws, its dotted lines, whether a box has a tag."""
    people = [m.by_id[e.key] for e in elements if isinstance(e, Shape) and e.key in m.by_id]
    lines = [e for e in elements if isinstance(e, Connector)]
    return _Used(
        _attitudes(people),
        any(p.influence for p in people),
        frozenset(e.colour.split(".", 1)[1] for e in lines if e.dashed and e.colour.startswith("link.")),
        any(e.dotted for e in lines),
        tags,
        loners,
        any(not e.dashed for e in lines),
    )


def _attitudes(people: Sequence[Person]) -> frozenset[str]:
    """The attitudes boxes show, and "unknown" for a white box where the map shows attitudes at all (else it explains nothing)."""
    known = frozenset(p.attitude for p in people if p.attitude)
    return known | frozenset({"unknown"}) if known and any(not p.attitude for p in people) else known


def _used_anywhere(m: _Map, split: bool) -> _Used:
    """Everything any slide of the map may show: the legend's room is kept for it (the loners' note with two slides)."""
    loners = _loners_note(m, len(m.forest[2]), [99, 99]) if split and m.forest[2] else ""
    return _Used(
        _attitudes(m.people),
        any(p.influence for p in m.people),
        frozenset(link.kind or "influences" for link in m.links),
        split,
        split and bool(m.ties),
        loners,
    )


def _loners_note(m: _Map, count: int, slides: Sequence[int]) -> str:
    """The overview's note of the people it leaves out who have no reporting line, and the slides that show them."""
    people = word("person_one" if count == 1 else "person_many", m.language)
    short = word("slide_short", m.language)
    where = (
        f"{short} {map_ref(slides[0])}–{map_ref(slides[-1])}"
        if len(slides) > 2
        else ", ".join(f"{short} {map_ref(n)}" for n in slides)
    )
    key = "loners_note" if m.loners_word == "no_reporting_line" else "further_people_note"
    return word(key, m.language).format(n=count, people=people, where=where)


def _legend(m: _Map, width: float, used: _Used) -> tuple[list[tuple[str | None, str]], int]:
    """What the legend says, as (swatch colour, label) items: only what is used. And how many lines it takes."""
    items: list[tuple[str | None, str]] = [
        (f"attitude.{a}", term("attitude", a, m.language))
        for a in ("mentor", "positive", "neutral", "negative", "enemy")
        if a in used.attitudes
    ]
    items += [("attitude.unknown", word("attitude_unknown", m.language))] if "unknown" in used.attitudes else []
    if used.influence:
        items.append((None, word("influence_weight", m.language)))
    if used.reporting:
        items.append(
            (
                None,
                word("legend_reports", m.language)
                + (f"; {word('legend_indirect', m.language)}" if used.dotted else ""),
            )
        )
    kinds = [k for k in ("influences", "allies", "rivals") if k in used.kinds]
    if kinds:
        items.append((None, word("legend_ties", m.language)))
    items += [(f"link.{k}", term("link", k, m.language) + (" →" if k == "influences" else "")) for k in kinds]
    if used.tags:
        items.append((None, word("legend_tags", m.language)))
    if used.loners:
        items.append((None, used.loners))
    if m.coverage:
        items.append((None, m.coverage))
    return items, len(_legend_rows(m, items, width))


def _legend_rows(
    m: _Map, items: list[tuple[str | None, str]], width: float
) -> list[list[tuple[str | None, str, float]]]:
    """The legend's items in rows that fit `width`, each with its measured width."""
    rows: list[list[tuple[str | None, str, float]]] = [[]]
    x = 0.0
    for colour, label in items:
        need = (SWATCH + 3 if colour else 0.0) + m.fonts.regular.width(label, CAPTION_SIZE) + 2 * INSET + SLACK
        if rows[-1] and x + need > width:
            rows.append([])
            x = 0.0
        rows[-1].append((colour, label, need))
        x += need + 10
    return rows


def _legend_elements(m: _Map, box: Box, items: list[tuple[str | None, str]]) -> list[Element]:
    row_h = CAPTION_SIZE * LINE_SPACING + 2 * INSET
    out: list[Element] = []
    for r, row in enumerate(_legend_rows(m, items, box.w)):
        x, y = box.x, box.y + r * row_h
        for colour, label, need in row:
            if colour:
                out.append(
                    Shape(
                        Box(x, y + (row_h - SWATCH) / 2, SWATCH, SWATCH),
                        (),
                        CAPTION_SIZE,
                        colour,
                        "muted",
                        0.5,
                        rounded=False,
                    )
                )
                x += SWATCH + 3
                need -= SWATCH + 3
            out.append(Text(Box(x, y, need, row_h), (Para((Run(label),)),), CAPTION_SIZE, colour="muted"))
            x += need + 10
    return out


def power_map_slides(
    people: Sequence[Person],
    links: Sequence[Link],
    body: Box,
    fonts: Fonts,
    language: str,
    name: str | None = None,
    customer: bool = False,
    coverage: str = "",
) -> tuple[list[PowerMapSlide], list[list[str]]]:
    """The power map's slides (the overview first, when there is one), and the rows of the table of ties.

    `name` is what the slides call the chart (the customer's copy says "Organisation").
    The slides' titles are the deck's ("Power-Map (2/5)"); `name` is kept for callers that name the chart.
    """
    m = _Map(people, links, body, fonts, language, customer, coverage)
    row_h = CAPTION_SIZE * LINE_SPACING + 2 * INSET
    items, rows = _legend(m, body.w, _used_anywhere(m, split=False))
    chart = Box(body.x, body.y, body.w, body.h - rows * row_h - LEGEND_GAP)
    plan = m.single(chart)
    if plan is None:
        items, rows = _legend(m, body.w, _used_anywhere(m, split=True))
        chart = Box(body.x, body.y, body.w, body.h - rows * row_h - LEGEND_GAP)
        plan = _split_plan(m, chart)
    drawer = _Drawer(m, plan, chart)
    slides = []
    for number in range(len(drawer.pages)):
        made = drawer.slide(number)
        # Each slide's legend explains what that slide shows, in the room kept for the most any slide needs.
        used = _used_on(m, made.elements, drawer.tagged_on.get(number, False), drawer.loners_note(number))
        mine, lines = _legend(m, body.w, used)
        made.elements += _legend_elements(m, Box(body.x, body.bottom - lines * row_h, body.w, lines * row_h), mine)
        slides.append(made)
    return slides, _ties_table(m, drawer, links, language)


def _split_plan(m: _Map, chart: Box) -> _Plan:
    """The map over several slides. Boxes with a tie to another slide get a line for its tag (and those whose team
    goes on elsewhere, room to say where), and the map is laid out again, until nothing more needs one."""
    plan = m.split(chart)
    for _ in range(PASSES - 1):
        drawer = _Drawer(m, plan, chart)
        away = {
            pid
            for pid, ties in m.ties.items()
            for page, overview in drawer.pages
            if not overview
            and pid in page.people
            and any((t.to if t.from_ == pid else t.from_) not in page.people for t in ties)
        }
        onward = set().union(*(drawer.forward(n) for n in range(len(drawer.pages))))
        if away <= m.tagged and onward <= m.forwarded:
            break
        m.tagged |= away
        m.forwarded |= onward
        plan = m.again(chart)
    return plan


def _ties_table(m: _Map, drawer: _Drawer, links: Sequence[Link], language: str) -> list[list[str]]:
    """The rows of the table of ties: who, how, to whom, and (over several slides) where the two are shown."""
    several = len(drawer.pages) > 1
    table = []
    for link in links:
        if link.from_ in m.by_id and link.to in m.by_id:
            row = [
                _named(m.by_id[link.from_]),
                word(f"table_{link.kind or 'influences'}", language),
                _named(m.by_id[link.to]),
            ]
            if several:
                shown = sorted({drawer.full[p] for p in (link.from_, link.to) if p in drawer.full})
                row.append(", ".join(f"{word('slide_short', language)}\u00a0{map_ref(n)}" for n in shown))
            table.append(row)
    table.sort(key=lambda row: (row[0].casefold(), row[2].casefold()))  # a person's ties together, by name
    return table


def _named(person: Person) -> str:
    """A person in the table of ties by name and job title: the reader need not look the name up on the map."""
    return f"{person.name}, {person.title}" if person.title else person.name
