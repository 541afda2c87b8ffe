"""The fuzz runs' cases beyond a plan's text: organisations up to the caps, git histories with odd dates, rewrites for the diff,
hostile files under validate, render, textconv, the preview and init, hostile output targets, broken theme fonts and odd
slides, and extreme amounts. Each kind takes a seed and a count; every case is made again from its kind, seed and number."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import gen_diff
import gen_files
import gen_history
import gen_numbers
import gen_outputs
import gen_people
import gen_themes
from big_plans import write_plan
from conftest import DATA, TODAY
from harness import PER_UNIT, SHAPE_ROOM, Tally, invoke, reads, render_budget, run_case

SECRETS = (gen_files.SECRET, gen_files.TOKEN_URL, gen_outputs.SECRET.decode().strip())
"""What lies outside the work tree or in `.git/`: no output of any case may show it."""
GIT = ["git", "-c", "user.name=Fuzz", "-c", "user.email=fuzz@example.com", "-c", "commit.gpgsign=false"]
PLAN_FILES = ("plan.yaml", "logo.png", "market.md")
INIT_FILES = (
    ".gitignore",
    ".gitattributes",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    "kamdoc.yaml",
    ".pre-commit-config.yaml",
    ".gitlab-ci.yml",
    "README.md",
    ".github",
    "plans",
)
"""What `kamdoc init` reads or writes in a clone: each may be a link, a FIFO, a device or a giant."""


def _watch(*folders: Path) -> None:
    """Count reads below these folders (besides the devices that never end) as reads outside the work tree."""
    reads().watch = (*(str(f.resolve()) for f in folders), "/dev/zero", "/dev/urandom")


def _outside(folder: Path) -> Path:
    """The folder beside a work tree where gen_files and gen_outputs put what lies outside it."""
    top = folder.resolve()
    return top.parent / f"{top.name}-outside"


def _git_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=root, check=True)
    return root


def _commit(root: Path, message: str, when: str = "@1767225600 +0100") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-q", "--allow-empty", "-m", message], cwd=root, check=True, env=env)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def _people(text: str) -> int:
    """People and ties in an organisation gen_people wrote."""
    return len(re.findall(r"^  - \{(?:id|from): ", text, re.M))


def people_cases(root: Path, tally: Tally, count: int, seed: int, formats: str) -> None:
    """Organisations of every shape, near and over the caps: validated, and rendered whenever they validate."""
    folder = root / "people" / "p"
    _watch(root / "outside")
    for i in range(count):
        rng = random.Random(f"{seed}-people-{i}")
        text = rng.choice(gen_people.SHAPES)(rng)
        plan = write_plan(folder, text)
        code, _ = run_case(
            tally,
            "people",
            f"people seed={seed} case={i}",
            lambda: invoke(["validate", str(plan), "--today", TODAY]),
            SECRETS,
        )
        if code == 0:
            # A render's budget by the plan's size, as every render case has (a big organisation is a big plan too: its
            # ties table and legends grow with it), and the map's own linear work per person and tie on top.
            budget = SHAPE_ROOM * (
                render_budget(len(text.encode()), formats) + PER_UNIT * _people(text) * len(formats.split(","))
            )
            run_case(
                tally,
                "people-render",
                f"people-render seed={seed} case={i} ({_people(text)} people and ties)",
                lambda: invoke(
                    ["render", str(folder), "--to", formats, "--out", str(root / "people-out"), "--today", TODAY]
                ),
                SECRETS,
                budget,
            )


def history_cases(root: Path, tally: Tally, count: int, seed: int, chdir: Callable[[Path], None]) -> None:
    """Histories whose commits are dated after the year 9999 or in zones no place has: health, portfolio and diff over them."""
    from programme_repo import SPECS, make_repo

    for i in range(count):
        rng = random.Random(f"{seed}-history-{i}")
        repo = root / f"history-{seed}-{i}"
        repo.mkdir()
        make_repo(repo, SPECS[: rng.randint(1, 3)])
        slug = SPECS[0].slug
        for when in gen_history.history(rng, rng.randint(1, 6)):
            with (repo / "plans" / slug / "plan.yaml").open("a", encoding="utf-8") as handle:
                handle.write(f"# touched at {when}\n")
            _commit(repo, when, when)
        chdir(repo)
        _watch(repo / ".git")
        for command in (
            ["health", "--format", "json"],
            ["health"],
            ["portfolio", "--no-deck"],
            ["diff", "HEAD~1", "HEAD"],
        ):
            run_case(
                tally,
                "history",
                f"history seed={seed} case={i} {command[0]}",
                lambda: invoke([*command, "--today", TODAY]),
                SECRETS,
            )
        chdir(root)
        shutil.rmtree(repo, ignore_errors=True)


def diff_cases(root: Path, tally: Tally, count: int, seed: int, chdir: Callable[[Path], None]) -> None:
    """Pull requests that rewrite a long text or reword every item of a long list: `kamdoc diff` of the two commits."""
    for i in range(count):
        rng = random.Random(f"{seed}-diff-{i}")
        repo = _git_repo(root / f"diff-{seed}-{i}")
        folder = repo / "plans" / "p"
        write_plan(folder, (DATA / "base" / "plan.yaml").read_text())
        old, new = gen_diff.rewrite(rng, rng.choice((200, 2_000, 12_000)))
        before, after = gen_diff.edited_items(rng, rng.choice((10, 300, 1_000)))
        versions = []
        for text, items in ((old, before), (new, after)):
            (folder / "market.md").write_text(text)
            plan = (DATA / "base" / "plan.yaml").read_text()
            plan = plan.replace(
                "  strengths: [Oakridge is known for sensors that last.]",
                f"  strengths: {json.dumps(items, ensure_ascii=False)}",
            )
            (folder / "plan.yaml").write_text(plan)
            versions.append(_commit(repo, "version"))
        chdir(repo)
        _watch(repo / ".git")
        run_case(
            tally,
            "diff",
            f"diff seed={seed} case={i} ({len(old):,} characters, {len(before)} items)",
            lambda: invoke(["diff", *versions]),
            SECRETS,
        )
        chdir(root)
        shutil.rmtree(repo, ignore_errors=True)


def _fresh_plan(folder: Path) -> None:
    """The base plan and its files, as they were before a case put something hostile among them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PLAN_FILES:
        target = folder / name
        if target.is_symlink() or target.exists():
            target.unlink()
        shutil.copy(DATA / "base" / name, target)


def file_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """A plan's own files turned into links out, into `.git/`, FIFOs, devices and sparse giants: validate, render, textconv."""
    folder = repo / "plans" / "files"
    folder.mkdir(parents=True, exist_ok=True)
    _watch(_outside(repo), repo / ".git")
    for i in range(count):
        rng = random.Random(f"{seed}-files-{i}")
        _fresh_plan(folder)
        hostile = gen_files.hostile_file(rng, folder, rng.choice(PLAN_FILES))
        try:
            run_case(
                tally,
                "files",
                f"files seed={seed} case={i} validate {hostile.name}",
                lambda: invoke(["validate", str(folder / "plan.yaml"), "--today", TODAY]),
                SECRETS,
            )
            run_case(
                tally,
                "files",
                f"files seed={seed} case={i} render {hostile.name}",
                lambda: invoke(["render", str(folder), "--to", "pptx", "--out", str(repo / "out"), "--today", TODAY]),
                SECRETS,
            )
            run_case(
                tally,
                "textconv",
                f"textconv seed={seed} case={i} {hostile.name}",
                lambda: invoke(["textconv", str(hostile)]),
                SECRETS,
            )
        finally:
            if stat.S_ISFIFO(os.lstat(hostile).st_mode):
                gen_files.release(hostile)
    _fresh_plan(folder)


def textconv_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """`kamdoc textconv` on any path git may hand it: `.git/config`, links out, FIFOs, devices, files that are no plan."""
    folder = repo / "anywhere"
    folder.mkdir(exist_ok=True)
    _watch(_outside(repo), repo / ".git")
    for i in range(count):
        rng = random.Random(f"{seed}-textconv-{i}")
        target = gen_files.hostile_file(rng, folder) if i % 4 else repo / ".git" / "config"
        try:
            run_case(
                tally,
                "textconv",
                f"textconv seed={seed} case={i} {target.name}",
                lambda: invoke(["textconv", str(target)]),
                SECRETS,
            )
        finally:
            if os.path.lexists(target) and stat.S_ISFIFO(os.lstat(target).st_mode):
                gen_files.release(target)


def preview_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """The live preview while a plan's files and its theme's font change into hostile ones: every page and file it serves."""
    import http.client
    from urllib.parse import urlsplit

    from preview_server import serving

    folder = repo / "plans" / "shown"
    folder.mkdir(parents=True, exist_ok=True)
    _fresh_plan(folder)
    fonts = repo / "theme" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    (repo / "theme" / "theme.yaml").write_text("font:\n  regular: [Fuzz-Regular.ttf]\n")
    _watch(_outside(repo), repo / ".git")

    def get(url: str, path: str) -> tuple[int, bytes]:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    with serving([repo / "plans"], theme_dir=repo / "theme") as running:
        base = urlsplit(running.url).path
        for i in range(count):
            rng = random.Random(f"{seed}-preview-{i}")
            _fresh_plan(folder)
            font = fonts / "Fuzz-Regular.ttf"
            if os.path.lexists(font):
                font.unlink()  # the last case may have left a FIFO there: writing to it would wait for a reader for ever
            font.write_bytes(gen_themes.good_font(rng))
            hostile = gen_files.hostile_file(
                rng, fonts if i % 3 == 0 else folder, "Fuzz-Regular.ttf" if i % 3 == 0 else rng.choice(PLAN_FILES)
            )

            def browse() -> tuple[int, str, BaseException | None]:
                try:
                    return pages()
                except OSError as exc:  # the client gave up: the server waits on something
                    return 3, f"no answer: {exc}", None

            def pages() -> tuple[int, str, BaseException | None]:
                running.workspace.changed()
                bodies = []
                for path in (base, f"{base}deck/shown", f"{base}api/deck/shown"):
                    status, body = get(running.url, path)
                    bodies.append(body)
                    if status >= 500:
                        return 3, f"{path} answered {status}", None
                for key in sorted(set(re.findall(r"/file/([0-9a-f]+\.[a-z0-9]+)", bodies[1].decode(errors="replace")))):
                    status, body = get(running.url, f"{base}file/{key}")
                    bodies.append(body)
                    if status >= 500:
                        return 3, f"file {key} answered {status}", None
                return 0, b"\n".join(bodies).decode(errors="replace"), None

            try:
                run_case(
                    tally,
                    "preview",
                    f"preview seed={seed} case={i} {hostile.parent.name}/{hostile.name}",
                    browse,
                    SECRETS,
                )
            finally:
                if stat.S_ISFIFO(os.lstat(hostile).st_mode):
                    gen_files.release(hostile)
    _fresh_plan(folder)


def _regular_files(folder: Path) -> dict[str, bytes]:
    """Every regular file below `folder` but in `.git/`, links not followed: what `git add .` would take in."""
    found = {}
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(top) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                with path.open(
                    "rb"
                ) as handle:  # the first megabytes: a sparse giant of 8 GB read whole took the machine's memory
                    found[str(path.relative_to(folder))] = handle.read(4 * 1024 * 1024)
    return found


def init_cases(root: Path, tally: Tally, count: int, seed: int) -> None:
    """`kamdoc init` in clones whose files it touches are links out, FIFOs, devices or giants: nothing read, nothing replaced."""
    for i in range(count):
        rng = random.Random(f"{seed}-init-{i}")
        clone = root / f"init-{seed}-{i}"
        (clone / ".git").mkdir(parents=True)
        (clone / ".vscode").mkdir()
        made = [gen_files.hostile_file(rng, clone, name) for name in rng.sample(INIT_FILES, rng.randint(1, 4))]
        kinds = {str(p.relative_to(clone)): os.lstat(p).st_mode for p in made}
        outside = gen_outputs.outside_state(clone / "x")
        _watch(_outside(clone), clone / ".git")
        name = f"init seed={seed} case={i} ({', '.join(kinds)})"
        try:
            run_case(
                tally,
                "init",
                name,
                lambda: invoke(
                    [
                        "init",
                        str(clone),
                        "--kamdoc-repo",
                        "https://github.com/kamdoc/kamdoc",
                        "--kamdoc-rev",
                        "0123456789abcdef0123456789abcdef01234567",
                    ]
                ),
                SECRETS,
            )
        finally:
            for path in made:
                if os.path.lexists(path) and stat.S_ISFIFO(os.lstat(path).st_mode):
                    gen_files.release(path)
        changed = [
            n for n, mode in kinds.items() if not os.path.lexists(clone / n) or os.lstat(clone / n).st_mode != mode
        ]
        if changed or gen_outputs.outside_state(clone / "x") != outside:
            tally.replaced.append(f"{name}: replaced {changed} or changed what lies outside")
        if any(s.encode() in data for data in _regular_files(clone).values() for s in SECRETS):
            tally.outside.append(f"{name}: a secret from outside was copied into the clone")
        shutil.rmtree(clone, ignore_errors=True)


def output_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """Outputs told to go where a clone put a link, a FIFO, a device or a file: nothing replaced, nothing outside changed."""
    plan = repo / "plans" / "files"
    _fresh_plan(plan)
    for i in range(count):
        rng = random.Random(f"{seed}-outputs-{i}")
        folder = repo / f"outputs-{i}"
        folder.mkdir()
        target = gen_outputs.any_target(rng, folder)
        kept, outside = gen_outputs.state(target.kept), gen_outputs.outside_state(folder)
        # A target kamdoc may write to (a link the user named to a folder outside, for a command that knows no tree) is
        # watched for nothing but .git/; the link itself must stay as it was.
        _watch(*((gen_outputs._outside(folder),) if target.refused else ()), repo / ".git")
        command = rng.choice(
            (
                ["schema", "-o", str(target.path)],
                ["schema", "--markdown", "-o", str(target.path)],
                ["render", str(plan), "--to", "pptx", "--out", str(target.path), "--today", TODAY],
            )
        )
        name = f"outputs seed={seed} case={i} {command[0]} onto {target.kind}"
        code, _ = run_case(tally, "outputs", name, lambda: invoke(command), SECRETS)
        if gen_outputs.state(target.kept) != kept or (target.refused and gen_outputs.outside_state(folder) != outside):
            tally.replaced.append(f"{name}: exit {code}, replaced or changed {target.kind}")
        for path in target.kept:
            if os.path.lexists(path) and stat.S_ISFIFO(os.lstat(path).st_mode):
                gen_files.release(path)
        os.chmod(folder, 0o755)
        for top, dirs, _ in os.walk(folder):
            for d in dirs:
                os.chmod(Path(top) / d, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


def theme_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """Themes with broken or hostile fonts and slides at the edges of the ranges: one message or a deck, in both formats."""
    plan = repo / "plans" / "files"
    _fresh_plan(plan)
    for i in range(count):
        rng = random.Random(f"{seed}-themes-{i}")
        theme = repo / "themes" / f"t{i}"
        (theme / "fonts").mkdir(parents=True)
        font = theme / "fonts" / "Fuzz-Regular.ttf"
        kind = rng.choice(("broken", "hostile", "good"))
        if kind == "broken":
            kind, data = gen_themes.broken_font(rng)
            font.write_bytes(data)
        elif kind == "hostile":
            kind = gen_files.hostile_file(rng, theme / "fonts", font.name).name
        else:
            font.write_bytes(gen_themes.good_font(rng))
        (theme / "theme.yaml").write_text(
            "font:\n  regular: [Fuzz-Regular.ttf]\n" + (gen_themes.theme_yaml(rng) if rng.random() < 0.6 else "")
        )
        _watch(_outside(repo), repo / ".git")
        try:
            run_case(
                tally,
                "themes",
                f"themes seed={seed} case={i} ({kind})",
                lambda: invoke(
                    [
                        "render",
                        str(plan),
                        "--to",
                        "pptx,pdf",
                        "--theme",
                        str(theme),
                        "--out",
                        str(repo / "out"),
                        "--today",
                        TODAY,
                    ]
                ),
                SECRETS,
            )
        finally:
            if os.path.lexists(font) and stat.S_ISFIFO(os.lstat(font).st_mode):
                gen_files.release(font)


def number_cases(repo: Path, tally: Tally, count: int, seed: int) -> None:
    """Amounts from next to nothing to the cap, year after year, and numbered lists from 0 to past PowerPoint's last number."""
    folder = repo / "plans" / "numbers"
    _watch(_outside(repo), repo / ".git")
    for i in range(count):
        rng = random.Random(f"{seed}-numbers-{i}")
        actual = gen_numbers.yearly_amounts(rng, range(2022, 2026))
        planned = gen_numbers.yearly_amounts(rng, range(2026, 2028))
        text = (DATA / "base" / "plan.yaml").read_text()
        amounts = lambda values: "{" + ", ".join(f"{y}: {gen_numbers.amount_yaml(v)}" for y, v in values.items()) + "}"  # noqa: E731
        text = text.replace("      actual: {2024: 610, 2025: 700}", f"      actual: {amounts(actual)}")
        text = text.replace("      plan: {2026: 780, 2027: 860}", f"      plan: {amounts(planned)}")
        text = text.replace(
            "      values: {2024: 180, 2025: 194}",
            f"      values: {amounts(gen_numbers.yearly_amounts(rng, range(2024, 2026)))}",
        )
        write_plan(folder, text)
        (folder / "market.md").write_text(gen_numbers.ordered_list(rng)[1])
        code, _ = run_case(
            tally,
            "numbers",
            f"numbers seed={seed} case={i}",
            lambda: invoke(["validate", str(folder / "plan.yaml"), "--today", TODAY]),
            SECRETS,
        )
        if code == 0:
            run_case(
                tally,
                "numbers",
                f"numbers-render seed={seed} case={i}",
                lambda: invoke(
                    ["render", str(folder), "--to", "pptx,pdf", "--out", str(repo / "out"), "--today", TODAY]
                ),
                SECRETS,
            )
