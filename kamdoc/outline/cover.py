"""Cover slides: a title large (the account's name, or the portfolio's), a few facts beneath, the logo on the right."""

from __future__ import annotations

from kamdoc.outline.deck import Box, Element, Image, Shape
from kamdoc.outline.layout import INSET, Fonts, fit_lines, fit_size, text
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import day, term, word
from kamdoc.standard.model import Cover, label_of
from kamdoc.theme.settings import Theme
from kamdoc.validate.images import Image as LogoFile

TITLE_SIZE = 36.0
"""The account's name, in points, while it fits three lines."""
SMALLER_TITLES = (28.0, 24.0, 20.0)
"""Sizes tried for a longer name; at the last one it is shortened to three lines."""
TITLE_LINES = 3
TOP_SHARE = 0.30
"""The name (and the logo) start at least this far down the slide; a short cover's block stands in its middle."""
TEXT_SHARE = 0.62
"""The name and the lines beneath take this share of the width; the logo sits in the rest."""
WIDE_TEXT_SHARE = 0.8
"""The share of the width for a cover that has no logo to make room for (the portfolio's)."""
LOGO_BOX = (0.28, 0.25)
"""The logo's largest size: shares of the width between the margins and of the slide's height."""
BAND_SHARE = 0.5
"""The coloured band across the top is this many margins high."""
RULE = (72.0, 4.0)
"""The accent rule under the name: width and height in points."""
TITLE_PAD = 6.0
"""Points under the name's last line."""
RULE_GAP, SUB_GAP = 6.0, 20.0
"""Points between the name's box and the rule, and between the name's box and the lines beneath."""
NO_TEXT = 10.0
"""The type size given to a shape that holds no text (never shown)."""


def plan_facts(cover: Cover, language: str, customer: bool = False) -> list[str]:
    """A plan's cover lines: the division, the key account manager, the version and its status, the next review, the marking.

    The customer's copy says whom it was prepared for and carries its own marking instead of ours.
    """
    version = f"{word('version', language)}: {day(cover.version, language)}" + (
        f" · {term('status', cover.status, language)}" if cover.status else ""
    )
    review = f"{word('next_review', language)}: {day(cover.next_review, language)}" if cover.next_review else ""
    prepared = word("prepared_for", language).format(account=cover.full_name) if customer else ""
    lines = (
        prepared or cover.division or "",
        f"{word('key_account_manager', language)}: {cover.key_account_manager}",
        version,
        review,
        _our_record(cover, language),
        marking(cover, language, customer),
    )
    return [line for line in lines if line]


def _our_record(cover: Cover, language: str) -> str:
    """What the plan is for and where the account lives in the CRM (our copy only: the customer's has neither)."""
    fields = Cover.model_fields
    purpose = (
        f"{label_of(fields['purpose'], 'purpose', language)}: {term('purpose', cover.purpose, language)}"
        if cover.purpose
        else ""
    )
    crm = f"{label_of(fields['crm'], 'crm', language)}: {cover.crm.system} {cover.crm.record}" if cover.crm else ""
    return " · ".join(x for x in (purpose, crm) if x)


def marking(cover: Cover, language: str, customer: bool) -> str:
    """The confidentiality marking of a copy: the plan's own, or for the customer theirs ("Confidential" when the plan gives none)."""
    if customer:
        return cover.customer_confidentiality or word("customer_marking", language)
    return cover.confidentiality or ""


def cover_elements(
    name: str,
    facts: list[str],
    logo: LogoFile | None,
    fonts: Fonts,
    theme: Theme,
    size: tuple[float, float],
    margin: float,
    sizes: tuple[float, ...],
    text_share: float = TEXT_SHARE,
) -> list[Element]:
    """What a cover shows, placed on a slide of `size` points: `name` as its title, `facts` as lines beneath."""
    width, height = size
    x, w = margin, width - 2 * margin
    text_w = w * text_share
    lines = len(fonts.bold.wrap(name, TITLE_SIZE, text_w - 2 * INSET))
    title_h = min(TITLE_LINES, lines) * TITLE_SIZE * LINE_SPACING + TITLE_PAD
    title = [Para((Run(name, bold=True),))]
    title_size = (
        TITLE_SIZE if lines <= TITLE_LINES else fit_size(fonts, title, Box(x, 0, text_w, title_h), SMALLER_TITLES)
    )
    if title_size is None:  # a name longer than three lines at the smallest size is shortened there
        title_size = SMALLER_TITLES[-1]
        room = int(title_h // (title_size * LINE_SPACING))
        title = [Para((Run(fit_lines(fonts.bold, name, title_size, text_w - 4 * INSET, room), bold=True),))]
    paras = [Para((Run(line),)) for line in facts]
    most = Box(x, 0, text_w, height * (1 - TOP_SHARE) - margin - title_h - SUB_GAP)  # the room below TOP_SHARE
    facts_size = fit_size(fonts, paras, most, (theme.size("subtitle"), *sizes)) or theme.size("minimum")
    facts_h = min(most.h, fonts.text_height(paras, facts_size, text_w))
    # The name and its lines in the slide's middle (never above TOP_SHARE): a short cover is not all at the top.
    top = max(height * TOP_SHARE, (height - title_h - SUB_GAP - facts_h) / 2)
    elements: list[Element] = [
        Shape(Box(0, 0, width, margin * BAND_SHARE), (), NO_TEXT, "primary", "primary", 0.0, rounded=False),
        text(Box(x, top, text_w, title_h), title, title_size, colour="primary", role="title"),
        Shape(Box(x + INSET, top + title_h + RULE_GAP, *RULE), (), NO_TEXT, "accent", "accent", 0.0, rounded=False),
    ]
    sub = Box(x, top + title_h + SUB_GAP, text_w, height - margin - (top + title_h + SUB_GAP))
    elements.append(text(sub, paras, facts_size, colour="muted"))
    if logo is not None:
        scale = min(w * LOGO_BOX[0] / logo.width, height * LOGO_BOX[1] / logo.height)
        iw, ih = logo.width * scale, logo.height * scale
        elements.append(Image(Box(x + w - iw, top, iw, ih), logo.data, logo.kind, f"Logo {name}"))
    return elements
