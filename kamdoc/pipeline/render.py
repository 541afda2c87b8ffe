"""Rendering plans into decks: validate, outline, draw, and write each file atomically."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kamdoc.errors import KamdocError
from kamdoc.findings import bug
from kamdoc.load.discover import find_plans, message_path, plan_slug
from kamdoc.load.document import find_repo, inside
from kamdoc.load.git import Snapshot, git_root, resolve
from kamdoc.load.settings import programme_at, programmes_for
from kamdoc.pipeline.glyphs import covered, lacking_glyphs
from kamdoc.pipeline.listener import SILENT, Listener
from kamdoc.pipeline.render_helper import RenderHelper
from kamdoc.render.formats import missing, render_deck
from kamdoc.validate import report
from kamdoc.validate.plan import Result, validate_safely

if TYPE_CHECKING:
    from kamdoc.analyse.diff import Change
    from kamdoc.analyse.history import History
    from kamdoc.load.document import Document
    from kamdoc.outline.deck import Deck
    from kamdoc.standard.plan import Plan
    from kamdoc.standard.programme import CustomerCopy, Programme
    from kamdoc.theme.company import Template
    from kamdoc.theme.settings import Theme
    from kamdoc.validate.images import Image, Named


def document_date(version: date) -> datetime:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the plan's version."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise KamdocError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime(version.year, version.month, version.day)


def render_formats(
    deck: Deck,
    formats: tuple[str, ...],
    theme: Theme,
    created: datetime,
    company: Template | None = None,
    pdf_variant: str | None = None,
    processes: int = 1,
    helper_job: Callable[[], dict[str, bytes]] | None = None,
) -> dict[str, bytes]:
    """The deck in each format asked for. With 2 processes or more, a plain PDF is laid out in two halves at
    once, and the PowerPoint deck is drawn beside the second half. `helper_job` (the render helper's) makes the
    decks it returns; this process draws the others."""
    made: dict[str, bytes] = {}
    if helper_job is not None:
        made = helper_job()
    elif "pdf" in formats and processes > 1 and pdf_variant is None:
        from kamdoc.render.split import render_in_halves

        side = (lambda: render_deck(deck, "pptx", theme, created, company)) if "pptx" in formats else None
        done = render_in_halves(deck, theme, created, side)
        if done is not None:
            made = {"pdf": done[0]} | ({"pptx": done[1]} if done[1] is not None else {})
    return {
        fmt: made[fmt] if fmt in made else render_deck(deck, fmt, theme, created, company, pdf_variant)
        for fmt in formats
    }


def usable_formats(
    formats: tuple[str, ...], say: Listener = SILENT, helper: RenderHelper | None = None
) -> tuple[tuple[str, ...], bool]:
    """The formats this machine can make, and whether any asked for cannot be (said once, here, for all plans).

    With a `helper`, whether PDFs can be made is its answer, and the caller asks when its first deck is ready.
    """
    problems = missing(tuple(f for f in formats if helper is None or f != "pdf"))
    if helper is not None and "pdf" in formats and (problem := helper.missing()) is not None:
        problems.append(problem)
    if problems and len(problems) == len(formats):
        raise problems[0]
    for problem in problems:
        say.err(f"error: {problem.message}")
    lost = {problem.fmt for problem in problems}
    return tuple(f for f in formats if f not in lost), bool(problems)


def write_atomically(target: Path, data: bytes, root: Path | None = None) -> None:
    """Write `target` completely or not at all: a temporary file in the same folder, then a rename.

    The temporary file's name carries this process's id, so that one left by a killed run is known
    for what it is and removed by the next (`clean_leftovers`). Only a regular file (or nothing) is
    replaced: see `refuse_unsafe_target`, which raises `OutputRefused` (an OSError) for the rest.
    """
    refuse_unsafe_target(target, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}{_TMP_MARK}", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OutputRefused(OSError):
    """An output kamdoc will not write: a link, a device, a FIFO or a folder stands where it goes."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EEXIST, reason)


def refuse_unsafe_target(target: Path, root: Path | None = None) -> None:
    """Raise OutputRefused unless `target` is a regular file or nothing; with `root`, also unless its folders lie in that work tree.

    A rename replaces whatever stands at the target: a symbolic link (a clone can make one that points
    at ~/.ssh/config), a device (as root, /dev/full would become a file) or a FIFO. Following the link
    instead would write outside the tree, so neither is done: the user is told, and writes it by hand.
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:  # said here: making the folders would only say "File exists"
        raise OutputRefused("a folder on its way is a file") from None
    except OSError:
        return  # a name too long, a folder that cannot be read: the write itself says so
    if mode is not None and stat.S_ISLNK(mode):
        raise OutputRefused(
            "it is a symbolic link, and kamdoc writes no file through a link (remove the link to write it)"
        )
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputRefused(f"it is {_kind(mode)}, not a regular file, and kamdoc replaces only regular files")
    if root is not None and not inside(target.parent, root):
        raise OutputRefused(
            f"its folder lies outside {root} (through a symbolic link, or in .git/), where kamdoc writes nothing"
        )


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((word for test, word in kinds if test(mode)), "a special file")


_TMP_MARK = ".kamdoc-"
_LEFTOVER = re.compile(r"\..+\.([0-9]+)" + re.escape(_TMP_MARK) + r"[^/]*\.tmp\Z")


def clean_leftovers(out: Path) -> None:
    """Remove the temporary files that runs killed while writing left in `out` (those of live runs stay)."""
    try:
        names = [entry.name for entry in os.scandir(out) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return  # no folder yet, or not readable: nothing of ours is there
    for name in names:
        match = _LEFTOVER.match(name)
        if match and not _running(int(match.group(1))):
            (out / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def output_error(target: Path, exc: OSError) -> KamdocError:
    """An output that cannot be written, as one message (read-only, full, a file where a folder should be)."""
    reason = exc.strerror or str(exc)
    return KamdocError(f"cannot write {target}: {reason}")


def same_decks(plans: list[Path]) -> dict[Path, str]:
    """Plans that would write the same deck as another (same folder name): each with the message that names both."""
    by_slug: dict[str, list[Path]] = {}
    for plan in plans:
        by_slug.setdefault(plan_slug(plan), []).append(plan)
    clashes: dict[Path, str] = {}
    for slug, group in by_slug.items():
        if len(group) > 1:
            names = " and ".join(message_path(p) for p in group)
            for plan in group:
                clashes[plan] = (
                    f"{names} would both be written as {slug}.pptx/.pdf; give one of the folders another name"
                )
    return clashes


def _changes_since(
    plan_file: Path, revision: str, plan: Plan, today: date, audience: str, copy: CustomerCopy | None = None
) -> tuple[str, list[Change] | None]:
    """The diff of a plan since a revision (between the audience's copies), and that revision's version date (for the slide's title)."""
    from kamdoc.analyse.audience import for_audience
    from kamdoc.analyse.diff import compare
    from kamdoc.outline.words import day
    from kamdoc.pipeline.revisions import load_at

    repo = git_root(plan_file.absolute())
    snapshot = Snapshot(repo, resolve(repo, revision))
    path = plan_file.absolute().relative_to(repo).as_posix()
    language = plan.language
    if path not in snapshot.files(PurePosixPath(path)):
        return revision, None
    old = load_at(snapshot, path, today)
    if old.plan is None:
        raise KamdocError(f"{path} at {revision} is not a valid plan, so there is nothing to compare with")
    return day(old.plan.cover.version, language), compare(
        for_audience(old.plan, audience, copy), for_audience(plan, audience, copy)
    )


def _development(plan_file: Path, count: int, cache: Path | None) -> tuple[History, int] | None:
    """The plan's history by version for the development slide (all its rows), and how many versions it shows."""
    from kamdoc.pipeline.history import plan_histories

    (made,) = plan_histories([plan_file], by="version", cache=cache, every=True)
    return (made, count) if made.columns else None


def _theme_for(theme_dir: Path | None, template: Path | None, say: Listener) -> tuple[Theme, Template | None]:
    """The theme, and the company template with its colours over the theme's when one is given."""
    from kamdoc.theme.settings import load_theme

    theme = load_theme(theme_dir)
    if template is None:
        return theme, None
    from kamdoc.theme.company import read_template

    company = read_template(template, theme)
    for warning in company.warnings:
        say.err(f"warning: {warning}")
    if abs(company.width / company.height - 16 / 9) > 0.01:
        raise KamdocError(
            f"{template}: its slides are not 16:9; kamdoc decks are 16:9 (see `kamdoc template check {template}`)"
        )
    return theme.with_colours(company.colours), company


def render_paths(
    paths: list[Path],
    out: Path,
    theme_dir: Path | None,
    template: Path | None,
    audience: str,
    today: date,
    formats: tuple[str, ...] = ("pptx",),
    pdf_variant: str | None = None,
    changes_since: str | None = None,
    processes: int = 1,
    helper: RenderHelper | None = None,
    say: Listener = SILENT,
    cache: Path | None = None,
    history: int = 0,
    at: str = "",
) -> int:
    """Render every plan under `paths` into `out`; plans with errors are reported to `say`, not rendered. Returns the exit code.

    With `at` (a tag or commit), the plans are those of that revision, with its files and its kamdoc.yaml: the decks
    it built, again.

    With a `helper` (see `pipeline.pdf_helper`), PDFs are laid out by it, and whether they can be made here is
    its answer, asked for when the first deck is ready. `cache` is the folder the command keeps the fonts'
    widths in between runs (none: nothing is written but the decks). A bug of kamdoc's on one plan is that
    plan's error: nothing of it is written, and the other plans go on.
    """
    theme, company = _theme_for(theme_dir, template, say)
    run = _Run(out, theme, company, audience, today, changes_since, formats, pdf_variant, processes, helper, say, cache)
    run.history = history
    if at:
        return _render_at(run, paths, at)
    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
    if helper is None:
        run.check_formats()
    clean_leftovers(out)
    clashes = same_decks(plans)
    programmes = programmes_for(plans)
    failed = 0
    for plan_file in plans:
        if plan_file in clashes:
            say.err(f"error: {clashes[plan_file]}")
            failed += 1
        elif not run.plan(plan_file, programmes[find_repo(plan_file).absolute()]):
            failed += 1
    lacking = run.check_formats()  # said even when no plan could be rendered
    say.err(run.tally.said(len(plans)))
    return 1 if failed or lacking else 0


def _render_at(run: _Run, paths: list[Path], at: str) -> int:
    """The plans under `paths` as the revision `at` had them, rendered: each validated against that revision's
    settings, with the images and texts it held."""
    from kamdoc.pipeline.revisions import load_at, plans_at

    with plans_at(paths, at) as (snapshot, files):
        if not files:
            raise KamdocError(f"no plans found in {', '.join(map(str, paths))} at {at}")
        if run.helper is None:
            run.check_formats()
        clean_leftovers(run.out)
        failed = 0
        for path in files:
            result = load_at(snapshot, path, run.today)
            failed += not run.plan(snapshot.repo / path, programme_at(snapshot, path), result)
    lacking = run.check_formats()
    run.say.err(run.tally.said(len(files)))
    return 1 if failed or lacking else 0


@dataclass
class Tally:
    """What one run of `render` came to: its closing line of counts, in the language most of its plans speak."""

    errors: int = 0
    warnings: int = 0
    decks: int = 0
    languages: list[str] = field(default_factory=list)

    def count(self, result: Result) -> None:
        self.errors += len(result.errors)
        self.warnings += len(result.warnings)
        self.languages.append(result.language)

    def said(self, plans: int) -> str:
        from kamdoc.messages import counted, most_spoken

        if most_spoken(self.languages) == "de":
            return (
                f"{counted(plans, 'Plan', 'Pläne')} geprüft: {counted(self.errors, 'Fehler', 'Fehler')}, {counted(self.warnings, 'Warnung', 'Warnungen')}; "
                f"{counted(self.decks, 'Deck', 'Decks')} geschrieben"
            )
        return (
            f"{counted(plans, 'plan', 'plans')} checked: {counted(self.errors, 'error', 'errors')}, {counted(self.warnings, 'warning', 'warnings')}; "
            f"{counted(self.decks, 'deck', 'decks')} written"
        )


@dataclass
class _Run:
    """What every plan of one `render_paths` is rendered with, and the formats this machine turned out to allow."""

    out: Path
    theme: Theme
    company: Template | None
    audience: str
    today: date
    changes_since: str | None
    formats: tuple[str, ...]
    pdf_variant: str | None
    processes: int
    helper: RenderHelper | None
    say: Listener
    cache: Path | None = None  # where the fonts' widths are kept between runs
    lacking: bool | None = None  # whether a format asked for cannot be made here; None until checked
    tally: Tally = field(default_factory=Tally)
    history: int = 0  # how many versions the development slide shows (0: no slide)

    def check_formats(self) -> bool:
        """Whether a format cannot be made here, checked (and said) the first time only."""
        if self.lacking is None:
            self.formats, self.lacking = usable_formats(self.formats, self.say, self.helper)
        return self.lacking

    def plan(self, plan_file: Path, programme: Programme, result: Result | None = None) -> bool:
        """Validate, outline and render one plan (or the `result` of one validated at a revision); False when it has
        errors or kamdoc failed on it (said, not written)."""
        result = result or validate_safely(plan_file, self.today, programme)
        say = self.say
        self.tally.count(result)
        if result.errors or result.plan is None or result.doc is None:
            say.err(report.text([result]))
            say.err(f"not rendered: {message_path(plan_file)} has errors")
            return False
        glyphs = lacking_glyphs(result.plan, result.doc, covered(self.theme, self.cache))
        result.findings += glyphs
        self.tally.warnings += len(glyphs)
        if result.warnings:  # rendered all the same, but what is worth fixing is said, as `validate` says it
            say.err(report.text([result]))
        try:
            decks = self.decks(plan_file, result.plan, result.doc, result.images, programme)
        except KamdocError:
            raise  # the user's to mend (a theme, a revision to compare with), said once for the whole run
        except (
            Exception
        ) as exc:  # a bug of kamdoc's: this plan's error, nothing of it written, and the other plans go on
            say.err(report.text([Result(plan_file, [bug(plan_file, "render", exc)])]))
            say.err(f"not rendered: {message_path(plan_file)}")
            return False
        for fmt, data in decks.items():
            target = self.out / f"{plan_slug(plan_file)}.{fmt}"
            try:
                write_atomically(target, data)
            except OSError as exc:
                raise output_error(target, exc) from None
            say.out(str(target))
            self.tally.decks += 1
        return True

    def decks(
        self, plan_file: Path, plan: Plan, doc: Document, images: Mapping[Named, Image], programme: Programme
    ) -> dict[str, bytes]:
        """A valid plan's decks in each format, made in memory (from the images its validation checked): written only once all are made."""
        from kamdoc.outline.plan_deck import build_outline

        # One outline for every format: both decks show the same slides.
        copy = programme.audiences.customer
        since = (
            _changes_since(plan_file, self.changes_since, plan, self.today, self.audience, copy)
            if self.changes_since
            else None
        )
        size = (self.company.width, self.company.height) if self.company else None
        development = (
            _development(plan_file, self.history, self.cache) if self.history and self.audience != "customer" else None
        )
        deck = build_outline(
            plan,
            doc,
            self.theme,
            self.audience,
            size,
            since,
            images=images,
            cache=self.cache,
            copy=copy,
            programme=programme,
            development=development,
        )
        created = document_date(plan.cover.version)
        helper, job = self.helper, None
        if helper is not None:  # a PDF's halves written while the helper may still be importing WeasyPrint
            job = helper.prepare(deck, self.theme, created, "pptx" in self.formats, "pdf" in self.formats)
        self.check_formats()
        if helper is not None and helper.ended():
            job = None  # no PDF can be made here: the helper has ended, and this process draws every deck
        helper_job = (lambda: helper.render(job)) if helper is not None and job is not None else None
        return render_formats(
            deck, self.formats, self.theme, created, self.company, self.pdf_variant, self.processes, helper_job
        )
