"""Laying out a PDF deck in two processes at once and joining the halves: a deck's PDF in half the time on two cores."""

from __future__ import annotations

import gc
import io
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from kamdoc.errors import KamdocError
from kamdoc.outline.deck import BubbleChart, ColumnChart, Deck, LineChart, Slide, Table, Text
from kamdoc.render.pdf import PdfSource
from kamdoc.render.system import can_fork
from kamdoc.theme.settings import Theme
from kamdoc.workers import die_with_parent, receive_blobs, send_blobs

MIN_SLIDES = 8
"""Below this, forking and joining cost more than they save."""

# Costs in milliseconds of WeasyPrint's work on this 2-core machine: first fitted to the print times of runs of 3-5
# slides of the examples and the stress plan, then set so that whole renders, timed at every cut near the chosen
# one, end soonest (a text box costs more among others than alone). Only their ratios matter: they decide the cut.
# Since elements alike share their styles (render/shared_styles.py), a table's cell weighs twice what it did beside
# the rest: in the instructions each half's printing took (callgrind), the second half was 6.5 % (German example)
# and 13 % (stress plan) over the first with 0.6; with 1.2 the first is 0.3 % and 2.7 % over the second, and the
# larger half, which the render waits for, is 4.9 % and 4.7 % smaller.
SLIDE_MS = 20.0
TEXT_MS = 8.0  # however long: lines come broken by the outline, WeasyPrint does not pay for their length
CELL_MS = 1.2
CELL_CHAR_MS = 0.006
SHAPE_MS = 0.6
CHART_MS = 38.0
JOIN_SHARE = 0.065  # joining the halves (and importing pypdf), as a share of the whole PDF's work
SIDE_JOB_SHARE = 0.1  # drawing the PowerPoint deck, as a share of the PDF's work


def _weight(slide: Slide) -> float:
    """A slide's estimated share of WeasyPrint's work: text to lay out, table cells, shapes and charts to draw."""
    total = SLIDE_MS
    for e in slide.elements:
        if isinstance(e, Text):
            total += TEXT_MS
        elif isinstance(e, Table):
            total += CELL_MS * (len(e.rows) + 1) * len(e.widths) + CELL_CHAR_MS * sum(
                len(cell) for row in e.rows for cell in row
            )
        elif isinstance(e, (ColumnChart, LineChart, BubbleChart)):
            total += CHART_MS
        else:  # boxes, lines, pictures
            total += SHAPE_MS
    return total


def cut_point(deck: Deck, side_job: bool = False, joined_here: bool = True) -> int:
    """Where the second part starts, so that both processes finish together: the parent also joins the
    halves (unless another process does, not `joined_here`), the child also draws the PowerPoint deck when asked to."""
    weights = [_weight(s) for s in deck.slides]
    share = (1 - (JOIN_SHARE if joined_here else 0) + (SIDE_JOB_SHARE if side_job else 0)) / 2
    goal, running = sum(weights) * share, 0.0
    for index, w in enumerate(weights):
        running += w
        if running >= goal:
            return max(1, min(index + 1, len(weights) - 1))
    return len(weights) - 1


@dataclass(frozen=True)
class Part:
    """One part of a deck: its slides, the sections begun before it, and the link targets on the other part's pages."""

    deck: Deck
    seen_before: frozenset[str]
    anchors_elsewhere: tuple[str, ...]
    first_slide: int


@dataclass(frozen=True)
class Halves:
    """A deck cut in two for two processes, each of which writes its part's HTML and prints it."""

    theme: Theme
    created: datetime
    first: Part
    second: Part
    anchors: dict[str, int]  # each section's first page in the whole deck, for the joined file's link targets
    height: float
    written: tuple[PdfSource, PdfSource] | None = None  # both parts' HTML, when written ahead by another process

    def source(self, part: Part) -> PdfSource:
        """A part's HTML for WeasyPrint (NoSplit when the theme's template cannot be split)."""
        from kamdoc.render.pdf import pdf_source

        if self.written is not None:
            return self.written[0 if part is self.first else 1]
        return pdf_source(
            part.deck, self.theme, self.created, part.seen_before, part.anchors_elsewhere, part.first_slide
        )

    def written_ahead(self) -> Halves:
        """The same halves with both parts' HTML written now, in this process (NoSplit when the template cannot be split)."""
        return replace(self, written=(self.source(self.first), self.source(self.second)))

    def whole(self) -> PdfSource:
        """The whole deck's HTML, for a theme whose template cannot be split."""
        from kamdoc.render.pdf import pdf_source

        return pdf_source(
            replace(self.first.deck, slides=self.first.deck.slides + self.second.deck.slides), self.theme, self.created
        )


def cut_in_halves(
    deck: Deck, theme: Theme, created: datetime, side_job: bool = False, joined_here: bool = True
) -> Halves | None:
    """The deck's two parts, to be written and printed each in its own process; None when it is too short to split."""
    if len(deck.slides) < MIN_SLIDES:
        return None
    cut = cut_point(deck, side_job, joined_here)
    first, second = replace(deck, slides=deck.slides[:cut]), replace(deck, slides=deck.slides[cut:])
    anchors = deck.section_starts()
    in_first = tuple(name for name, page in anchors.items() if page < cut)
    in_second = tuple(name for name, page in anchors.items() if page >= cut)
    begun = frozenset(section for s in first.slides for section in (s.section, *s.also) if section)
    return Halves(
        theme, created, Part(first, frozenset(), in_second, 0), Part(second, begun, in_first, cut), anchors, deck.height
    )


def print_parts(
    halves: Halves, side_job: Callable[[], bytes] | None = None
) -> tuple[bytes, bytes | None, bytes | None]:
    """Both halves' PDFs, each written and printed in its own process, this one and a forked one, at once
    (call only where `can_fork()`); for a theme whose template cannot be split, the whole deck's PDF, printed
    here, and None for the second.

    `side_job` (drawing the PowerPoint deck) runs in the forked process too, so both formats take the time of one;
    its bytes come back last.
    """
    from kamdoc.render.c_types import parse_ahead
    from kamdoc.render.pdf import NoSplit, deck_document, print_pdf
    from kamdoc.render.system import weasyprint

    weasyprint()  # imported before the fork, so the child starts with it
    deck_document()  # and with the default styles read
    parse_ahead()  # and the C types parsed

    def child() -> list[bytes]:
        # This process ends once it has answered: a collection after printing (25-30 ms, every box of the layout
        # walked) would only delay the answer the deck waits for.
        gc.disable()
        try:
            side = side_job() if side_job else b""
            return [b"ok", print_pdf(halves.source(halves.second)), side]
        except NoSplit:
            return [b"no"]
        except KamdocError as exc:
            return [b"er", exc.message.encode("utf-8", "replace")]

    try:
        head, blobs = _fork(child, lambda: print_pdf(halves.source(halves.first)))
    except NoSplit:
        head, blobs = b"", [b"no"]
    kind = blobs[0] if blobs else b"bg"
    if kind == b"no":  # a theme whose template cannot be split: the whole deck, here
        return print_pdf(halves.whole()), None, side_job() if side_job else None
    if kind == b"er":
        raise KamdocError(blobs[1].decode("utf-8"))
    if kind != b"ok":
        detail = blobs[1].decode("utf-8") if len(blobs) > 1 else "the process ended without an answer"
        raise RuntimeError(f"laying out the second half of the PDF failed:\n{detail}")
    return head, blobs[1], (blobs[2] if side_job else None)


def print_halves(halves: Halves, side_job: Callable[[], bytes] | None = None) -> tuple[bytes, bytes | None]:
    """The joined PDF of both halves (see `print_parts`), and the side job's bytes."""
    head, tail, side = print_parts(halves, side_job)
    return (head if tail is None else join(head, tail, halves.anchors, halves.height)), side


def render_in_halves(
    deck: Deck, theme: Theme, created: datetime, side_job: Callable[[], bytes] | None = None
) -> tuple[bytes, bytes | None] | None:
    """The plain PDF of the deck, its halves laid out in this process and a forked one; None when it cannot be split."""
    if not can_fork():
        return None
    halves = cut_in_halves(deck, theme, created, side_job is not None)
    return None if halves is None else print_halves(halves, side_job)


def _fork(child: Callable[[], list[bytes]], parent: Callable[[], bytes]) -> tuple[bytes, list[bytes]]:
    """Run `child` in a forked process and `parent` here at the same time: the parent's result and the child's blobs.

    When the parent's part fails, the child is stopped. A bug in the child comes back as ["bg", traceback].
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: send its blobs back and leave without running the parent's cleanup
        os.close(read_end)
        die_with_parent()  # a killed render leaves no half being laid out
        code = 0
        try:
            blobs = child()
        except BaseException:  # a bug: its traceback goes to the parent, which raises it
            blobs, code = [b"bg", traceback.format_exc().encode("utf-8", "replace")], 1
        with os.fdopen(write_end, "wb") as out:
            send_blobs(out, *blobs)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            head = parent()
        except BaseException:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise
        received = receive_blobs(pipe) or []  # nothing when the child died before its answer
    os.waitpid(pid, 0)
    return head, received


def join(head: bytes, tail: bytes, anchors: dict[str, int], height: float) -> bytes:
    """One PDF from two: pages and bookmarks in order, metadata and language of the first, link targets renamed to their pages."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    first = PdfReader(io.BytesIO(head))
    writer = PdfWriter()
    writer.append(first, import_outline=True)
    writer.append(PdfReader(io.BytesIO(tail)), import_outline=True)
    if first.metadata is not None:
        writer.add_metadata(dict(first.metadata))
    catalog = writer._root_object  # noqa: SLF001 - pypdf has no public setter for /Lang and /Names
    root = first.trailer["/Root"].get_object()
    if isinstance(root, DictionaryObject) and "/Lang" in root:
        catalog[NameObject("/Lang")] = root["/Lang"]
    # Each half named the other's targets with stand-ins; these destinations point every name at its real page.
    names = ArrayObject()
    for name in sorted(anchors, key=lambda n: n.encode("utf-16-be")):
        page = writer.pages[anchors[name]].indirect_reference
        names += [
            TextStringObject(name),
            ArrayObject([page, NameObject("/XYZ"), NumberObject(0), FloatObject(height), NumberObject(0)]),
        ]
    catalog[NameObject("/Names")] = DictionaryObject(
        {NameObject("/Dests"): DictionaryObject({NameObject("/Names"): names})}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
