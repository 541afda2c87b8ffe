"""What the preview shows: each plan's deck as HTML for an audience, its findings, and the plans' health, made again after each save."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import quote

from kamdoc.errors import KamdocError
from kamdoc.findings import Finding
from kamdoc.load.discover import find_plans, plan_slug, shown_path
from kamdoc.load.document import find_repo
from kamdoc.preview.files import Served, theme_trees

AUDIENCES = ("internal", "customer")


@dataclass(frozen=True)
class Problem:
    """One finding as the page lists it: where, how bad, what, and the editor's address of the place."""

    where: str  # plans/acme/plan.yaml:42:9, or "" for a problem of the whole deck
    severity: str
    text: str
    editor: str  # vscode://file/…/plan.yaml:42:9, or ""


@dataclass(frozen=True)
class View:
    """One plan's deck for one audience, as the page shows it after a save."""

    slug: str
    audience: str
    version: int
    title: str
    style: str  # the deck's stylesheet (the PDF's)
    slides: str  # the deck's slides (the PDF's), "" before the plan was ever free of errors
    count: int
    problems: tuple[Problem, ...] = ()
    stale: bool = False  # the slides are those of an earlier save: this one has errors
    language: str = "en"  # of the problems and the page's own words

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


@dataclass(frozen=True)
class Row:
    """One plan on the start page: its deck's name, account, health and reasons."""

    slug: str
    shown: str
    account: str
    status: str
    reasons: tuple[str, ...]
    language: str = "en"  # the plan's, which its reasons are said in


@dataclass
class Workspace:
    """The plans under the paths given, made into views on demand and kept until the next change.

    One lock: the server asks from many connections, the watcher says when files changed, and a view is
    made once per version however many pages wait for it.
    """

    paths: list[Path]
    files: Served
    theme_dir: Path | None = None
    language: str | None = None  # the page's words and messages; None: each plan's own
    today: Callable[[], date] = date.today
    version: int = 1
    _views: dict[tuple[str, str], View] = field(default_factory=dict)
    _good: dict[tuple[str, str], View] = field(default_factory=dict)
    _wanted: set[tuple[str, str]] = field(default_factory=set)
    _plans: dict[str, Path] | None = None
    _rows: list[Row] | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        # The theme folder is the one place the pages' files are read from that strangers write (its fonts/).
        self.files.trees = theme_trees(self.theme_dir)

    def plans(self) -> dict[str, Path]:
        """Each plan's deck name and file (the first of two plans with the same folder name)."""
        with self._lock:
            if self._plans is None:
                found: dict[str, Path] = {}
                for plan in find_plans(self.paths):
                    found.setdefault(plan_slug(plan), plan)
                self._plans = found
            return self._plans

    def folders(self) -> list[Path]:
        """The folders whose changes the preview follows: the plans' (and the folders named), and the theme's."""
        named = {p.absolute() if p.is_dir() else p.absolute().parent for p in self.paths}
        plans = {p.absolute().parent for p in self.plans().values()}
        theme = {self.theme_dir.absolute()} if self.theme_dir else set()
        everything = sorted(named | plans | theme)
        # A folder inside another one followed already adds nothing (its changes are seen there).
        return [f for f in everything if not any(o != f and o in f.parents for o in everything)]

    def changed(self) -> int:
        """Files changed: a new version, with the views pages look at made at once (so they only fetch them)."""
        with self._lock:
            self.version += 1
            self._views.clear()
            self._plans, self._rows = None, None
            # The decks pages asked for since the last change: they will ask again as soon as they hear of this one.
            hot, self._wanted = self._wanted, set()
            for slug, audience in sorted(hot):
                self._view(slug, audience)
            return self.version

    def view(self, slug: str, audience: str) -> View | None:
        """The deck of the plan named `slug` for `audience`, or None when there is no such plan."""
        with self._lock:
            view = self._view(slug, audience)
            if view is not None:
                self._wanted.add((slug, audience))
            return view

    def _view(self, slug: str, audience: str) -> View | None:
        key = (slug, audience)
        if key not in self._views:
            plan = self.plans().get(slug)
            if plan is None:
                return None
            self._views[key] = self._make(slug, plan, audience)
        return self._views[key]

    def rows(self) -> list[Row]:
        """Every plan with its health, for the start page."""
        with self._lock:
            if self._rows is None:
                self._rows = self._health()
            return self._rows

    def _make(self, slug: str, plan_file: Path, audience: str) -> View:
        from kamdoc.load.settings import programme_for
        from kamdoc.outline.plan_deck import build_outline
        from kamdoc.pipeline.glyphs import covered, lacking_glyphs
        from kamdoc.pipeline.render import document_date
        from kamdoc.render.html import deck_parts
        from kamdoc.theme.settings import load_theme
        from kamdoc.validate.plan import validate_safely

        language = self.language or "en"
        try:
            programme = programme_for(find_repo(plan_file))
            result = validate_safely(plan_file, self.today(), programme)
            language = self.language or result.language
            if result.errors or result.plan is None or result.doc is None:
                return self._stale(slug, audience, tuple(_problem(f, language) for f in result.findings), language)
            theme = load_theme(self.theme_dir)
            problems = tuple(
                _problem(f, language)
                for f in [*result.findings, *lacking_glyphs(result.plan, result.doc, covered(theme))]
            )
            deck = build_outline(
                result.plan,
                result.doc,
                theme,
                audience,
                images=result.images,
                copy=programme.audiences.customer,
                programme=programme,
            )
            style, slides = deck_parts(deck, theme, document_date(result.plan.cover.version), self.files)
        except KamdocError as exc:  # a broken kamdoc.yaml or theme: said on the page, as on the command line
            return self._stale(slug, audience, (Problem("", "error", exc.message, ""),), language)
        except (Exception, RecursionError) as exc:  # kamdoc's own bug: said on the page, and the preview goes on
            message = f"kamdoc could not make this deck ({type(exc).__name__}: {str(exc)[:200]}); this is a bug in kamdoc: please report it with the plan"
            return self._stale(slug, audience, (Problem("", "error", message, ""),), language)
        view = View(
            slug, audience, self.version, deck.title, style, slides, len(deck.slides), problems, language=language
        )
        self._good[(slug, audience)] = view
        return view

    def _stale(self, slug: str, audience: str, problems: tuple[Problem, ...], language: str) -> View:
        """The view of a save with errors: the problems over the last good slides (or none)."""
        good = self._good.get((slug, audience))
        if good is None:
            return View(slug, audience, self.version, slug, "", "", 0, problems, stale=True, language=language)
        return replace(good, version=self.version, problems=problems, stale=True, language=language)

    def _health(self) -> list[Row]:
        from kamdoc.load.settings import programme_for
        from kamdoc.pipeline.programme import health

        plans = self.plans()
        slugs = {shown_path(file): slug for slug, file in plans.items()}
        by_repo: dict[Path, list[Path]] = {}
        for file in plans.values():
            by_repo.setdefault(find_repo(file).absolute(), []).append(file)
        rows = []
        for repo, files in by_repo.items():
            for h in health(files, self.today(), programme_for(repo), self.language):  # None: each plan's own language
                rows.append(
                    Row(slugs.get(h.plan, ""), h.plan, h.account, h.status, tuple(h.reason_texts()), h.language)
                )
        return rows


def _problem(finding: Finding, language: str) -> Problem:
    from kamdoc.load.discover import message_path

    where = f"{message_path(finding.pos.file)}:{finding.pos.line}:{finding.pos.col}"
    text = f"{finding.field}: {finding.said(language)}" if finding.field else finding.said(language)
    return Problem(where, finding.severity, text, editor_link(finding.pos.file, finding.pos.line, finding.pos.col))


def editor_link(file: Path, line: int, col: int) -> str:
    """The address that opens a place in VS Code (and the editors that take its links): vscode://file/PATH:LINE:COL."""
    path = file.absolute().as_posix()
    return f"vscode://file{'' if path.startswith('/') else '/'}{quote(path, safe='/:')}:{line}:{col}"
