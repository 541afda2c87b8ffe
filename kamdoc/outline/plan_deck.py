"""The outline of a plan's deck: the cover, the agenda, the changes, then each agenda entry's slides in the standard's order."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kamdoc.analyse.audience import for_audience
from kamdoc.analyse.health import plan_health
from kamdoc.load.document import Document
from kamdoc.outline import slide_refs
from kamdoc.outline.cover import cover_elements, marking, plan_facts
from kamdoc.outline.deck import Box, Deck, Slide
from kamdoc.outline.development import development_slide
from kamdoc.outline.kit import PlanKit, finish
from kamdoc.outline.layout import FOOTER_SHARE, INSET, fit_line, fit_size, text
from kamdoc.outline.pack import pack
from kamdoc.outline.richtext import Para, Run, glued
from kamdoc.outline.sections import SLIDES
from kamdoc.outline.summary import summary
from kamdoc.outline.words import day, short_name, word
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import DEFAULT, CustomerCopy, Programme
from kamdoc.standard.sections import SECTIONS, Entry, Section
from kamdoc.theme.settings import Theme
from kamdoc.validate.images import LOGO, Image, Named

if TYPE_CHECKING:
    from kamdoc.analyse.diff import Change
    from kamdoc.analyse.history import History

FOOTER_NAME_MIN = 40.0
"""Points the account's name keeps in the footer, however long the version and the marking."""


def cover(kit: PlanKit, planned: list[int]) -> None:
    """The cover: the account, the years the plan is for (`planned`: the plan's own, which the customer's copy shows
    too though it holds no figures), and the plan's facts."""
    c = kit.plan.cover
    slide = kit.new("cover", c.account, "cover")
    # The bytes validation checked: a file read again here could have changed since (or be gone).
    logo = kit.images.get((LOGO, c.logo)) if c.logo else None
    slide.elements += cover_elements(
        glued(c.account),
        _years(kit, planned) + plan_facts(c, kit.lang, kit.customer),
        logo,
        kit.fonts,
        kit.theme,
        (kit.width, kit.height),
        kit.margin,
        kit.sizes,
    )


def _years(kit: PlanKit, planned: list[int]) -> list[str]:
    """The cover's first line: which years the plan is for ("Key-Account-Plan 2026–2028"), where it plans any."""
    if not planned:
        return []
    span = f"{planned[0]}–{planned[-1]}" if len(planned) > 1 else str(planned[0])
    return [kit.w("kap_years").format(years=span)]


def agenda(kit: PlanKit, entries: list[tuple[Entry, str]]) -> None:
    """The agenda: each entry that made slides, linked to its first one, with that slide's number beside it."""
    slide = kit.new("agenda", kit.w("agenda"), "agenda")
    titles = [(entry.key, kit.entry_title(entry)) for entry, _ in entries]
    paras = [Para((Run(title, link=f"#{key}"),), f"{i}.") for i, (key, title) in enumerate(titles, 1)]
    left = Box(kit.body.x, kit.body.y, kit.body.w - PAGE_COLUMN, kit.body.h)
    size = fit_size(kit.fonts, paras, left, (kit.theme.size("subtitle"), *kit.sizes)) or kit.minimum
    one_line = kit.fonts.para_height(Para((Run("1"),), "1."), size, left.w)
    if any(kit.fonts.para_height(p, size, left.w) > one_line + 0.01 for p in paras):
        slide.elements.append(text(kit.body, paras, size))  # a title over two lines: its number could not stand level
        return
    slide.elements.append(text(left, paras, size))
    pages = [Para((Run(slide_refs.entry_ref(key), colour="muted"),)) for key, _ in titles]
    slide.elements.append(text(Box(left.right, left.y, PAGE_COLUMN, left.h), pages, size, align="right"))


PAGE_COLUMN = 72.0
"""Points on the agenda's right for each entry's slide number."""


def changes(kit: PlanKit, since: str, found: list[Change] | None) -> None:
    """The "Changes since …" slides: one line per change, in the standard's order of sections."""
    from kamdoc.outline.change_words import ChangeWords, marked_runs

    title = f"{kit.w('changes_since')} {since}"
    if found is None:
        paras = [Para((Run(f"{kit.w('new_since')} {since}."),))]
    elif not found:
        paras = [Para((Run(f"{kit.w('no_changes_since')} {since}."),))]
    else:
        paras = []
        said = ChangeWords(kit.lang)
        for change in found:
            label, rest = said.parts(change)
            marker = {"added": "+ ", "removed": "− "}.get(change.kind, "")
            paras.append(Para((Run(f"{label}: ", bold=True), *marked_runs(f"{marker}{rest}")), "•"))
        if not paras:
            paras = [Para((Run(f"{kit.w('no_changes_since')} {since}."),))]
    kit.flow("changes", title, "changes", paras)


def _make(kit: PlanKit, section: Section, entry: Entry) -> None:
    """Append the slides of one agenda entry."""
    make = SLIDES.get(entry.key)
    if make is not None:
        make(kit)
    elif section.table is not None:
        kit.section_table(section, entry)
    else:  # a registry entry without a way to draw it is kamdoc's own mistake, caught by the tests
        raise LookupError(
            f"the agenda entry {entry.key!r} of section {section.key!r} has no slide builder and no table"
        )


def build_outline(
    plan: Plan,
    doc: Document,
    theme: Theme,
    audience: str = "internal",
    size: tuple[float, float] | None = None,
    changes_since: tuple[str, list[Change] | None] | None = None,
    copy: CustomerCopy | None = None,
    images: Mapping[Named, Image] | None = None,
    cache: Path | None = None,
    programme: Programme | None = None,
    development: tuple[History, int] | None = None,
) -> Deck:
    """The deck of a validated plan: cover, agenda, then one or more slides per non-empty section.

    `size` is the slide size in points; `changes_since` (a date's text and the diff, None for a plan
    new since then) adds the "Changes since …" slides after the agenda. For the customer, the plan is first
    made the customer's copy (`for_audience`, with kamdoc.yaml's `copy` settings); the changes given must be those of
    the customer's copies too.
    `images` are the checked images of the plan's validation (`Result.images`): the outline reads no file the
    plan names, and draws no logo it was not handed. `cache` is the folder the fonts' widths are kept in
    between runs (the command's choice); without one, nothing is written. `programme` (kamdoc.yaml's settings) sets
    the review cadence the summary's health is judged by, as of the plan's version: the same plan makes the same deck
    on any day. `development` (the plan's history by version, and how many versions to show) adds the development
    slide after the changes, in our own copy only.
    """
    customer = audience == "customer"
    planned = sorted({y for p in plan.financials.products for y in p.plan})  # before the customer's copy drops them
    health = (
        None
        if customer
        else plan_health("", "", plan, 0, plan.cover.version, programme or DEFAULT, None, plan.language)
    )
    plan = for_audience(plan, audience, copy)
    kit = PlanKit(plan, doc, theme, customer, size, images, cache)
    kit.coverage = health.coverage if health else None
    cover(kit, planned)
    summary(kit, health)
    body, entries = _entries(kit)
    agenda(kit, entries)
    if changes_since is not None:
        changes(kit, *changes_since)
    if development is not None and not customer:
        development_slide(kit, *development)
    slides = kit.slides + pack(kit, body) + _appendix(kit)
    finish(slides, kit.geometry, theme)
    c = plan.cover
    return kit.geometry.place_footer(
        Deck(
            title=f"{word('deck_title', plan.language)}: {c.account}",
            author=c.key_account_manager,
            subject=c.division or c.account,
            language=plan.language,
            footer=_footer(kit),
            width=kit.width,
            height=kit.height,
            slides=slides,
        ),
        theme,
    )


def _entries(kit: PlanKit) -> tuple[list[Slide], list[tuple[Entry, str]]]:
    """Each agenda entry's slides, in the standard's order, and the entries that made any."""
    body: list[Slide] = []
    entries: list[tuple[Entry, str]] = []
    for section in SECTIONS:
        for entry in section.agenda:
            before = len(kit.slides)
            _make(kit, section, entry)
            made = kit.slides[before:]
            del kit.slides[before:]
            if made:
                _own_title(made, (kit.plan.titles or {}).get(entry.key))
                made[0].bookmark = kit.entry_title(entry)
                said = (kit.plan.speaker_notes or {}).get(entry.key)
                if said:  # the presenter's own words come first: what kamdoc adds is reference
                    made[0].notes.insert(0, kit.plain(said))
                body += made
                entries.append((entry, section.key))
    return body, entries


def _appendix(kit: PlanKit) -> list[Slide]:
    """The long texts whole, at the deck's end, in the order their slides came: each linked from its slide."""
    before = len(kit.slides)
    for part in kit.appendices:
        kit.flow("appendix", part.title, part.anchor, part.items)
    made = kit.slides[before:]
    del kit.slides[before:]
    return made


def _own_title(made: list[Slide], title: str | None) -> None:
    """The plan's own title for an entry, on its first slide and the slides that continue it (the same title)."""
    if not title:
        return
    first = made[0].title
    for slide in made:
        if slide.title != first:
            break
        slide.title = title


def _footer(kit: PlanKit) -> str:
    """The footer's one line: the account's short name, the version and a short marking (the cover has it in full)."""
    c, lang, size = kit.plan.cover, kit.lang, kit.theme.size("footer")
    tag = short_marking(marking(c, lang, kit.customer))
    rest = " · ".join(x for x in (f"{word('version', lang)} {day(c.version, lang)}", tag) if x)
    room = (kit.width - 2 * kit.margin) * FOOTER_SHARE - 2 * INSET - kit.fonts.regular.width(" · " + rest, size)
    # The name gives way only when the footer's one line is full: the version and the marking always show.
    name = fit_line(kit.fonts.regular, c.short_name or short_name(c.account), size, max(room, FOOTER_NAME_MIN))
    return f"{name} · {rest}"


MARK_CHARS = 60
"""A confidentiality marking longer than this shows in the footer by its first clause ("Streng vertraulich")."""


def short_marking(said: str) -> str:
    """A marking short enough for every slide's footer: the whole if short, else its first clause, else its first
    words up to MARK_CHARS; never cut inside a word."""
    if len(said) <= MARK_CHARS:
        return said
    first = re.split(r" [–—-] |[:;,.](?:\s|$)", said, maxsplit=1)[0].strip()
    if 0 < len(first) <= MARK_CHARS:
        return first
    words = said.split()
    kept = [w for k, w in enumerate(words) if len(" ".join(words[: k + 1])) <= MARK_CHARS]
    return " ".join(kept) or words[0]
