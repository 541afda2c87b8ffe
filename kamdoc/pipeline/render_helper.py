"""A forked process that imports the renderers while this one validates and outlines, then draws the decks.

Importing WeasyPrint (Pango, HarfBuzz, fontconfig and their C declarations) takes about as long as reading,
validating and outlining a plan, and importing python-pptx (lxml's element classes, the chart workbook writer) a
fifth of a small deck's PowerPoint render; on two cores the imports and the reading happen at once. For a PDF, the
helper and a process it forks then each write one half of the deck's HTML and print it (`render.split`), and this
process joins the halves; the helper draws the PowerPoint deck too, beside its half, or alone when only it is asked for.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import pickle
import select
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TYPE_CHECKING

from kamdoc.errors import KamdocError
from kamdoc.render.system import MissingLibrary, can_fork
from kamdoc.workers import die_with_parent, receive_blobs, send_blobs

if TYPE_CHECKING:
    from kamdoc.outline.deck import Deck
    from kamdoc.render.pdf import PdfSource
    from kamdoc.render.split import Halves
    from kamdoc.theme.settings import Theme


@dataclass(frozen=True)
class Job:
    """What the helper is sent for one deck: the PDF's HTML (whole or in halves) when a PDF is asked for, and the
    PowerPoint deck's inputs when it draws that."""

    work: Halves | PdfSource | None
    pptx: tuple[Deck, Theme, datetime] | None

    @property
    def halved(self) -> bool:
        """Whether the PDF is made in two halves (the PDF's modules are imported only when there is a PDF)."""
        if self.work is None:
            return False
        from kamdoc.render.split import Halves

        return isinstance(self.work, Halves)


class RenderHelper:
    """The parent's side of the helper: is PDF possible here, and a deck's PDF and PowerPoint bytes."""

    def __init__(self, pid: int, jobs: IO[bytes], answers: IO[bytes]) -> None:
        self._pid, self._jobs, self._answers = pid, jobs, answers
        self._problem: MissingLibrary | None = None
        self._ready = False

    def missing(self) -> MissingLibrary | None:
        """What stops PDFs on this machine: the helper's first answer, waited for only when it is needed."""
        if not self._ready:
            answer = receive_blobs(self._answers) or [b"bg", b"the render helper ended before it was ready"]
            if answer[0] == b"no":
                self._problem = MissingLibrary("pdf", answer[1].decode("utf-8"))
            elif answer[0] != b"ok":
                raise RuntimeError(answer[1].decode("utf-8", "replace"))
            self._ready = True
        return self._problem

    def prepare(self, deck: Deck, theme: Theme, created: datetime, with_pptx: bool, with_pdf: bool = True) -> Job:
        """The deck's work: for a PDF, its two halves, each written and printed by one of the helper's processes.

        While the helper is still importing WeasyPrint, this process writes the HTML itself instead, which then
        costs no time; so is a deck too short to split.
        """
        if not with_pdf:
            return Job(None, (deck, theme, created) if with_pptx else None)
        from kamdoc.render.pdf import NoSplit, pdf_source
        from kamdoc.render.split import cut_in_halves

        halves = cut_in_halves(deck, theme, created, with_pptx, joined_here=False)
        work: Halves | PdfSource
        try:
            if halves is None:
                work = pdf_source(deck, theme, created)
            elif self._answered():
                work = halves
            else:
                work = halves.written_ahead()
        except NoSplit:  # a theme whose template cannot be split
            work = pdf_source(deck, theme, created)
        return Job(work, (deck, theme, created) if with_pptx else None)

    def ended(self) -> bool:
        """Whether the helper has said it cannot make PDFs here, and so has ended (it draws nothing more)."""
        return self._ready and self._problem is not None

    def _answered(self) -> bool:
        """Whether the helper has said it is ready (or why it cannot be), without waiting for it."""
        return self._ready or bool(select.select([self._answers], [], [], 0)[0])

    def render(self, job: Job) -> dict[str, bytes]:
        """The job's decks by format: its plain PDF, and its PowerPoint deck when asked for (drawn beside the PDF's
        second half, or alone)."""
        if self.missing() is not None and job.work is not None:  # its first answer read before the deck's
            raise ValueError("no PDF can be made here; the caller checks `missing()` first")
        send_blobs(self._jobs, pickle.dumps((job.work, job.pptx), protocol=pickle.HIGHEST_PROTOCOL))
        importing = _import_meanwhile("pypdf") if job.halved else None  # for the join
        answer = receive_blobs(self._answers) or [b"bg", b"the render helper ended without an answer"]
        if importing is not None:
            importing.join()
        if answer[0] == b"er":
            raise KamdocError(answer[1].decode("utf-8"))
        if answer[0] != b"ok":
            raise RuntimeError(f"drawing the decks failed:\n{answer[1].decode('utf-8', 'replace')}")
        # The halves are joined here: this process has pypdf ready, the helper would import it after printing.
        work, head, tail = job.work, answer[1], answer[2]
        made = {"pptx": answer[3]} if job.pptx else {}
        if job.halved and tail:
            from kamdoc.render.split import Halves, join

            assert isinstance(work, Halves)  # what `halved` said
            made["pdf"] = join(head, tail, work.anchors, work.height)
        elif work is not None:
            made["pdf"] = head
        return made

    def stop(self, at_once: bool) -> None:
        """End the helper and wait for it: when idle, it leaves as its pipe closes; `at_once` stops it mid-deck too."""
        if at_once:
            os.kill(self._pid, signal.SIGKILL)
        for pipe in (self._jobs, self._answers):
            pipe.close()
        os.waitpid(self._pid, 0)


def _import_meanwhile(module: str) -> threading.Thread:
    """Import a module in a thread of the lowest priority, started now: while both cores print the halves it runs
    in the time they leave (on Linux, where a thread has its own priority) instead of slowing both."""

    def low() -> None:
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        with contextlib.suppress(ImportError):  # said where the module is used, by the import there
            importlib.import_module(module)

    thread = threading.Thread(target=low, name=f"kamdoc-import-{module}", daemon=True)
    thread.start()
    return thread


def can_help(formats: tuple[str, ...], processes: int, variant: str | None, company_template: bool) -> bool:
    """Whether a helper pays: a plain PDF or a PowerPoint deck, two cores, no company template, and a system where
    forking is safe."""
    wanted = ("pdf" in formats and variant is None) or "pptx" in formats
    return wanted and not company_template and processes > 1 and can_fork()


@contextmanager
def render_helper(wanted: bool, with_pptx: bool = False, with_pdf: bool = True) -> Iterator[RenderHelper | None]:
    """A helper started now, importing WeasyPrint `with_pdf` and python-pptx `with_pptx`, and stopped on the way out;
    None when not `wanted`."""
    if not wanted:
        yield None
        return
    jobs_read, jobs_write = os.pipe()
    answers_read, answers_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: serve, and leave without running the parent's cleanup
        os.close(jobs_write)
        os.close(answers_read)
        code = 0
        try:
            _serve(os.fdopen(jobs_read, "rb"), os.fdopen(answers_write, "wb"), with_pptx, with_pdf)
        except BaseException:  # the parent has gone (a closed pipe) or stopped it
            code = 1
        os._exit(code)
    os.close(jobs_read)
    os.close(answers_write)
    helper = RenderHelper(pid, os.fdopen(jobs_write, "wb"), os.fdopen(answers_read, "rb"))
    try:
        yield helper
    except BaseException:
        helper.stop(at_once=True)
        raise
    helper.stop(at_once=False)


def _serve(jobs: IO[bytes], answers: IO[bytes], with_pptx: bool, with_pdf: bool) -> None:
    """The helper's life: import WeasyPrint and python-pptx as asked, say whether it could, then draw each deck that comes."""
    die_with_parent()
    if with_pdf:
        from kamdoc.render.system import weasyprint

        try:
            weasyprint()
        except MissingLibrary as exc:
            send_blobs(answers, b"no", exc.message.encode("utf-8"))
            return
        import kamdoc.render.pdf
        import kamdoc.render.split  # noqa: F401 - ready before the first deck comes

    if with_pptx:
        from kamdoc.render.pptx import warm_up

        warm_up()
    send_blobs(answers, b"ok")
    if with_pdf:
        _warm_up()
    # The collector runs between decks, once each answer is sent and the parent joins and writes it, not right
    # after printing, when it walks every box of the layout (25-30 ms of a stress-plan half) before the answer goes.
    # What the imports and the warm-up made is frozen: each collection walks only a deck's own objects.
    gc.disable()
    gc.freeze()
    while (job := receive_blobs(jobs)) is not None:
        send_blobs(answers, *_lay_out(job[0]))
        gc.collect()


def _warm_up() -> None:
    """What writing a half's HTML needs first, done while the first deck is still being outlined: the default
    theme's templates compiled (a user's theme is compiled when it is used), the number formats' locales,
    WeasyPrint's default styles and C types, and the mail headers module WeasyPrint imports when it is first served a file (the
    font files: once in each half's process, if not here before the fork)."""
    import email.policy  # noqa: F401

    from kamdoc.outline.words import number
    from kamdoc.render.c_types import parse_ahead
    from kamdoc.render.pdf import deck_document
    from kamdoc.render.sandbox import shared_environment
    from kamdoc.theme.settings import DEFAULT_DIR

    templates = shared_environment((DEFAULT_DIR,), DEFAULT_DIR)
    for name in ("deck.html.j2", "elements.html.j2", "deck.css"):
        templates.get_template(name)
    for language in ("de", "en"):
        number(1234.5, language)
    deck_document()
    parse_ahead()


def _lay_out(job: bytes) -> list[bytes]:
    """One deck's answer: its PDF (or both halves' PDFs) and PowerPoint bytes, a message for the user, or a bug's traceback."""
    from kamdoc.render.formats import render_deck
    from kamdoc.render.pdf import print_pdf
    from kamdoc.render.split import Halves, print_parts

    try:
        work, pptx = pickle.loads(job)  # from this process's parent, not from a stranger
        side = (lambda: render_deck(pptx[0], "pptx", pptx[1], pptx[2])) if pptx else None
        if work is None:  # the PowerPoint deck alone
            head, tail, drawn = b"", None, side() if side else None
        elif isinstance(work, Halves):  # printed whole, with no second part, when the theme's template cannot be split
            head, tail, drawn = print_parts(work, side)
        else:  # too short to split: the whole deck here
            head, tail, drawn = print_pdf(work), None, side() if side else None
        return [b"ok", head, tail or b"", drawn or b""]
    except KamdocError as exc:
        return [b"er", exc.message.encode("utf-8", "replace")]
    except Exception:  # a bug: the parent raises it with this traceback
        return [b"bg", traceback.format_exc().encode("utf-8", "replace")]
