"""`kamdoc build`: every plan rendered into OUT, in parallel, only when its inputs changed, with a manifest."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamdoc import __version__
from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.limits import MAX_INPUT_BYTES, MAX_MANIFEST_BYTES, MAX_THEME_FILES
from kamdoc.load.discover import find_plans, plan_slug, shown_path
from kamdoc.load.document import find_repo, inside
from kamdoc.load.settings import programmes_for
from kamdoc.pipeline.listener import SILENT, Listener
from kamdoc.pipeline.recipe import digest, package_digest, programme_digest
from kamdoc.pipeline.render import (
    clean_leftovers,
    document_date,
    output_error,
    render_formats,
    same_decks,
    usable_formats,
    write_atomically,
)
from kamdoc.standard.programme import DEFAULT, Programme

if TYPE_CHECKING:
    from kamdoc.findings import Finding
    from kamdoc.theme.settings import Theme
    from kamdoc.validate.plan import Result

MANIFEST = "manifest.json"


@dataclass
class Built:
    """What building one plan did."""

    plan: str
    slug: str
    status: str  # built, unchanged, failed
    inputs: dict[str, str] = field(default_factory=dict)  # file -> sha256
    key: str = ""  # hash of everything the outputs depend on
    outputs: dict[str, str] = field(default_factory=dict)  # file -> sha256
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """`I/N` (1-based) as (I, N)."""
    if not value:
        return None
    try:
        index, total = (int(part) for part in value.split("/", 1))
    except ValueError:
        raise CommandLineError(f"--shard takes I/N, such as 1/4 (got {value!r})") from None
    if not 1 <= index <= total:
        raise CommandLineError(f"--shard {value}: I must be between 1 and N")
    return index, total


def in_shard(slug: str, shard: tuple[int, int] | None) -> bool:
    """Whether a plan belongs to this shard: by a hash of its slug, so that adding plans moves no others."""
    if shard is None:
        return True
    index, total = shard
    return int(hashlib.sha256(slug.encode()).hexdigest(), 16) % total == index - 1


def _sha256(path: Path) -> str:
    """The hash of a regular file read with a cap: a manifest from a cache may name a FIFO or a huge file."""
    from kamdoc.load.files import FileRefused, read_capped

    try:
        return hashlib.sha256(read_capped(path, MAX_INPUT_BYTES, str(path))).hexdigest()
    except FileRefused as exc:
        raise OSError(str(exc)) from None


def _theme_files(theme_dir: Path | None) -> list[tuple[str, Path]]:
    """The theme's files, each with its name in the theme: a file read by its name matters by its name too."""
    from kamdoc.theme.settings import load_theme

    theme = load_theme(theme_dir)
    files: list[tuple[str, Path]] = []
    for place, folder in enumerate(theme.folders):  # the place: a file in the user's folder overrides the default's
        # Links to folders are not followed, and a theme is a handful of files: a folder named by mistake
        # (or by a stranger), such as /, is refused instead of hashed.
        for here, folders, names in os.walk(folder):
            folders[:] = sorted(f for f in folders if f != ".git")
            files += [
                (f"{place}/{(Path(here) / name).relative_to(folder).as_posix()}", Path(here) / name)
                for name in sorted(names)
                if (Path(here) / name).is_file()
            ]
            if len(files) > MAX_THEME_FILES:
                raise KamdocError(
                    f"the theme folder {folder} holds more than {MAX_THEME_FILES} files; a theme holds templates, theme.yaml and fonts"
                )
    return files + [("font/regular", theme.font_file("regular")), ("font/bold", theme.font_file("bold"))]


def theme_digest(theme_dir: Path | None) -> str:
    """The hash of the theme's files, names and contents."""
    try:
        return digest([[name, _sha256(path)] for name, path in _theme_files(theme_dir)])
    except OSError as exc:
        raise KamdocError(f"cannot read the theme: {exc}") from None


def run_recipe(formats: tuple[str, ...], audience: str, theme_dir: Path | None) -> str:
    """The hash of what every deck of this build is made with besides its plan: kamdoc's own files and the options.

    `kamdoc build` takes no company template and no language (a deck speaks its plan's language, read from the
    plan), so neither is here; an option that changes the decks belongs here as one more entry. The day (--today)
    is not either: a plan's deck does not show it (build draws no changes slide, and the document date is the
    plan's version); only the review warning among the manifest's findings does, and keying the day would build
    every deck again each day. SOURCE_DATE_EPOCH, when set, is the document date written into the decks.
    """
    return digest(
        {
            "kamdoc": package_digest(),
            "theme": theme_digest(theme_dir),
            "formats": list(formats),
            "audience": audience,
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        }
    )


def plan_recipes(plans: list[Path], run: str, programmes: dict[Path, Programme]) -> dict[Path, str]:
    """Each plan's recipe: this build's, and the programme settings of the repo the plan is in (they decide its findings)."""
    settings = {repo: programme_digest(programme) for repo, programme in programmes.items()}
    return {plan: digest([run, settings[find_repo(plan).absolute()]]) for plan in plans}


def _inputs(doc: Any) -> list[Path]:
    """The files a plan's decks are made from: the plan, the Markdown it pulls in, its logo."""
    files = {doc.file.resolve()}
    files |= {file.resolve() for file in doc.files() if file.resolve() != doc.file.resolve()}
    logo = (
        doc.data.get("cover", {}).get("logo")
        if isinstance(doc.data, dict) and isinstance(doc.data.get("cover"), dict)
        else None
    )
    if isinstance(logo, str):
        candidate = (doc.file.parent / logo).resolve()
        if candidate.is_file():
            files.add(candidate)
    return sorted(files)


SECRET_VARIABLE = "KAMDOC_BUILD_SECRET"
"""An environment variable whose value, when set, seals each manifest entry so that a cache no one else can seal is trusted."""


def seal(entry: dict[str, Any]) -> str:
    """The entry's seal: an HMAC of its key and outputs under the secret, or "" without one."""
    import hmac

    secret = os.environ.get(SECRET_VARIABLE, "")
    if not secret:
        return ""
    message = json.dumps([entry.get("key"), sorted(entry.get("outputs", {}).items())]).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _sealed(entry: dict[str, Any]) -> bool:
    """Whether a previous entry may be trusted: always without a secret, else only with the right seal.

    Without a secret, the decks of a poisoned cache that also wrote a matching manifest would be kept;
    with one (a CI secret that pull requests from forks do not get), a planted deck is built again.
    """
    import hmac

    expected = seal(entry)
    return not expected or hmac.compare_digest(expected, str(entry.get("seal", "")))


def _key(recipe: str, inputs: dict[str, str]) -> str:
    """The hash of everything a plan's decks depend on: its recipe (see `plan_recipes`) and its own files."""
    return digest([recipe, sorted(inputs.items())])


def up_to_date(
    plan_file: Path, out: Path, formats: tuple[str, ...], recipe: str, previous: dict[str, Any] | None
) -> Built | None:
    """The previous build of a plan, when none of its inputs and outputs changed since; else None.

    Only hashes files: the inputs recorded last time (plan, Markdown, logo) decide, and the plan file is
    one of them, so a plan that now pulls in other files has changed itself. The manifest may come from a
    CI cache anyone could have written to, so a recorded input outside the plans repo is never read: the
    plan is built again instead.
    """
    if not previous or not _sealed(previous):
        return None
    repo = find_repo(plan_file)
    if not all(isinstance(name, str) and inside(Path(name), repo) for name in previous["inputs"]):
        return None
    try:
        inputs = {name: _sha256(Path(name)) for name in previous["inputs"]}
        if shown_path(plan_file) not in inputs or _key(recipe, inputs) != previous["key"]:
            return None
        targets = [out / f"{plan_slug(plan_file)}.{fmt}" for fmt in formats]
        if any(previous["outputs"].get(shown_path(t)) != _sha256(t) for t in targets):
            return None
    except OSError:
        return None
    return Built(
        shown_path(plan_file),
        plan_slug(plan_file),
        "unchanged",
        inputs,
        previous["key"],
        dict(previous["outputs"]),
        list(previous["findings"]),
    )


def build_one(
    plan_file: Path,
    out: Path,
    formats: tuple[str, ...],
    audience: str,
    theme_dir: Path | None,
    today: date,
    recipe: str,
    processes: int = 1,
    collect: bool = True,
    programme: Programme = DEFAULT,
) -> Built:
    """Validate and render one plan that `up_to_date` did not settle. Never raises for a plan's own problems."""
    from kamdoc.pipeline.glyphs import covered, lacking_glyphs
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_safely

    start = time.perf_counter()
    slug = plan_slug(plan_file)
    built = Built(shown_path(plan_file), slug, "failed")
    rendering = False
    try:
        result = validate_safely(plan_file, today, programme)
        theme = (
            load_theme(theme_dir) if result.plan is not None and result.doc is not None and not result.errors else None
        )
        if theme is not None and result.plan is not None and result.doc is not None:
            result.findings += lacking_glyphs(result.plan, result.doc, covered(theme))
        built.findings = [_finding(f) for f in result.findings]
        if theme is None or result.plan is None or result.doc is None:
            built.error = f"{len(result.errors)} validation error{'s' if len(result.errors) != 1 else ''}"
            return built
        built.inputs = {shown_path(p): _sha256(p) for p in _inputs(result.doc)}
        built.key = _key(recipe, built.inputs)
        rendering = True
        built.outputs = _written(result, theme, out / slug, formats, audience, processes, programme)
        built.status = "built"
    except KamdocError as exc:
        built.error = exc.message
    except OSError as exc:  # the output folder is read-only or full: this plan failed, the others go on
        built.error = f"cannot write its decks: {exc.strerror or exc}"
        built.outputs = {}
    except Exception as exc:  # a bug in kamdoc: this plan failed and says where, the others go on
        built.error = f"kamdoc failed on this plan ({type(exc).__name__}: {str(exc)[:200]}); this is a bug in kamdoc: please report it"
        built.outputs = {}
    finally:
        # The command line collects cycles rarely (faster for one deck); a worker rendering plan after plan
        # would pile up every deck's cyclic layout garbage, so it is freed after each plan.
        if rendering and collect:
            gc.collect()
        built.seconds = round(time.perf_counter() - start, 3)
    return built


def _finding(f: Finding) -> dict[str, Any]:
    """A finding as the manifest keeps it."""
    at = f.pos
    return {
        "file": shown_path(at.file),
        "line": at.line,
        "column": at.col,
        "severity": f.severity,
        "field": f.field,
        "message": f.message,
    }


def _written(
    result: Result,
    theme: Theme,
    stem: Path,
    formats: tuple[str, ...],
    audience: str,
    processes: int,
    programme: Programme,
) -> dict[str, str]:
    """Render a valid plan's decks to `stem`.<format>, each written whole or not at all: their paths and checksums."""
    from kamdoc.outline.plan_deck import build_outline

    assert result.plan is not None and result.doc is not None
    copy = programme.audiences.customer
    deck = build_outline(result.plan, result.doc, theme, audience, images=result.images, copy=copy, programme=programme)
    created = document_date(result.plan.cover.version)
    outputs = {}
    for fmt, data in render_formats(deck, formats, theme, created, processes=processes).items():
        target = stem.with_name(f"{stem.name}.{fmt}")
        write_atomically(target, data)
        outputs[shown_path(target)] = hashlib.sha256(data).hexdigest()
    return outputs


def read_manifest(folder: Path) -> Any:
    """The manifest.json in `folder` as JSON data, read with a cap (FileRefused, ValueError or RecursionError when it is no JSON file)."""
    from kamdoc.load.files import read_capped

    return json.loads(read_capped(folder / MANIFEST, MAX_MANIFEST_BYTES, MANIFEST))


def _load_manifest(out: Path) -> dict[str, Any]:
    """The previous build's entries by plan, if its manifest has the shape kamdoc writes; else none (all is built again).

    It may come from a CI cache that anyone's pull request could have filled, so it is read with a cap and
    checked field by field before any of it is used.
    """
    from kamdoc.load.files import FileRefused

    try:
        data = read_manifest(out)
    except (FileRefused, ValueError, RecursionError):
        return {}
    entries = data.get("plans") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {entry["plan"]: entry for entry in entries if _well_formed(entry)}


_HEX64 = frozenset("0123456789abcdef")


def _well_formed(entry: Any) -> bool:
    """Whether a manifest entry has exactly the shape `build` writes: texts where texts go, hashes that are hashes."""

    def sha(value: Any) -> bool:
        return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX64

    def files(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(k, str) and len(k) < 4096 and sha(v) for k, v in value.items()
        )

    return (
        isinstance(entry, dict)
        and isinstance(entry.get("plan"), str)
        and isinstance(entry.get("slug"), str)
        and sha(entry.get("key"))
        and files(entry.get("inputs"))
        and files(entry.get("outputs"))
        and isinstance(entry.get("findings"), list)
        and all(_finding_shape(f) for f in entry["findings"])
    )


def _finding_shape(finding: Any) -> bool:
    return (
        isinstance(finding, dict)
        and all(isinstance(finding.get(k), str) for k in ("file", "severity", "field", "message"))
        and all(isinstance(finding.get(k), int) and not isinstance(finding.get(k), bool) for k in ("line", "column"))
    )


def build(
    paths: list[Path],
    out: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    shard: tuple[int, int] | None,
    audience: str,
    theme_dir: Path | None,
    today: date,
    say: Listener = SILENT,
) -> int:
    """Build the plans under `paths`; returns the exit code (1 when any plan failed)."""
    plans = [p for p in find_plans(paths) if in_shard(plan_slug(p), shard)]
    if not plans and shard is None:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
    formats, lacking = usable_formats(formats, say)
    clean_leftovers(out)
    programmes = programmes_for(plans)
    # Hashed once here, never in the workers: they get each plan's recipe with its arguments.
    recipes = plan_recipes(plans, run_recipe(formats, audience, theme_dir), programmes)
    started = time.perf_counter()
    job = _Job(out, formats, audience, theme_dir, today, recipes, say)
    results, stale = job.settle(plans)
    results += job.run(stale, max(1, min(jobs or os.cpu_count() or 1, len(plans) or 1)), programmes)
    results.sort(key=lambda b: b.plan)
    _write_manifest(out, formats, audience, results)
    _summarise(results, time.perf_counter() - started, say)
    return 1 if any(b.status == "failed" for b in results) or lacking else 0


@dataclass
class _Job:
    """One build's settings, and how it tells what it did."""

    out: Path
    formats: tuple[str, ...]
    audience: str
    theme_dir: Path | None
    today: date
    recipes: dict[Path, str]  # plan -> the hash of what its decks are made with besides its own files
    say: Listener

    def report(self, built: Built) -> None:
        if not self.say.interactive:  # a log gets a line per plan; a terminal, the progress bar
            detail = f" ({built.error})" if built.error else ""
            self.say.err(f"{built.status:9} {built.plan}{detail} {built.seconds:.2f}s")

    def settle(self, plans: list[Path]) -> tuple[list[Built], list[Path]]:
        """Plans settled by hashing alone (unchanged) or by their names clashing (failed), and the plans left to build."""
        previous = _load_manifest(self.out)
        clashes = same_decks(plans)
        settled: list[Built] = []
        stale: list[Path] = []
        for plan in plans:
            done = (
                Built(shown_path(plan), plan_slug(plan), "failed", error=clashes[plan])
                if plan in clashes
                else up_to_date(plan, self.out, self.formats, self.recipes[plan], previous.get(shown_path(plan)))
            )
            if done is None:
                stale.append(plan)
            else:
                settled.append(done)
                self.report(done)
        return settled, stale

    def run(self, stale: list[Path], workers: int, programmes: dict[Path, Programme]) -> list[Built]:
        """Build the stale plans: here one after another, or in worker processes."""
        processes = (
            2 if workers > len(stale) else 1
        )  # with fewer plans than cores, each PDF is laid out in two processes
        args = {
            plan: (
                plan,
                self.out,
                self.formats,
                self.audience,
                self.theme_dir,
                self.today,
                self.recipes[plan],
                processes,
            )
            for plan in stale
        }
        programme_of = {plan: programmes[find_repo(plan).absolute()] for plan in stale}
        results: list[Built] = []
        with self.say.bar(len(stale), "building") as bar:
            if workers == 1 or len(stale) <= 1:
                for number, plan in enumerate(stale, 1):
                    results.append(build_one(*args[plan], collect=number < len(stale), programme=programme_of[plan]))
                    self.report(results[-1])
                    bar.update(1)
                return results
            from concurrent.futures.process import BrokenProcessPool

            from kamdoc.workers import die_with_parent

            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
                futures = {pool.submit(build_one, *args[plan], programme=programme_of[plan]): plan for plan in stale}
                for future in as_completed(futures):
                    try:
                        results.append(future.result())
                    except BrokenProcessPool:  # a worker died (killed, out of memory): its plans failed, not the run
                        plan = futures[future]
                        results.append(
                            Built(
                                shown_path(plan),
                                plan_slug(plan),
                                "failed",
                                error="its worker process died (out of memory, or killed)",
                            )
                        )
                    self.report(results[-1])
                    bar.update(1)
        return results


def _write_manifest(out: Path, formats: tuple[str, ...], audience: str, results: list[Built]) -> None:
    """manifest.json for what this build did; timings stay out of it, so two builds of the same plans give the same file."""
    entries = [{k: v for k, v in asdict(b).items() if k not in ("seconds", "status")} for b in results]
    for entry in entries:
        if seal(entry):
            entry["seal"] = seal(entry)
    save_manifest(out, formats, audience, entries)


def save_manifest(out: Path, formats: tuple[str, ...], audience: str, entries: list[dict[str, Any]]) -> None:
    """Write OUT/manifest.json with these entries, whole or not at all, in the one layout every build writes."""
    manifest = {"kamdoc": __version__, "formats": list(formats), "audience": audience, "plans": entries}
    try:
        write_atomically(out / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        raise output_error(out / MANIFEST, exc) from None


def _summarise(results: list[Built], seconds: float, say: Listener) -> None:
    counts = {s: sum(1 for b in results if b.status == s) for s in ("built", "unchanged", "failed")}
    say.err(
        f"{len(results)} plan{'' if len(results) == 1 else 's'} in {seconds:.1f}s: {counts['built']} built, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed"
    )
    for b in results:
        if b.status != "failed":
            continue
        say.err(f"  failed: {b.plan}: {b.error}")
        for f in b.findings:
            if f["severity"] == "error":
                say.err(f"    {f['file']}:{f['line']}:{f['column']}: {f['field']}: {f['message']}")
