"""Rendering plans into decks: validate, outline, draw, and write each file atomically."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kamdoc.validate import report
from kamdoc.load.discover import find_plans, plan_slug
from kamdoc.errors import KamdocError
from kamdoc.render.formats import missing, render_deck
from kamdoc.load.document import find_repo
from kamdoc.load.settings import programmes_for
from kamdoc.pipeline.listener import SILENT, Listener
from kamdoc.validate.plan import validate_safely

if TYPE_CHECKING:
    from kamdoc.outline.deck import Deck
    from kamdoc.theme.company import Template
    from kamdoc.theme.settings import Theme
    from kamdoc.analyse.diff import Change
    from kamdoc.standard.plan import Plan


def document_date(version: date) -> datetime:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else the plan's version."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise KamdocError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime(version.year, version.month, version.day)


def render_formats(deck: Deck, formats: tuple[str, ...], theme: Theme, created: datetime, company: Template | None = None,
                   pdf_variant: str | None = None, processes: int = 1) -> dict[str, bytes]:
    """The deck in each format asked for. With 2 processes or more, a plain PDF is laid out in two halves at
    once, and the PowerPoint deck is drawn beside the second half."""
    if "pdf" in formats and processes > 1 and pdf_variant is None:
        from kamdoc.render.split import render_in_halves

        side = (lambda: render_deck(deck, "pptx", theme, created, company)) if "pptx" in formats else None
        done = render_in_halves(deck, theme, created, side)
        if done is not None:
            pdf, pptx = done
            assert pptx is not None or "pptx" not in formats  # the forked process drew it when asked to
            made = {"pdf": pdf, "pptx": pptx or b""}
            return {fmt: made[fmt] if fmt in made else render_deck(deck, fmt, theme, created, company) for fmt in formats}
    return {fmt: render_deck(deck, fmt, theme, created, company, pdf_variant) for fmt in formats}


def usable_formats(formats: tuple[str, ...], say: Listener = SILENT) -> tuple[tuple[str, ...], bool]:
    """The formats this machine can make, and whether any asked for cannot be (said once, here, for all plans)."""
    problems = missing(formats)
    if problems and len(problems) == len(formats):
        raise problems[0]
    for problem in problems:
        say.err(f"error: {problem.message}")
    lost = {problem.fmt for problem in problems}
    return tuple(f for f in formats if f not in lost), bool(problems)


def write_atomically(target: Path, data: bytes) -> None:
    """Write `target` completely or not at all: a temporary file in the same folder, then a rename.

    The temporary file's name carries this process's id, so that one left by a killed run is known
    for what it is and removed by the next (`clean_leftovers`).
    """
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
            names = " and ".join(report.shown(p) for p in group)
            for plan in group:
                clashes[plan] = f"{names} would both be written as {slug}.pptx/.pdf; give one of the folders another name"
    return clashes


def _changes_since(plan_file: Path, revision: str, plan: Plan, today: date, audience: str) -> tuple[str, list[Change] | None]:
    """The diff of a plan since a revision (between the audience's copies), and that revision's version date (for the slide's title)."""
    from kamdoc.analyse.audience import for_audience
    from kamdoc.analyse.diff import compare
    from kamdoc.load.git import Snapshot, git_root, resolve
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
    return day(old.plan.cover.version, language), compare(for_audience(old.plan, audience), for_audience(plan, audience))


def render_paths(paths: list[Path], out: Path, theme_dir: Path | None, template: Path | None, audience: str, today: date,
                 formats: tuple[str, ...] = ("pptx",), pdf_variant: str | None = None, changes_since: str | None = None,
                 processes: int = 1, say: Listener = SILENT) -> int:
    """Render every plan under `paths` into `out`; plans with errors are reported to `say`, not rendered. Returns the exit code."""
    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.theme.settings import load_theme

    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
    theme = load_theme(theme_dir)
    company = None
    if template is not None:
        from kamdoc.theme.company import read_template

        company = read_template(template, theme)
        for warning in company.warnings:
            say.err(f"warning: {warning}")
        if abs(company.width / company.height - 16 / 9) > 0.01:
            raise KamdocError(f"{template}: its slides are not 16:9; kamdoc decks are 16:9 (see `kamdoc template check {template}`)")
        theme = theme.with_colours(company.colours)
    formats, lacking = usable_formats(formats, say)
    clean_leftovers(out)
    clashes = same_decks(plans)
    programmes = programmes_for(plans)
    failed = 0
    for plan_file in plans:
        if plan_file in clashes:
            failed += 1
            say.err(f"error: {clashes[plan_file]}")
            continue
        result = validate_safely(plan_file, today, programmes[find_repo(plan_file).absolute()])
        if result.errors or result.plan is None or result.doc is None:
            failed += 1
            say.err(report.text([result]))
            say.err(f"not rendered: {report.shown(plan_file)} has errors")
            continue
        if result.warnings:  # rendered all the same, but what is worth fixing is said, as `validate` says it
            say.err(report.text([result]))
        # One outline for every format: both decks show the same slides.
        since = _changes_since(plan_file, changes_since, result.plan, today, audience) if changes_since else None
        deck = build_outline(result.plan, result.doc, theme, audience, (company.width, company.height) if company else None, since)
        created = document_date(result.plan.cover.version)
        for fmt, data in render_formats(deck, formats, theme, created, company, pdf_variant, processes).items():
            target = out / f"{plan_slug(plan_file)}.{fmt}"
            try:
                write_atomically(target, data)
            except OSError as exc:
                raise output_error(target, exc) from None
            say.out(str(target))
    return 1 if failed or lacking else 0
