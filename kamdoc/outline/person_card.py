"""What a person's box in the power map says, in words a reader says aloud, measured into lines that wrap and are never cut.

Name (bold), title (a department the title names already is left out), the buying roles as words, our contact and how
often ("Kontakt: Jana Schmidt · monatlich"); on the overview only name and title. A name breaks only at spaces and at the
hyphens it has; another word longer than the box breaks between its characters, without a hyphen that was never there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kamdoc.outline.layout import Fonts, fit_line
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.outline.words import term, word
from kamdoc.standard.model import Person

PAD_X, PAD_Y = 4.0, 3.0
"""Inner padding of a box (both renderers use it: PowerPoint's text margins, the PDF's padding)."""
SLACK = 2.0
"""Points of width held back when measuring, so that a renderer's own wrapping never needs a line more."""
MOST_LINES = {"name": 6, "title": 10, "roles": 6, "contact": 6, "tag": 4, "team": 4}
"""The most lines each part of a box takes: far beyond any real person's, so that a stranger's page-long name cannot make a
box taller than a slide (only such a text is shortened)."""
_HYPHEN = re.compile(r"(?<=-)(?=\S)")
_NUMBER_AFTER = re.compile(r" (?=\d{1,4}\b)")
"""The space before a short number, kept: "Abteilung 4" and "Werk 2" never part at the end of a line."""


@dataclass(frozen=True)
class Style:
    """One way of drawing the boxes: their width and type size."""

    width: float
    size: float

    @property
    def inner(self) -> float:
        return self.width - 2 * PAD_X - SLACK


@dataclass(frozen=True)
class Line:
    """One part of a box: its text and how it is set (`colour` a theme colour name, else the box's text colour)."""

    text: str
    kind: str  # name, title, roles, contact, tag, team
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    suffix: str = (
        ""  # set plain after the text, on its last line if it fits there ("Anja Kühn → S. 12" on the overview)
    )
    lead_colour: str | None = None  # the text's first character (a tag's arrow) in this theme colour: the tie's kind


Card = tuple[tuple[Para, ...], tuple[Para, ...]]
"""A person's box text: as measured into lines (for renderers that lay out text themselves), and whole (PowerPoint wraps it)."""


def card_lines(person: Person, language: str, compact: bool = False) -> list[Line]:
    """What a person's box says; `compact`: name and title only (the overview)."""
    lines = [Line(person.name, "name", bold=True)]
    department = (
        person.department
        if person.department and person.department.casefold() not in (person.title or "").casefold()
        else None
    )
    title = ", ".join(x for x in (person.title, department) if x)
    if title:
        lines.append(Line(_NUMBER_AFTER.sub("\u00a0", title), "title"))
    if compact:
        return lines
    if person.roles:  # an organisation chart (the customer's copy) has neither roles nor our contacts: no empty line
        lines.append(Line(", ".join(term("role", r, language) for r in person.roles), "roles", italic=True))
    if person.owner or person.contact:
        often = term("contact", person.contact, language) if person.contact else ""
        often = (
            word("no_contact_yet", language) if person.contact == "none" else often[:1].lower() + often[1:]
        )  # mid-sentence
        how = " · ".join(x for x in (short_name(person.owner or ""), often) if x)
        lines.append(Line(f"{word('our_contact', language)}: {how}", "contact"))
    return lines


def short_name(name: str) -> str:
    """A name as a tag or a contact line says it: "A. Kühn" for Dr. Anja Kühn (a name of one word stays as it is)."""
    parts = [p for p in name.split() if not p.endswith(".") or len(p) > 4]  # "Dr." and "Prof." are left out
    if len(parts) < 2:
        return name.strip()
    return f"{parts[0][0]}. {parts[-1]}"


def _wrapped(fonts: Fonts, line: Line, style: Style) -> list[str]:
    """A part's lines at `style`: names break at spaces and their own hyphens; any word too long breaks between characters."""
    metrics = fonts.bold if line.bold else fonts.regular
    if line.kind == "name":
        words = [
            piece for token in line.text.split(" ") if token for piece in _HYPHEN.split(token)
        ]  # " " only: "→\u00a0S.\u00a012" stays one
        out: list[str] = []
        for piece in words:  # after a hyphen, no space: "Brenner-" + "Hofmann" on the next line reads as one name
            joined = f"{out[-1]}{'' if out[-1].endswith('-') else ' '}{piece}" if out else piece
            if out and metrics.width(joined, style.size) <= style.inner:
                out[-1] = joined
            else:
                out.extend(metrics.wrap(piece, style.size, style.inner))
        return out
    return metrics.wrap(line.text, style.size, style.inner)


def measure(fonts: Fonts, lines: list[Line], style: Style) -> tuple[Card, float]:
    """A box's paragraphs, measured and whole, and the height of the box that holds them at `style`."""
    paras, whole = [], []
    count = 0
    for line in lines:
        suffix, wrapped = _suffixed(fonts, line, style)
        most = MOST_LINES[line.kind]
        text = line.text
        if (
            len(wrapped) > most
        ):  # only a text no real box holds (a name of pages): shortened, so the box stays on its slide
            metrics = fonts.bold if line.bold else fonts.regular
            wrapped = [*wrapped[: most - 1], fit_line(metrics, " ".join(wrapped[most - 1 :]), style.size, style.inner)]
            text, suffix = " ".join(wrapped), ""
        count += len(wrapped)
        # The measured lines, each ended by a line break: the PDF shows exactly these lines, none wraps again.
        measured = "\n".join(wrapped)
        if suffix and measured.endswith(suffix):
            head = measured[: -len(suffix)]
            paras.append(Para((Run(head, line.bold, line.italic, colour=line.colour), Run(suffix))))
            whole.append(Para((Run(text + " ", line.bold, line.italic, colour=line.colour), Run(suffix))))
            continue
        paras.append(_led(Para((Run(measured, line.bold, line.italic, colour=line.colour),)), line.lead_colour))
        whole.append(_led(Para((Run(text, line.bold, line.italic, colour=line.colour),)), line.lead_colour))
    return (tuple(paras), tuple(whole)), height(count, style.size)


def box_height(fonts: Fonts, lines: list[Line], style: Style) -> float:
    """The height `measure` gives, without making the box's paragraphs: layouts try many styles and keep one."""
    count = 0
    for line in lines:
        count += min(len(_suffixed(fonts, line, style)[1]), MOST_LINES[line.kind])  # a longer text is shortened to this
    return height(count, style.size)


def _suffixed(fonts: Fonts, line: Line, style: Style) -> tuple[str, list[str]]:
    """A part's suffix, kept in one piece, and the part's lines at `style` with it."""
    suffix = line.suffix.replace(" ", "\u00a0")  # one piece: the wrap never parts "→ S. 12"
    return suffix, _wrapped(fonts, Line(f"{line.text} {suffix}" if suffix else line.text, line.kind, line.bold), style)


def _led(para: Para, colour: str | None) -> Para:
    """The paragraph with its first character set in `colour` (a tag's arrow in the tie's colour, the rest in the box's
    own text colour, which reads on every fill); unchanged without a colour."""
    first = para.runs[0]
    if colour is None or not first.text:
        return para
    return Para(
        (
            Run(first.text[0], first.bold, first.italic, colour=colour),
            Run(first.text[1:], first.bold, first.italic, colour=first.colour),
            *para.runs[1:],
        )
    )


def height(lines: int, size: float) -> float:
    """The height of a box holding this many lines."""
    return lines * size * LINE_SPACING + 2 * PAD_Y + SLACK
