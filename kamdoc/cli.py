"""The command line: a thin Click layer whose commands call plain functions."""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from kamdoc import __version__
from kamdoc.errors import CallerError, CommandLineError

_DATE = click.DateTime(formats=["%Y-%m-%d"])


class _Configured(click.Command):
    """A command whose options left at their default take kamdoc.yaml's settings, read only when it runs (never for --help)."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command with kamdoc.yaml's settings for the options neither the command line nor the environment gave."""
        ctx.params.update(_configured(ctx, self))
        return super().invoke(ctx)


class _Commands(click.Group):
    """kamdoc's commands, each taking kamdoc.yaml's settings when it runs."""

    command_class = _Configured


def _configured(ctx: click.Context, command: click.Command) -> dict[str, Any]:
    """The values kamdoc.yaml gives the options this run left at their default (kamdoc.yaml is read only if there are any)."""
    from kamdoc.load.config_file import SETTINGS

    name = str(ctx.info_name)
    settable = {commands[name] for _, commands in SETTINGS.values() if name in commands}
    left = {param for param in settable if ctx.get_parameter_source(param) is ParameterSource.DEFAULT}
    if not left:
        return {}
    config, settings = _settings(ctx)
    if config is None:
        return {}
    from kamdoc.load.settings import default_map  # the model that checks kamdoc.yaml: only when there is one

    defaults = default_map(config, settings).get(name, {})
    params = {param.name: param for param in command.params}
    return {key: params[key].type_cast_value(ctx, value) for key, value in defaults.items() if key in left}


def _settings(ctx: click.Context) -> tuple[Path | None, dict[str, Any]]:
    """The kamdoc.yaml above the working folder and its checked settings, read once a run (KamdocError: a broken one)."""
    if "kamdoc.settings" not in ctx.meta:
        from kamdoc.load.config_file import find_config

        config = find_config(Path.cwd())
        settings: dict[str, Any] = {}
        if config is not None:  # the model that checks kamdoc.yaml: only when there is one
            from kamdoc.load.settings import load_config

            settings = load_config(config)
        ctx.meta["kamdoc.settings"] = (config, settings)
    found: tuple[Path | None, dict[str, Any]] = ctx.meta["kamdoc.settings"]
    return found


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100, "auto_envvar_prefix": "KAMDOC"},
)
@click.version_option(__version__, "--version", "-V", prog_name="kamdoc", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """kamdoc: key account plans as code.

    Keep each key account plan as YAML and Markdown in git, check it against the
    open plan standard (format 1), and render it into decks.

    \b
    Set up:    kamdoc init sales-plans
    Start:     kamdoc new acme --account "ACME Industrial Group"
    Check:     kamdoc validate plans/
    Render:    kamdoc render plans/
    Editors:   kamdoc schema > plans/kap.schema.json

    Settings: kamdoc.yaml at the repository's root (plans, language, theme,
    out, formats, audience) gives defaults; command-line options override it,
    and so do environment variables KAMDOC_<COMMAND>_<OPTION> (for example
    KAMDOC_BUILD_OUT=dist). Shell completion: eval "$(_KAMDOC_COMPLETE=bash_source kamdoc)".
    """
    # A run builds many short-lived objects and few cycles: collecting less often saves a tenth of the time.
    gc.set_threshold(50_000, 50, 100)
    # kamdoc.yaml is not read here but by the commands that use it, when they run (_Configured, _plans_folder): a broken
    # one must not stop --help, nor commands that never use it (schema, init, template check).


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "gitlab"]),
    default="text",
    show_default=True,
    help="text: one line per finding; json: a document for programs; github: annotations for GitHub Actions; gitlab: a code-quality report for GitLab merge requests.",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
@click.option(
    "--language", type=click.Choice(["en", "de"]), help="The language of the messages (default: each plan's own)."
)
def validate(paths: tuple[Path, ...], strict: bool, fmt: str, today: datetime | None, language: str | None) -> None:
    """Check plans against the standard and report every problem at once.

    PATHS are plan folders (holding plan.yaml), plan .yaml files, or folders to
    search for plans; the default is plans/. Each finding names the file, line
    and column, the field and what is allowed:

    \b
      plans/acme/plan.yaml:42:9: error: power_map.people[3].roles[0]: 'boss' is not one of decision-maker, …

    Exit codes: 0 valid (warnings allowed), 1 errors (or warnings with --strict),
    2 wrong command line.
    """
    from kamdoc.commands.validate import validate_paths

    code = validate_paths(
        list(paths) or [_plans_folder()], fmt=fmt, strict=strict, today=_day(today), language=language
    )
    sys.exit(code)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
@click.option(
    "--markdown",
    is_flag=True,
    help="The standard as a Markdown reference for people (docs/standard.md) instead of the JSON Schema.",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="The language of the editors' help (descriptions and meanings); field names and values stay the standard's.",
)
def schema(output: Path | None, markdown: bool, language: str) -> None:
    """Print the JSON Schema (draft 2020-12) of plan format 1.

    Every field has a description, each closed list its values with their
    meaning, and examples: point the YAML language server at it for completion
    and hover. Plans name it in their first line:

    \b
      # yaml-language-server: $schema=../kap.schema.json

    With --markdown, the same standard as a reference to read: every section
    and field with its type and meaning, the closed lists and the limits.
    """
    from kamdoc.commands.schema import write_schema

    if markdown and language != "en":
        raise CommandLineError(
            "--markdown writes the reference in English (the standard's language); --language is for the JSON Schema"
        )
    write_schema(output, markdown, language)


@main.command()
@click.argument("slug")
@click.option("--account", metavar="NAME", help="The customer's name for the cover.")
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    default="en",
    help="The plan's language: guiding comments, deck labels, dates and numbers (default: kamdoc.yaml's language, else en).",
)
@click.option("--manager", metavar="NAME", help="The key account manager (default: git's user.name).")
@click.option(
    "--plans-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("plans"),
    show_default=True,
    help="The folder that holds the plan folders.",
)
def new(slug: str, account: str | None, language: str, manager: str | None, plans_dir: Path) -> None:
    """Start a plan: write PLANS_DIR/SLUG/plan.yaml with every section and guiding comments.

    The new plan is valid as it is (its TODO placeholders are warnings), and a
    plan that exists already is never overwritten. SLUG names the plan folder:
    lower-case letters, digits, - and _.
    """
    from kamdoc.commands.scaffold import new_plan

    target = new_plan(slug, plans_dir, language, date.today(), account=account, manager=manager)
    if language == "de":
        click.echo(f"geschrieben: {target}")
        click.echo(f"weiter: die TODOs ausfüllen, dann `kamdoc validate {target.parent}`")
    else:
        click.echo(f"wrote {target}")
        click.echo(f"next: fill in the TODOs, then run `kamdoc validate {target.parent}`")


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="The language of the example plan and of new plans.",
)
@click.option(
    "--branch",
    help="The branch whose pushes build the decks (default: the repository's current branch, else git's init.defaultBranch, else main).",
)
@click.option(
    "--kamdoc-repo",
    metavar="URL",
    help="kamdoc's git repository (any git URL: GitHub, GitLab, an internal mirror), which CI and the hooks install from (default: where this kamdoc was installed from, else the official one).",
)
@click.option(
    "--kamdoc-rev",
    metavar="COMMIT",
    help="The commit of kamdoc that CI and the hooks use (default: the installed one's, when it was installed from a git URL or a clone with a remote). A tag or branch is no pin: a placeholder is written that CI stops at.",
)
@click.option(
    "--hooks",
    type=click.Choice(["remote", "local"]),
    help="remote: the pre-commit hook from kamdoc's repository at the pinned commit; local: a `repo: local` hook that runs the kamdoc installed here (works offline). Default: remote once kamdoc is pinned, local until then.",
)
@click.option(
    "--shards",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="How many parallel jobs CI builds the decks in (written to kamdoc.yaml, the GitHub matrix and GitLab's parallel:).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace kamdoc's own files (kamdoc.yaml, the workflow, the schema) where they differ; the team's files are never replaced.",
)
@click.option(
    "--no-example",
    is_flag=True,
    help="Leave out the example plan (a complete plan in the chosen language, in plans/example/).",
)
@click.option(
    "--review",
    is_flag=True,
    help="Approvals through pull requests: CODEOWNERS from kamdoc.yaml's owners and approvers, a check that a plan set to approved has an approver's approval, and a tag plans/<slug>@<version> after the merge.",
)
def init(
    folder: Path,
    language: str,
    branch: str | None,
    kamdoc_repo: str | None,
    kamdoc_rev: str | None,
    hooks: str | None,
    shards: int,
    force: bool,
    no_example: bool,
    review: bool,
) -> None:
    """Set up a plans repository in FOLDER (default: here), ready in five minutes.

    \b
    Writes kamdoc.yaml, plans/ with an example plan and the JSON Schema,
    .github/workflows/kamdoc.yml and .gitlab-ci.yml (validate and comment the
    changes on pull requests, build the decks on merge), .pre-commit-config.yaml,
    .gitattributes (git diff driver), .gitignore, .vscode/ (schema for plan files)
    and a README. In a repository that has files of its own, kamdoc adds its
    lines to .gitignore, .gitattributes, .pre-commit-config.yaml and .vscode/,
    keeps an existing README, and puts its GitLab pipeline beside the team's to
    include. kamdoc's own files (kamdoc.yaml, the workflow, the schema, and
    every file whose first lines say "Written by `kamdoc init`") are replaced
    only with --force; without it, differing ones are listed and nothing is
    written. Run again with --kamdoc-rev COMMIT --force to pin kamdoc: the
    commit goes wherever PIN-A-KAMDOC-COMMIT stood. An example plan is added
    only when plans/ holds none.
    """
    from kamdoc.commands.starter import default_branch, init_repo, set_up_textconv, source, unpinned_warning

    kamdoc = source(kamdoc_repo, kamdoc_rev, folder)
    branch = branch or default_branch(folder)
    today = date.today()
    written, notes = init_repo(folder, kamdoc, language, branch, force, today, hooks, shards, not no_example, review)
    for note in notes:
        click.echo(f"note: {note}")
    if not kamdoc.pinned:
        click.echo(unpinned_warning(kamdoc), err=True)
    if not written:
        click.echo(f"{folder} is set up already: nothing to write")
        return
    for path in written:
        click.echo(f"wrote {path}")
    _next_steps(folder, set_up_textconv(folder))


def _next_steps(folder: Path, textconv: str) -> None:
    """What to run after `kamdoc init`: the first commit, git's diff driver where init could not set it, the hooks."""
    place = "" if folder == Path(".") else f"cd {folder} && "
    click.echo("next:")
    if textconv.startswith("git config"):
        click.echo(f"  {place}git init -q && git add . && git commit -qm 'Start key account plans'")
        click.echo(f"  {textconv}")
    else:
        click.echo(f"  {textconv}")
        click.echo(f"  {place}git add . && git commit -qm 'Start key account plans'")
    click.echo("  pip install pre-commit && pre-commit install")


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--to",
    "formats",
    default="pptx",
    show_default=True,
    metavar="pptx|pdf|html|…",
    help="The formats to write, with commas (pptx,pdf,html); the outline is built once for all.",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/a-3u", "pdf/ua-1"]),
    help="Write the PDF as PDF/A-3u (archiving) or PDF/UA-1 (accessibility).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder the decks are written to, as OUT/<slug>.pptx and OUT/<slug>.pdf.",
)
@click.option(
    "--theme",
    "theme_name",
    metavar="NAME|DIR",
    help="A theme: the name of one in templates/, or a folder whose files override the default theme's one at a time.",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A company PowerPoint file whose master the slides use.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "customer"]),
    default="internal",
    show_default=True,
    help="customer leaves out what must never reach the customer.",
)
@click.option(
    "--changes-since", metavar="REV", help="Add a slide after the agenda listing what changed since this git revision."
)
@click.option(
    "--history",
    type=click.IntRange(0, 8),
    default=0,
    help="Add a development slide of the plan's last N versions from git (our own copy only; kamdoc.yaml: history).",
)
@click.option(
    "--at",
    metavar="REV",
    default="",
    help="Render the plans as a tag or commit had them (plans/<slug>@<version> after an approval), with that revision's files and kamdoc.yaml.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes per deck: 2 or more lays out a PDF's two halves at once and imports the renderers while the plans "
    "are read (default: 2 on a machine with 2 cores or more).",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
def render(
    plans: tuple[Path, ...],
    formats: str,
    pdf_variant: str | None,
    out: Path,
    theme_name: str | None,
    template: Path | None,
    audience: str,
    changes_since: str | None,
    history: int,
    at: str,
    jobs: int | None,
    today: datetime | None,
) -> None:
    """Render plans into native, editable PowerPoint decks and PDF decks.

    PLANS are plan folders, plan files or folders of plans (default: plans/).
    Each deck is written to OUT/<slug>.pptx or .pdf completely or not at all,
    and its path printed. A plan with errors is not rendered: its findings are
    shown and the exit code is 1.
    """
    from kamdoc.commands.render import run_render

    if at and history:
        raise click.UsageError("--at renders a revision as it was; --history shows versions after it: use one of them")
    with _revision_errors():
        code = run_render(
            list(plans) or [_plans_folder()],
            out,
            formats,
            theme_name,
            template,
            audience,
            _day(today),
            pdf_variant,
            changes_since,
            jobs,
            history,
            at,
        )
    sys.exit(code)


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder the decks are written to.",
)
@click.option(
    "--to",
    "formats",
    default="pdf",
    show_default=True,
    metavar="pptx|pdf|html|…",
    help="The formats to write on every change.",
)
@click.option(
    "--theme",
    "theme_name",
    metavar="NAME|DIR",
    help="A theme: the name of one in templates/, or a folder (watched too).",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "customer"]),
    default="internal",
    show_default=True,
    help="customer leaves out what must never reach the customer.",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
def watch(
    plans: tuple[Path, ...], out: Path, formats: str, theme_name: str | None, audience: str, today: datetime | None
) -> None:
    """Render plans again whenever one of their files changes (Ctrl-C stops).

    For editing a plan with its PDF open in a viewer beside the editor: each
    save of the plan, its Markdown or its logo renders the deck again. Errors
    are shown and watching goes on.
    """
    from kamdoc.commands.render import run_watch

    sys.exit(run_watch(list(plans) or [_plans_folder()], out, formats, theme_name, audience, _day(today)))


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--port", type=click.IntRange(0, 65535), help="The port to listen on (default: 8765, or the next free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Only this machine can connect unless you give another (0.0.0.0 opens the preview to the network).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
@click.option(
    "--audience",
    type=click.Choice(["internal", "customer"]),
    default="internal",
    show_default=True,
    help="The audience the decks open with (the page switches).",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    help="The language of the page's words and messages (default: each plan's own); the deck speaks its plan's.",
)
@click.option(
    "--theme",
    "theme_name",
    metavar="NAME|DIR",
    help="A theme: the name of one in templates/, or a folder (followed too).",
)
def preview(
    plans: tuple[Path, ...],
    port: int | None,
    host: str,
    open_browser: bool,
    audience: str,
    language: str | None,
    theme_name: str | None,
) -> None:
    """Show the decks in the web browser, brought up to date on every save (Ctrl-C stops).

    PLANS is a plan (its deck is the start page) or a folder of plans (the start
    page lists each with its health and links to its deck); the default is plans/.
    The slides are the PDF's, laid out by the browser: each save of the plan, its
    Markdown, its logo or the theme updates the open page in place, on the slide
    you are on. A save with errors shows them over the last good slides, each with
    a link that opens its line in the editor (VS Code).

    The address printed carries a random token: other web pages and other users'
    programs on this machine cannot read the plans through it.
    """
    from kamdoc.commands.preview import run_preview

    sys.exit(run_preview(list(plans) or [_plans_folder()], host, port, audience, language, theme_name, open_browser))


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder for the decks and manifest.json.",
)
@click.option(
    "--to", "formats", default="pptx,pdf", show_default=True, metavar="pptx|pdf|html|…", help="The formats to write."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Plans rendered at once, each in its own process (default: all cores).",
)
@click.option("--shard", metavar="I/N", help="Build only a stable I-th of N parts of the plans (for CI matrices).")
@click.option(
    "--merge",
    "merge",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Join the output folders of shard builds into OUT instead of building (repeat for each shard).",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "customer"]),
    default="internal",
    show_default=True,
    help="customer leaves out what must never reach the customer.",
)
@click.option(
    "--theme",
    "theme_name",
    metavar="NAME|DIR",
    help="A theme: the name of one in templates/, or a folder overriding the default one file at a time.",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
def build_command(
    paths: tuple[Path, ...],
    out: Path,
    formats: str,
    jobs: int | None,
    shard: str | None,
    merge: tuple[Path, ...],
    audience: str,
    theme_name: str | None,
    today: datetime | None,
) -> None:
    """Validate and render every plan into OUT, in parallel, only where its inputs changed.

    Writes OUT/<slug>.pptx and .pdf and OUT/manifest.json (per plan: its source
    files, a hash of all inputs, the outputs with their sha256, the findings). A
    plan whose plan file, Markdown, logo, theme, settings and kamdoc's own files
    are unchanged is not rendered again. One failing plan does not stop the others: the exit
    code is 1 at the end and the summary says which failed and why.

    In CI, `--shard I/N` builds one part in each job of a matrix, and
    `--merge DIR…` joins their output folders (decks checked against their
    manifests' hashes) into one OUT with one manifest.
    """
    from kamdoc.commands.build import run_build

    if merge:
        if paths or shard:
            raise CommandLineError("--merge joins shard folders: give no PATHS and no --shard with it")
        from kamdoc.pipeline.merge import merge_builds

        sys.exit(merge_builds(list(merge), out))

    sys.exit(run_build(list(paths) or [_plans_folder()], out, formats, jobs, shard, audience, theme_name, _day(today)))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder the deck is written to, as OUT/portfolio.pptx and .pdf.",
)
@click.option(
    "--to", "formats", default="pptx,pdf", show_default=True, metavar="pptx|pdf|html|…", help="The deck's formats."
)
@click.option("--no-deck", is_flag=True, help="Print the table only; write no deck.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="How the table is printed.",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    help="The deck's language and the reasons' (default: the language most of the plans are written in for the deck, each plan's own for its reasons).",
)
@click.option(
    "--theme",
    "theme_name",
    metavar="NAME|DIR",
    help="A theme: the name of one in templates/, or a folder overriding the default one file at a time.",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date ages and deadlines are counted to (default: today)."
)
@click.option(
    "--since",
    metavar="DATE|REV",
    default="",
    help="Also list the movers since a day (YYYY-MM-DD) or revision: quadrant, partnership, health, planned revenue.",
)
def portfolio(
    paths: tuple[Path, ...],
    out: Path,
    formats: str,
    no_deck: bool,
    fmt: str,
    language: str | None,
    theme_name: str | None,
    today: datetime | None,
    since: str,
) -> None:
    """The key account portfolio: 80/20 ranking, portfolio matrix, partnerships, knock-outs and plan health.

    PATHS are plan folders, plan files or folders of plans (default: plans/).
    Revenue is each account's last actual year, converted to the reporting
    currency with the rates in kamdoc.yaml (`portfolio:`), where the
    selection criteria, knock-outs and review cadence are set too. Prints
    the table and writes the deck. Plans that do not validate are left out
    of the analysis (exit code 1) and shown red in the plan health. With
    --since, also the movers: accounts whose quadrant, partnership or health
    changed since a day or revision, and the largest changes of planned
    revenue, each with the commit that made it.
    """
    from kamdoc.commands.programme import run_portfolio
    from kamdoc.render.formats import parse_formats
    from kamdoc.theme.settings import theme_folder

    wanted = parse_formats(formats)
    theme_dir = theme_folder(theme_name) if theme_name else None
    folder = [_plans_folder()]
    with _revision_errors():
        code = run_portfolio(
            list(paths) or folder, out, wanted, fmt, _day(today), language, theme_dir, not no_deck, since
        )
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: a table; json: for programs; github: annotations for a workflow (red as errors, amber as warnings).",
)
@click.option(
    "--fail-on", type=click.Choice(["red", "amber"]), help="Exit with 1 when any plan is red (or amber or red)."
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    help="The language of the reasons (default: each plan's own; the table's headings in the one most plans are written in).",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date ages and deadlines are counted to (default: today)."
)
def health(
    paths: tuple[Path, ...], fmt: str, fail_on: str | None, language: str | None, today: datetime | None
) -> None:
    """Whether each plan is alive: red, amber or green, with the reasons.

    Looks at completeness, days since cover.version and since the last git
    commit touching the plan (against the review cadence in kamdoc.yaml),
    an overdue next_review, goals that are not SMART or whose deadline
    passed, milestones and actions past their date (with their owner),
    notice dates, high risks without mitigation, the decision-makers in the
    power map, and relationship coverage (kamdoc.yaml's `coverage:`). For a
    scheduled CI job: `kamdoc health --format github --fail-on red`.
    """
    from kamdoc.commands.programme import run_health

    sys.exit(run_health(list(paths) or [_plans_folder()], fmt, fail_on, _day(today), language))


@main.command(context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1, metavar="[REV_A [REV_B]] [PATH]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text: for a terminal (coloured unless piped or NO_COLOR is set); markdown: for a pull-request comment; json: for programs.",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit with 1 when any plan changed (0 otherwise), like git diff --exit-code."
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    help="The language of the report (default: each plan's changes in the plan's own, the rest in the one most plans are written in).",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
def diff(args: tuple[str, ...], fmt: str, exit_code: bool, language: str | None, today: datetime | None) -> None:
    """Show what changed in the plans between two git revisions.

    Without revisions: HEAD against the working tree. One revision: it
    against the working tree; `A...B` compares B with the merge base of A and
    B, as a pull request does; `A..B` and two revisions compare A with B.
    PATHs limit the plans compared (default: the plans folder, kamdoc.yaml's
    `plans`, or plans/; the whole repository when there is none).
    Lists are matched by identity (people and goals by id, products, KPIs,
    competitors and projects by name), so reordering is no change.

    Exit codes: 0 (or 1 with --exit-code when plans changed), 1 when a plan
    could not be compared (the others are shown), 2 for a wrong command line
    or revision.
    """
    from kamdoc.commands.diff import run_diff

    plans = _plans_folder()  # outside the try: a broken kamdoc.yaml is bad input (exit 1), not a wrong command line
    try:
        code = run_diff(list(args), fmt, exit_code, _day(today), plans, language)
    except click.ClickException as exc:  # errors of a diff are the caller's: wrong revision, no repository
        raise CallerError(exc.format_message()) from None
    sys.exit(code)


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--since", metavar="DATE|REV", default="", help="Leave out what came before: a day (YYYY-MM-DD) or a revision."
)
@click.option("--until", metavar="REV", default="HEAD", show_default=True, help="The revision the history ends at.")
@click.option(
    "--by",
    type=click.Choice(["version", "quarter", "commit"]),
    default="version",
    show_default=True,
    help="A column per plan version (cover.version), per quarter, or per commit.",
)
@click.option(
    "--fields",
    metavar="GROUPS",
    default="",
    help="Only these, comma-separated: people, revenue, goals, actions, health, relationships, portfolio (default: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "csv"]),
    default="text",
    show_default=True,
    help="text: for a terminal; markdown: for a pull request or wiki; json and csv: for BI tools.",
)
@click.option("--language", type=click.Choice(["en", "de"]), help="The report's language (default: each plan's own).")
def history(
    plans: tuple[Path, ...], since: str, until: str, by: str, fields: str, fmt: str, language: str | None
) -> None:
    """Show what moved in each plan over its git history.

    One column per version of the plan (or quarter, or commit), following
    renames: each person's attitude, influence and contact; planned and
    actual revenue per product and year, so what a year was planned at in
    each version; each goal's target, deadline and status; actions done and
    overdue; health; the key people for and against us. Only what moved is
    shown, each change with the commit that made it. A revision that does
    not validate is shown as such and skipped for values.
    """
    from kamdoc.commands.history import run_history

    folder = _plans_folder()
    with _revision_errors():
        code = run_history(list(plans) or [folder], since, until, by, fields, fmt, language)
    sys.exit(code)


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--to", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True, help="A workbook, or CSV files."
)
@click.option(
    "--at", metavar="REV", default="", help="The plans as a tag or commit had them (default: the working tree)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The workbook (default kamdoc-export.xlsx), or the folder of CSV files (default kamdoc-export/).",
)
@click.option("--today", type=_DATE, metavar="YYYY-MM-DD", help="The day actions count as overdue by (default: today).")
def export(plans: tuple[Path, ...], to: str, at: str, output: Path | None, today: datetime | None) -> None:
    """Export the plans for controllers: one row per fact.

    Sheets: financials (each product's actual and planned years, in the
    plan's currency and in the portfolio's, with margin and gross profit),
    key projects (with the weighted volume), goals, actions (overdue or not),
    contracts, risks, the portfolio and the plans' health, and one naming the
    revision, the day and kamdoc's version. `--at v2027-budget` exports the
    plans as a tag had them. The same revision and day make the same bytes.
    Plans that do not validate are left out.
    """
    from kamdoc.commands.export import run_export

    folder = _plans_folder()
    with _revision_errors():
        code = run_export(list(plans) or [folder], to, at, output, _day(today))
    sys.exit(code)


@main.command()
@click.argument("plan", type=click.Path(exists=True, path_type=Path))
@click.option("--version", "version", type=_DATE, required=True, metavar="YYYY-MM-DD", help="The new version's date.")
@click.option(
    "--actuals",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Controlling's figures: a CSV file or Excel workbook with the columns product, year, amount.",
)
@click.option("--drop-done", is_flag=True, help="Also drop done actions and marketing events before the new version.")
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the date warnings compare against (default: today)."
)
def rollover(plan: Path, version: datetime, actuals: Path | None, drop_done: bool, today: datetime | None) -> None:
    """Carry a plan into its next period, editing it in place.

    Sets the new version and status draft, and the next review one cadence
    later; moves each planned year now past to actual, with controlling's
    figure from --actuals or else the planned one, marked `estimated` (a
    warning until someone puts in the real number); plans the year after the
    last one like it. Lists goals past their deadline and a mission that looks
    less than three years ahead. Comments, order and layout stay as they were.
    Prints every change, as `kamdoc diff` will show it.
    """
    from kamdoc.commands.rollover import run_rollover

    sys.exit(run_rollover(plan, version.date(), actuals, drop_done, _day(today)))


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("reviews.ics"),
    show_default=True,
    help="The iCalendar file.",
)
@click.option("--today", type=_DATE, metavar="YYYY-MM-DD", help="The date the file is stamped with (default: today).")
def calendar(plans: tuple[Path, ...], output: Path, today: datetime | None) -> None:
    """Write the plans' dates as an iCalendar file for Outlook and other calendars.

    An all-day event for each plan's next review, each goal's deadline and
    milestones, each open action's due date, each contract's notice date and
    each marketing event, in the plan's language. Importing the file again
    updates the events instead of doubling them. Plans that do not validate
    are left out (exit code 1).
    """
    from kamdoc.commands.calendar import run_calendar

    sys.exit(run_calendar(list(plans) or [_plans_folder()], output, _day(today)))


@main.command()
@click.argument("change", metavar="REV_A...REV_B")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--pull", type=click.IntRange(min=1), help="The pull request (default: the workflow's event's).")
@click.option(
    "--head", metavar="SHA", help="The pull request's head commit (default: the event's); older approvals do not count."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: a missing approval as an error annotation on the plan.",
)
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date plans are validated against (default: today)."
)
def approval(
    change: str, paths: tuple[Path, ...], pull: int | None, head: str | None, fmt: str, today: datetime | None
) -> None:
    """Pass a pull request that sets a plan to approved only with an approver's approving review.

    For each plan whose cover.status becomes `approved` between the two
    revisions (origin/main...HEAD), the pull request's latest reviews are read
    through GitHub's API (GITHUB_TOKEN with `pull-requests: read`): one of the
    base revision's `approvers:` in kamdoc.yaml (a person, or a member of a
    team) must have approved its head commit. Exit code 1 otherwise.
    """
    from kamdoc.commands.approval import run_approval

    with _revision_errors():
        code = run_approval(change, pull, head, fmt, _day(today), list(paths))
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text: tags in the local repository (push them); github: tags made through the API at GITHUB_SHA.",
)
@click.option("--dry-run", is_flag=True, help="Say which tags would be made; make none.")
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date plans are validated against (default: today)."
)
def tag(paths: tuple[Path, ...], fmt: str, dry_run: bool, today: datetime | None) -> None:
    """Tag the commit of each approved plan as plans/<slug>@<version>.

    Run after a merge: the tag records which version was approved, and
    `kamdoc render --at plans/<slug>@<version>` makes its decks again. A tag
    that already names another commit is a warning: the approved plan
    changed without a new cover.version.
    """
    from kamdoc.commands.tag import run_tag

    with _revision_errors():
        code = run_tag(list(paths) or [_plans_folder()], fmt, dry_run, _day(today))
    sys.exit(code)


def _days(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A span of days as people write it: 14d, 2w or 14."""
    text = value.strip().lower()
    unit = {"d": 1, "w": 7}.get(text[-1:], 0)
    number = text[:-1] if unit else text
    if not number.isdigit() or int(number) * (unit or 1) > 366:
        raise click.BadParameter(f"{value!r} is no span of days: write e.g. 14d, 2w or 14 (at most a year)")
    return int(number) * (unit or 1)


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--within",
    callback=_days,
    metavar="SPAN",
    default="14d",
    show_default=True,
    help="A plan whose next review falls within this span (14d, 2w) is due.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "gitlab"]),
    default="text",
    show_default=True,
    help="text, json: report the due plans; github, gitlab: keep one issue per due plan in the repository's tracker.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be created, updated and closed; change nothing.")
@click.option(
    "--today", type=_DATE, metavar="YYYY-MM-DD", help="The date ages and deadlines are counted to (default: today)."
)
def remind(plans: tuple[Path, ...], within: int, fmt: str, dry_run: bool, today: datetime | None) -> None:
    """Remind the owners of each plan that is due, where they already look.

    A plan is due when its next review falls within --within or has passed,
    its health is red, or an action, milestone, notice date or risk
    mitigation is past its date. With --format github (or gitlab) each due
    plan gets one issue, titled with the account, the date and the key
    account manager, listing the reasons and assigned to the plan's owners
    (kamdoc.yaml's `owners:`, else CODEOWNERS); the next run updates it, and
    closes it once the plan is no longer due. A hidden marker in the issue
    finds it again. GitHub: GITHUB_TOKEN with `issues: write`; GitLab:
    KAMDOC_GITLAB_TOKEN.
    """
    from kamdoc.commands.remind import run_remind

    sys.exit(run_remind(list(plans) or [_plans_folder()], within, fmt, dry_run, _day(today)))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def textconv(file: Path) -> None:
    """Print a plan as sorted lines of `path = value`, for `git diff` and `git log -p`.

    \b
    In .gitattributes:   *.yaml diff=kamdoc
    In git's config:     git config diff.kamdoc.textconv "kamdoc textconv"
    """
    from kamdoc.commands.textconv import run_textconv

    sys.exit(run_textconv(file))


@main.group()
def template() -> None:
    """Work with company PowerPoint templates (--template)."""


@template.command("check")
@click.argument("pptx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--theme", "theme_name", metavar="NAME|DIR", help="The theme whose layout names are looked for.")
def template_check(pptx: Path, theme_name: str | None) -> None:
    """Report what a company template offers kamdoc and what it lacks.

    Lists the layouts kamdoc uses for cover and content slides (by the names in
    the theme's `layouts`), their title placeholders, the slide size and the
    colours taken from the template's colour scheme. Exit code 1 when the
    template cannot be used (not a PowerPoint file, not 16:9), else 0.
    """
    from kamdoc.commands.template import run_template_check

    sys.exit(run_template_check(pptx, theme_name))


@contextmanager
def _revision_errors() -> Iterator[None]:
    """A revision that is none, or no repository, said as one message without usage (exit 2): it is what the command
    line names that cannot be used, not how it is written."""
    try:
        yield
    except CommandLineError as exc:
        raise CallerError(exc.format_message()) from None


def _plans_folder() -> Path:
    """The plans folder: kamdoc.yaml's `plans` setting, else plans/."""
    config, settings = _settings(click.get_current_context())
    plans = settings.get("plans")
    return config.parent / plans if config and plans else Path("plans")


def _day(value: datetime | None) -> date:
    return value.date() if value is not None else date.today()


def run() -> None:
    """The console entry point: run a command, then end the process without the interpreter's teardown.

    Freeing every object of a rendered deck one by one takes a fifth of a second;
    the operating system reclaims the memory at once. Output is flushed first. The command runs with room on the
    frame stack (kamdoc/stack.py), as do the processes it forks.
    """
    from kamdoc.stack import with_stack_room

    try:
        with_stack_room(main)
        code: int = 0
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:  # a message given to sys.exit
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    except OSError as exc:
        # Every file kamdoc writes says its own error; what reaches here is the terminal's stream failing under
        # click.echo (`> /dev/full`, a disk full or gone). Any other OSError is a bug and keeps its traceback.
        if exc.errno not in _STREAM_ERRORS:
            raise
        _say(f"Error: cannot write to standard output: {exc.strerror or exc}")
        code = 1
    os._exit(_flushed(code))


_STREAM_ERRORS = (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF)
"""How writing to standard output fails when its file or device cannot take more."""


def _flushed(code: int) -> int:
    """Flush what is left of the output; the exit code, 1 when standard output could not take it (full, closed, a closed pipe)."""
    try:
        if sys.stdout is not None:  # None: started with standard output closed (`>&-`)
            sys.stdout.flush()
    except OSError as exc:
        if exc.errno != errno.EPIPE:  # a reader that stopped early (`| head`) wants no message
            _say(f"Error: cannot write to standard output: {exc.strerror or exc}")
        code = code or 1
    _say("")
    return code


def _say(text: str) -> None:
    """Write `text` (a line, or nothing) to standard error and flush it, if there is a standard error that takes it."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"{text}\n" if text else "")
            sys.stderr.flush()
    except OSError:
        pass  # standard error is gone too: the exit code is all that is left
