"""The standard's rules that a schema alone does not say: references, uniqueness, cycles, sums, dates and files."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.findings import Finding, Severity, field_path, quoted
from kamdoc.limits import MAX_LINKS, MAX_PEOPLE, MAX_REPORTING_DEPTH
from kamdoc.load.document import Document, Path_, resolve_ref
from kamdoc.load.files import FileMissing, FileRefused
from kamdoc.standard.programme import DEFAULT, Programme
from kamdoc.standard.sections import SECTIONS
from kamdoc.validate.images import LOGO, Image, Named, check_image, image_of, markdown_images
from kamdoc.validate.markdown import CITED, MAX_NESTING, unshown_lines
from kamdoc.validate.walk import texts_in

_ID = re.compile(r"[a-z0-9_-]+\Z")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

# (list path, field) of every value that names a person in the power map, from the section registry.
_PERSON_REFS: tuple[tuple[Path_, str], ...] = tuple(((s.key, *path), name) for s in SECTIONS for path, name in s.people)
_TEAM_REFS: tuple[tuple[Path_, str], ...] = tuple(((s.key, *path), name) for s in SECTIONS for path, name in s.ours)
"""Fields that may name a member of our account team (those also in _PERSON_REFS: a person of either side)."""
_SHOWN_IN_CYCLE = 12
"""People named in a cycle's message; a longer cycle is shortened in the middle."""
_HINTED = 20
"""Unknown references that get a "did you mean"."""

# Lists whose items are told apart by name: a repeated name is ambiguous in the deck and in diffs.
_NAMED_LISTS: tuple[tuple[Path_, tuple[str, ...]], ...] = tuple(
    ((s.key, *path), (name,) if isinstance(name, str) else name) for s in SECTIONS for path, name in s.named
)
_REFERENCES = tuple((s.key, r) for s in SECTIONS for r in s.refers)
"""Fields that name an item of another list (a cell's offering, a key figure's source), with their section."""
_NEEDS = tuple((s.key, n) for s in SECTIONS for n in s.needs)
"""Fields an item should fill given another's value, with their section."""
_FOOTNOTE = re.compile(CITED)
"""A citation in Markdown text, `[^id]`: the id of an entry in the plan's sources."""


class _Checker:
    """Runs each rule over the (normalised, possibly invalid) data, skipping parts of the wrong type."""

    def __init__(self, data: dict[str, Any], doc: Document, today: date) -> None:
        self.data = data
        self.doc = doc
        self.today = today
        self.findings: list[Finding] = []
        self.checked: dict[Named, Image] = {}
        """Each image that passed its checks, by where the plan names it."""
        self._files: dict[Path, Image] = {}  # the same images by file: a file named many times is read once
        self._hinted = 0  # unknown names given a "did you mean" so far (each compares with every known one)

    def add(self, severity: Severity, path: Path_, message: str, at_key: bool = False) -> None:
        pos = self.doc.where_key(path) if at_key else self.doc.where(path)
        self.findings.append(Finding(pos, severity, field_path(path), message))

    def get(self, *path: str | int) -> Any:
        current: Any = self.data
        for part in path:
            if isinstance(current, dict):
                current = current.get(part)
            elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
                current = current[part]
            else:
                return None
        return current

    def items(self, *path: str | int) -> Iterator[tuple[Path_, dict[str, Any]]]:
        """Each mapping in the list at `path`, with its path."""
        value = self.get(*path)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield (*path, i), item

    # --- the power map --------------------------------------------------------------

    def person_ids(self) -> dict[str, Path_]:
        seen: dict[str, Path_] = {}
        for path, person in self.items("power_map", "people"):
            pid = person.get("id")
            if not isinstance(pid, str):
                continue
            if pid in seen:
                first = self.doc.where((*seen[pid], "id"))
                self.add(
                    "error",
                    (*path, "id"),
                    f"duplicate id {quoted(pid)}: {field_path(seen[pid])} (line {first.line}) has it already; ids are unique",
                )
            else:
                seen[pid] = path
        return seen

    def references(self, ids: dict[str, Path_]) -> None:
        known = sorted(i for i in ids if _ID.match(i))
        refs: list[tuple[Path_, Any]] = []
        for base, name in _PERSON_REFS:
            for path, item in self.items(*base):
                value = item.get(name)
                if isinstance(value, list):  # a list of people, such as a customer goal's contacts
                    refs += [((*path, name, i), v) for i, v in enumerate(value)]
                else:
                    refs.append(((*path, name), value))
        unknown = 0
        for path, ref in refs:
            if isinstance(ref, str) and _ID.match(ref) and ref not in ids:
                unknown += 1
                # Looking for a close match compares with every id: done for the first few mistakes only, so
                # that a plan of thousands of wrong references stays linear.
                close = (
                    difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
                    if unknown <= _HINTED and len(known) <= 5_000
                    else []
                )
                if close:
                    hint = f"; did you mean {close[0]!r}?"
                elif known:
                    hint = f"; known ids: {', '.join(known[:12])}{', …' if len(known) > 12 else ''}"
                else:
                    hint = "; the power map lists no people yet"
                self.add("error", path, f"{quoted(ref)} is not the id of a person in power_map.people{hint}")

    def team_references(self, ids: dict[str, Path_]) -> None:
        """Names of our side that the account team does not list (said only when it lists anyone: a plan may leave it out)."""
        team = {str(m["name"]).casefold() for _, m in self.items("account_team") if isinstance(m.get("name"), str)}
        if not team:
            return
        for base, name in _TEAM_REFS:
            either = (base, name) in _PERSON_REFS
            for path, item in self.items(*base):
                value = item.get(name)
                if not isinstance(value, str) or value.casefold() in team or value in ids:
                    continue
                if either and _ID.match(value):
                    continue  # an unknown id: `references` says so
                whose = "neither the id of a person in power_map.people nor" if either else "not"
                self.add(
                    "warning",
                    (*path, name),
                    f"{quoted(value)} is {whose} the name of a member of account_team; "
                    "add them to account_team or write the name as it stands there",
                )

    def bosses(self, ids: dict[str, Path_]) -> dict[str, str]:
        """Whom each person reports to, where that is a person of the power map."""
        boss: dict[str, str] = {}
        for pid, path in ids.items():
            target = self.get(*path, "reports_to")
            if isinstance(target, str) and target in ids:
                boss[pid] = target
        return boss

    def cycles(self, ids: dict[str, Path_], boss: dict[str, str]) -> None:
        """Reporting lines that lead back to where they started: each person is walked once (linear time)."""
        done: set[str] = set()
        for start in ids:  # plan order, so the first person of a cycle reached carries the message
            chain: list[str] = []
            at: dict[str, int] = {}
            person: str | None = start
            while person is not None and person not in done and person not in at:
                at[person] = len(chain)
                chain.append(person)
                person = boss.get(person)
            if person is not None and person in at:
                self.cycle(ids, chain[at[person] :])
            done.update(chain)

    def cycle(self, ids: dict[str, Path_], loop: list[str]) -> None:
        path = (*ids[loop[0]], "reports_to")
        if len(loop) == 1:
            self.add(
                "error", path, f"{quoted(loop[0])} reports to themselves; leave reports_to out for the top of the tree"
            )
            return
        shown = (
            loop
            if len(loop) <= _SHOWN_IN_CYCLE
            else [*loop[: _SHOWN_IN_CYCLE - 2], f"… ({len(loop):,} people in all)", loop[-1]]
        )
        self.add(
            "error",
            path,
            "reporting lines form a cycle: "
            + " → ".join([*shown, loop[0]])
            + "; one of them must report elsewhere or to no one",
        )

    def sizes(self) -> None:
        """At most MAX_PEOPLE people and MAX_LINKS ties: every one is laid out, drawn and listed in the deck."""
        for key, cap, what in (("people", MAX_PEOPLE, "people"), ("links", MAX_LINKS, "links")):
            given = self.get("power_map", key)
            if isinstance(given, list) and len(given) > cap:
                self.add(
                    "error",
                    ("power_map", key),
                    f"{len(given):,} {what}; a plan holds at most {cap:,}: keep those that matter for the account",
                )

    def depth(self, ids: dict[str, Path_], boss: dict[str, str]) -> None:
        """A reporting chain at most MAX_REPORTING_DEPTH managers deep, said once: at the first person (in plan order) below the limit."""
        above = _managers_above(ids, boss)
        deep = next((pid for pid in ids if (above[pid] or 0) > MAX_REPORTING_DEPTH), None)
        if deep is None:
            return
        top = deep
        while top in boss:  # once, up one chain: linear
            top = boss[top]
        first = deep
        for _ in range((above[deep] or 0) - MAX_REPORTING_DEPTH - 1):  # the person just below the limit on that chain
            first = boss[first]
        self.add(
            "error",
            (*ids[first], "reports_to"),
            f"{quoted(first)} reports through {MAX_REPORTING_DEPTH + 1:,} levels to the top "
            f"({quoted(top)}); at most {MAX_REPORTING_DEPTH:,} are allowed: let them report to someone higher up",
        )

    def links(self) -> None:
        for path, link in self.items("power_map", "links"):
            if isinstance(link.get("from"), str) and link.get("from") == link.get("to"):
                self.add("warning", (*path, "to"), f"the link ties {quoted(link['to'])} to themselves")

    def decision_maker(self) -> None:
        for _, person in self.items("power_map", "people"):
            roles = person.get("roles")
            if isinstance(roles, list) and "decision-maker" in roles:
                return
        if isinstance(self.get("power_map"), dict):
            self.add(
                "warning", ("power_map",), "no person in the power map has the role decision-maker: who signs off?"
            )

    # --- goals ------------------------------------------------------------------------

    def goals(self, version: date | None) -> None:
        seen: dict[str, Path_] = {}
        for path, goal in self.items("goals"):
            gid = goal.get("id")
            if isinstance(gid, str):
                if gid in seen:
                    first = self.doc.where((*seen[gid], "id"))
                    self.add(
                        "error",
                        (*path, "id"),
                        f"duplicate goal id {quoted(gid)}: {field_path(seen[gid])} (line {first.line}) has it already; ids are unique",
                    )
                else:
                    seen[gid] = path
            deadline = goal.get("deadline")
            if version and isinstance(deadline, date) and deadline < version:
                self.add(
                    "warning",
                    (*path, "deadline"),
                    f"the deadline {deadline.isoformat()} lies before the plan's version date {version.isoformat()}",
                )

    # --- assessment -------------------------------------------------------------------

    def assessment(self, programme: Programme) -> None:
        """Scores and knock-out answers name the criteria of kamdoc.yaml, and answer all of them."""
        section = self.get("assessment")
        scored = isinstance(section, dict) and isinstance(section.get("scores"), dict) and bool(section["scores"])
        if programme.criteria and not scored:  # said once: without scores the portfolio cannot place the account
            first = programme.criteria[0].id
            self.add(
                "warning",
                ("assessment",) if isinstance(section, dict) else (),
                f"kamdoc.yaml names {len(programme.criteria)} selection criteria ({', '.join(c.id for c in programme.criteria)}) and this "
                f"plan scores none, so the portfolio cannot place the account: add `assessment:` with `scores:`, one line per "
                f"criterion, such as `{first}: {{score: 4, reason: …}}`",
            )
        if not isinstance(section, dict):
            return
        for key, configured, what in (
            ("scores", programme.criteria, "criterion"),
            ("knock_outs", programme.knock_outs, "knock-out criterion"),
        ):
            given = section.get(key)
            if not isinstance(given, dict):
                continue
            ids = [c.id for c in configured]
            setting = "portfolio.criteria" if key == "scores" else "portfolio.knock_outs"
            if given and not ids:
                self.add(
                    "warning",
                    ("assessment", key),
                    f"kamdoc.yaml has no {setting}, so these are neither checked nor used; add them there",
                )
                continue
            for name, answer in given.items():
                if name not in ids:
                    close = difflib.get_close_matches(str(name), ids, 1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    self.add(
                        "error",
                        ("assessment", key, name),
                        f"{quoted(name)} is not a {what} in kamdoc.yaml ({setting}): one of {', '.join(ids)}{hint}",
                        at_key=True,
                    )
                reason = answer.get("reason") if isinstance(answer, dict) else None
                if isinstance(reason, str) and "\n" in reason.strip():
                    self.add(
                        "warning",
                        ("assessment", key, name, "reason"),
                        "a reason is one line; longer thoughts belong in the plan's other sections",
                    )
            if missing := [i for i in ids if i not in given]:
                consequence = (
                    "the attractiveness is worked out from the others"
                    if key == "scores"
                    else "the portfolio cannot say whether the account passes them"
                )
                self.add("warning", ("assessment", key), f"no answer for {', '.join(missing)}: {consequence}")

    # --- cover and mission ----------------------------------------------------------

    def dates(self, version: date | None) -> None:
        review = self.get("cover", "next_review")
        if isinstance(review, date) and review < self.today:
            self.add(
                "warning",
                ("cover", "next_review"),
                f"the review was due on {review.isoformat()}; review the plan and set a new date",
            )
        if self.get("cover", "status") == "approved" and review is None and isinstance(self.get("cover"), dict):
            self.add("warning", ("cover",), "an approved plan should say when it is reviewed next: add next_review")
        horizon = self.get("mission", "horizon")
        if (
            version
            and isinstance(horizon, int)
            and not isinstance(horizon, bool)
            and not 3 <= horizon - version.year <= 5
        ):
            self.add(
                "warning",
                ("mission", "horizon"),
                f"the mission looks {_years(horizon - version.year)} ahead of the version ({version.year}); a mission looks 3 to 5 years ahead",
            )

    # --- numbers ----------------------------------------------------------------------

    def owners(self) -> None:
        total = Decimal(0)
        for _, owner in self.items("profile", "owners"):
            share = owner.get("share")
            if isinstance(share, (int, float)) and not isinstance(share, bool):
                try:
                    total += Decimal(str(share))  # decimals, so that 38.2 + 61.8 is exactly 100
                except InvalidOperation:
                    return
        if total > 100:
            self.add(
                "error",
                ("profile", "owners"),
                f"the owners' shares add up to {total.normalize():f} %; together they hold at most 100 %",
            )

    def financials(self) -> None:
        products = list(self.items("financials", "products"))
        if isinstance(self.get("financials"), dict) and not products:
            self.add(
                "warning",
                ("financials",),
                "no products: the financials show nothing; add the products with actual and planned revenue",
            )
        for path, product in products:
            actual, plan = product.get("actual"), product.get("plan")
            if not isinstance(actual, dict) or not isinstance(plan, dict):
                continue
            self.estimated(path, product.get("estimated"), actual)
            years = [y for y in actual if isinstance(y, int) and not isinstance(y, bool)]
            if not years:
                continue
            last = max(years)
            for year in plan:
                if isinstance(year, int) and not isinstance(year, bool) and year <= last:
                    self.add(
                        "error",
                        (*path, "plan", year),
                        f"planned year {year} is not after the last actual year {last}; a year is either actual or planned",
                        at_key=True,
                    )

    def estimated(self, path: Path_, years: object, actual: dict[Any, Any]) -> None:
        """Each estimated year: an actual year whose figure controlling has still to give."""
        for k, year in enumerate(years if isinstance(years, list) else []):
            if not isinstance(year, int) or isinstance(year, bool):
                continue  # the model says what is wrong with it
            if year not in actual:
                self.add(
                    "error",
                    (*path, "estimated", k),
                    f"{year} is not an actual year of this product; list only years under actual",
                )
            else:
                self.add(
                    "warning",
                    (*path, "actual", year),
                    f"the actual of {year} is an estimate (the planned figure kamdoc rollover carried over); "
                    f"put in controlling's number and take {year} off estimated",
                    at_key=True,
                )

    def currency(self) -> None:
        code = self.get("financials", "currency")
        if isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code):
            from kamdoc.standard.currencies import CURRENCIES

            if code not in CURRENCIES:
                self.add(
                    "error",
                    ("financials", "currency"),
                    f"{quoted(code)} is not an ISO 4217 currency code (such as EUR, USD, CHF, NOK)",
                )
        elif code is None and isinstance(self.get("financials"), dict):
            self.add(
                "warning",
                ("financials",),
                "no currency: amounts are shown without one; add currency (ISO 4217, e.g. EUR)",
            )

    def named_lists(self) -> None:
        for base, keys in _NAMED_LISTS:
            seen: dict[tuple[str, ...], Path_] = {}
            for path, item in self.items(*base):
                parts = [item.get(key) for key in keys]
                if not all(isinstance(part, str) for part in parts):
                    continue
                name = tuple(str(part) for part in parts)
                if name in seen:
                    self.add(
                        "warning",
                        (*path, keys[-1]),
                        f"{quoted(' × '.join(name))} is listed twice (also {field_path(seen[name])}); decks and diffs tell items apart by name",
                    )
                else:
                    seen[name] = path

    def hint(self, value: str, known: list[str]) -> str:
        """What the plan has instead of an unknown value: the closest (for the first few mistakes only, so that a plan
        of thousands of them stays linear), else the first few, or that there is none."""
        self._hinted += 1
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6) if self._hinted <= _HINTED else []
        if close:
            return f"; did you mean {close[0]!r}?"
        if known:
            return f"; known: {', '.join(known[:12])}{', …' if len(known) > 12 else ''}"
        return "; there is none yet"

    def references_within(self) -> None:
        """Values that name an item of another list the plan does not have (a cell's unit, a key figure's source)."""
        for key, ref in _REFERENCES:
            known = [str(item.get(ref.key)) for _, item in self.items(*ref.target) if item.get(ref.key) is not None]
            named, target = set(known), ".".join(ref.target)
            for path, item in self.items(key, *ref.path):
                value = item.get(ref.field)
                if isinstance(value, str) and value not in named:
                    self.add(
                        "error",
                        (*path, ref.field),
                        f"{quoted(value)} is no {ref.key} in {target}{self.hint(value, known)}",
                    )

    def needs(self) -> None:
        """Fields an item leaves empty that its other values call for (a cell a competitor holds names it)."""
        for key, need in _NEEDS:
            field_, value = need.when
            for path, item in self.items(key, *need.path):
                if item.get(field_) == value and item.get(need.field) in (None, ""):
                    self.add("warning", path, f"{field_} is {value}: give {need.field} too")

    def citations(self, markdown: list[tuple[Path_, Path]]) -> None:
        """`[^id]` in Markdown text that names no entry of the plan's sources, at the citation's own line."""
        known = [str(s.get("id")) for _, s in self.items("sources") if s.get("id") is not None]
        named = set(known)
        for path, _ in markdown:
            text = self.get(*path)
            if not isinstance(text, str) or "[^" not in text:
                continue
            for match in _FOOTNOTE.finditer(text):
                if match.group(1) in named:
                    continue
                line = text.count("\n", 0, match.start())  # 0-based, as where_in_text counts
                col = match.start() - (text.rfind("\n", 0, match.start()) + 1)
                self.findings.append(
                    Finding(
                        self.doc.where_in_text(path, line, col),
                        "error",
                        field_path(path),
                        f"{quoted(match.group(0))} cites no entry of sources{self.hint(match.group(1), known)}",
                    )
                )

    def source_files(self) -> None:
        """Files the sources name: inside the plans repo (an error otherwise), and there (a warning: it may come later).
        Only looked for, never read: a cited file is the reader's, not the deck's."""
        for path, source in self.items("sources"):
            ref = source.get("file")
            if not isinstance(ref, str):
                continue
            try:
                resolve_ref(ref, self.doc.file.parent, self.doc.repo)
            except FileMissing as exc:
                self.add("warning", (*path, "file"), str(exc))
            except FileRefused as exc:
                self.add("error", (*path, "file"), str(exc))

    def sourced(self, programme: Programme) -> None:
        """With `require_sources: true` in kamdoc.yaml: every key figure names where it comes from."""
        if not programme.require_sources:
            return
        for path, kpi in self.items("profile", "kpis"):
            if kpi.get("source") is None:
                self.add(
                    "error",
                    path,
                    "names no source, and kamdoc.yaml says require_sources: true; add source: with the id of an "
                    "entry in sources",
                )

    # --- files and links ------------------------------------------------------------

    def image(self, named: Named, base: Path) -> None:
        """Check the image named at `named` (relative to `base`), and keep it when it passes; FileRefused when it does not.
        A plan read from a commit has its images read from that commit too."""
        if self.doc.from_git:
            image = self.image_from_git(named[1], base)
        else:
            image = check_image(named[1], base, self.doc.repo, self._files)
        self._files[image.path] = image
        self.checked[named] = image

    def image_from_git(self, ref: str, base: Path) -> Image:
        """An image a committed plan names, as that commit held it, inside the repository."""
        import posixpath

        folder = base.relative_to(self.doc.repo).as_posix()
        target = posixpath.normpath(posixpath.join(folder, ref))
        if ref.startswith("/") or target == ".." or target.startswith("../") or "://" in ref or "\\" in ref:
            raise FileRefused(f"{quoted(ref)} is not a file inside the plans repo")
        try:
            data = self.doc.snapshot.read(target)
        except (FileNotFoundError, KamdocError):
            raise FileRefused(f"{quoted(ref)} does not exist in that revision") from None
        return image_of(ref, self.doc.repo / target, data)

    def logo(self) -> None:
        logo = self.get(*LOGO)
        if isinstance(logo, str):
            try:
                self.image((LOGO, logo), self.doc.file.parent)
            except FileRefused as exc:
                self.add("error", LOGO, str(exc))

    def website(self) -> None:
        site = self.get("profile", "website")
        if isinstance(site, str):
            scheme = _SCHEME.match(site)
            if scheme and scheme.group(1).lower() not in ("http", "https"):
                self.add(
                    "error", ("profile", "website"), f"{quoted(site)} is not a web address: use http:// or https://"
                )

    def images(self, markdown: list[tuple[Path_, Path]]) -> None:
        for path, base in markdown:
            text = self.get(*path)
            if not isinstance(text, str):
                continue
            for src, line, col in markdown_images(text):
                try:
                    self.image((path, src), base)
                except FileRefused as exc:
                    self.findings.append(
                        Finding(self.doc.where_in_text(path, line, col), "error", field_path(path), f"image {exc}")
                    )

    def nesting(self, markdown: list[tuple[Path_, Path]]) -> None:
        """Text nested deeper than the Markdown parser goes: shown flattened, and said so (it once vanished without a word)."""
        for path, _ in markdown:
            text = self.get(*path)
            lost = unshown_lines(text) if isinstance(text, str) else []
            if lost:
                self.findings.append(
                    Finding(
                        self.doc.where_in_text(path, lost[0][0], 0),
                        "warning",
                        field_path(path),
                        f"lists or quotes nest deeper than {MAX_NESTING} levels here; from this line on the "
                        "deck shows the text flattened: nest less",
                    )
                )

    def placeholders(self) -> None:
        """Texts still starting with TODO, in the plan's order."""
        for path, value in texts_in(self.data):
            if value.lstrip().startswith("TODO"):
                self.add("warning", path, f"still holds the placeholder {quoted(value.strip(), 60)}; fill it in")


def _managers_above(ids: dict[str, Path_], boss: dict[str, str]) -> dict[str, int | None]:
    """How many managers stand above each person (None in a reporting cycle or under one): each person walked once, no recursion."""
    above: dict[str, int | None] = {}
    for start in ids:
        chain: list[str] = []
        on_chain: set[str] = set()
        person = start
        while person not in above and person in boss and person not in on_chain:
            on_chain.add(person)
            chain.append(person)
            person = boss[person]
        if person in above:
            level = above[person]
        elif person in on_chain:  # back on this chain: a cycle (said by `cycles`), and no one on it has a top
            level = None
        else:  # the top: reports to no one in the power map
            level = above[person] = 0
        for below in reversed(chain):
            level = None if level is None else level + 1
            above[below] = level
    return above


def _years(n: int) -> str:
    return f"{n} year" if abs(n) == 1 else f"{n} years"


def check(
    data: dict[str, Any], doc: Document, today: date, markdown: list[tuple[Path_, Path]], programme: Programme = DEFAULT
) -> tuple[list[Finding], dict[Named, Image]]:
    """Every rule of the standard beyond types and closed lists, as findings; the assessment against the repo's criteria.

    Also the images that passed their checks, by where the plan names them: the decks draw these, and read no file again.
    """
    checker = _Checker(data, doc, today)
    version = checker.get("cover", "version")
    version = version if isinstance(version, date) else None
    ids = checker.person_ids()
    checker.references(ids)
    checker.team_references(ids)
    boss = checker.bosses(ids)
    checker.cycles(ids, boss)
    checker.sizes()
    checker.depth(ids, boss)
    checker.links()
    checker.decision_maker()
    checker.goals(version)
    checker.dates(version)
    checker.owners()
    checker.financials()
    checker.currency()
    checker.named_lists()
    checker.references_within()
    checker.needs()
    checker.citations(markdown)
    checker.sourced(programme)
    checker.logo()
    checker.images(markdown)
    if not doc.from_git:  # a commit's files are not checked out: its sources' files were checked when committed
        checker.source_files()
    checker.nesting(markdown)
    checker.website()
    checker.placeholders()
    checker.assessment(programme)
    return checker.findings, checker.checked
