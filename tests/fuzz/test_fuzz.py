"""Fuzzing: seeded hostile input through the command line, counting tracebacks, slow runs and files read outside the work tree.

The quick run (a few hundred cases) is part of the suite; the long run (thousands) is `pytest -m fuzz`.
`KAMDOC_FUZZ_SEED` picks another seed; `KAMDOC_FUZZ_KINDS` (names as the long run prints them, comma-separated) runs
only those kinds. Each case is made again from its kind and seed (see mutants.py).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import cases_world
import mutants
import pytest
from conftest import DATA, PLANS, TODAY
from harness import SLOW, Tally, invoke, reads, render_budget, run_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEED = int(os.environ.get("KAMDOC_FUZZ_SEED", "20261201"))
QUICK = {
    "plan": 200,
    "render": 12,
    "svg": 60,
    "settings": 30,
    "manifest": 6,
    "theme": 8,
    "template": 10,
    "people": 2,
    "history": 2,
    "diff": 2,
    "files": 4,
    "textconv": 4,
    "preview": 3,
    "init": 3,
    "outputs": 4,
    "themes": 3,
    "numbers": 3,
}
LONG = {
    "plan": 4000,
    "render": 150,
    "svg": 1000,
    "settings": 300,
    "manifest": 60,
    "theme": 80,
    "template": 150,
    "people": 60,
    "history": 40,
    "diff": 60,
    "files": 150,
    "textconv": 100,
    "preview": 60,
    "init": 60,
    "outputs": 150,
    "themes": 60,
    "numbers": 100,
}
"""Cases of each kind: plan text and its renders, logos, settings, manifests, theme and company templates (here), and the
world around a plan (world.py)."""
SECRET = "ghp_fuzz_secret_0123456789"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A plans repository with a secret beside it, a secret in .git/, a link and a FIFO that lead out."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(f"token={SECRET}\n")
    repo = root / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text(f'[remote "origin"]\n\turl = https://x:{SECRET}@git.example/r.git\n')
    shutil.copytree(DATA / "base", repo / "plans" / "p")
    os.symlink(root / "outside" / "secret.txt", repo / "plans" / "p" / "secret-link.md")
    if hasattr(os, "mkfifo"):
        os.mkfifo(repo / "plans" / "p" / "fifo.md")
    (repo / "plans" / "p" / "folder").mkdir()
    reads().watch = (str(root / "outside"), str(repo / ".git"))
    yield repo
    reads().watch = ()


def _invoke(args: list[str]) -> tuple[int, str, BaseException | None]:
    return invoke(args)


def _case(
    tally: Tally, name: str, run: Callable[[], tuple[int, str, BaseException | None]], budget: float = SLOW
) -> tuple[int, str]:
    return run_case(tally, name.split()[0], name, run, secrets=(SECRET,), budget=budget)


def _plan_bytes(folder: Path) -> int:
    """The size of a plan folder's texts: what a render's work grows with."""
    return sum(f.stat().st_size for f in folder.iterdir() if f.suffix in (".yaml", ".md"))


def _plan_cases(world: Path, tally: Tally, count: int, renders: int, seed: int) -> None:
    base = mutants.load_base(DATA / "base" / "plan.yaml")
    plan = world / "plans" / "p" / "plan.yaml"
    rendered = 0
    for i in range(count):
        rng = random.Random(f"{seed}-plan-{i}")
        text = mutants.plan_mutant(base, rng)
        plan.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, _ = _case(tally, f"plan seed={seed} case={i}", lambda: _invoke(["validate", str(plan), "--today", TODAY]))
        # Decks of the mutants that validate, of any size the caps allow: all of their text goes through measuring,
        # splitting and both writers. Rendering is linear in the plan, so the budget grows with it (harness.PER_KB).
        if code == 0 and rendered < renders:
            rendered += 1
            to = "pptx,pdf" if rendered % 4 == 0 else "pptx"
            run_case(
                tally,
                "render",
                f"render seed={seed} case={i} ({len(text.encode(errors='surrogatepass')) // 1024} KB)",
                lambda: _invoke(
                    ["render", str(plan.parent), "--to", to, "--out", str(world / "out"), "--today", TODAY]
                ),
                (SECRET,),
                render_budget(len(text.encode(errors="surrogatepass")), to),
            )


def _svg_cases(world: Path, tally: Tally, count: int, seed: int) -> None:
    folder = world / "plans" / "p"
    plan = folder / "plan.yaml"
    plan.write_text((DATA / "base" / "plan.yaml").read_text().replace("logo: logo.png", "logo: logo.svg"))
    drawn = 0
    for i in range(count):
        (folder / "logo.svg").write_bytes(mutants.svg_mutant(random.Random(f"{seed}-svg-{i}")))
        code, _ = _case(tally, f"svg seed={seed} case={i}", lambda: _invoke(["validate", str(plan), "--today", TODAY]))
        if code == 0 and drawn < count // 10:
            drawn += 1
            _case(
                tally,
                f"svg-render seed={seed} case={i}",
                lambda: _invoke(
                    ["render", str(folder), "--to", "pptx,pdf", "--out", str(world / "out"), "--today", TODAY]
                ),
            )


def _settings_cases(world: Path, tally: Tally, count: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    (world / "plans" / "p" / "plan.yaml").write_text((DATA / "base" / "plan.yaml").read_text())
    monkeypatch.chdir(world)
    for i in range(count):
        (world / "kamdoc.yaml").write_text(mutants.settings_mutant(random.Random(f"{seed}-settings-{i}")))
        command = ["validate", "plans"] if i % 3 else ["portfolio", "plans", "--no-deck"]
        _case(tally, f"settings seed={seed} case={i}", lambda: _invoke([*command, "--today", TODAY]))
    (world / "kamdoc.yaml").unlink()


def _manifest_cases(world: Path, tally: Tally, count: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(world)
    (world / "plans" / "p" / "plan.yaml").write_text((DATA / "base" / "plan.yaml").read_text())
    build = ["build", "plans", "--out", "built", "--to", "pptx", "-j", "1", "--today", TODAY]
    assert _invoke(build)[0] == 0
    good = json.loads((world / "built" / "manifest.json").read_text())
    for i in range(count):
        (world / "built" / "manifest.json").write_text(
            mutants.manifest_mutant(good, random.Random(f"{seed}-manifest-{i}"))
        )
        _case(tally, f"manifest seed={seed} case={i}", lambda: _invoke(build))


def _theme_cases(world: Path, tally: Tally, count: int, seed: int) -> None:
    theme = world / "theme"
    theme.mkdir(exist_ok=True)
    plan = PLANS / "halvorsen-logistics"
    for i in range(count):
        (theme / "deck.html.j2").write_text(mutants.theme_template_mutant(random.Random(f"{seed}-theme-{i}")))
        _case(
            tally,
            f"theme seed={seed} case={i}",
            lambda: _invoke(["render", str(plan), "--to", "pdf", "--theme", str(theme), "--out", str(world / "out")]),
            # A whole example deck through WeasyPrint: a render's budget, by the plan's size, not a command's.
            render_budget(_plan_bytes(plan), "pdf"),
        )
    assert not (world / "PWNED").exists() and not Path("PWNED").exists()


def _template_cases(world: Path, tally: Tally, count: int, seed: int) -> None:
    from company_templates import make_template

    good = make_template(world / "corp.pptx").read_bytes()
    for i in range(count):
        (world / "odd.pptx").write_bytes(mutants.pptx_template_mutant(good, random.Random(f"{seed}-template-{i}")))
        _case(
            tally,
            f"template seed={seed} case={i}",
            lambda: _invoke(
                [
                    "render",
                    str(PLANS / "halvorsen-logistics"),
                    "--template",
                    str(world / "odd.pptx"),
                    "--out",
                    str(world / "out"),
                ]
            ),
            render_budget(_plan_bytes(PLANS / "halvorsen-logistics"), "pptx"),
        )


def _campaign(world: Path, counts: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> Tally:
    tally = Tally()
    monkeypatch.chdir(world)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("plans", lambda: _plan_cases(world, tally, counts["plan"], counts["render"], SEED)),
        ("logos", lambda: _svg_cases(world, tally, counts["svg"], SEED)),
        ("settings", lambda: _settings_cases(world, tally, counts["settings"], SEED, monkeypatch)),
        ("manifests", lambda: _manifest_cases(world, tally, counts["manifest"], SEED, monkeypatch)),
        ("theme templates", lambda: _theme_cases(world, tally, counts["theme"], SEED)),
        ("company templates", lambda: _template_cases(world, tally, counts["template"], SEED)),
        *_world_steps(world, tally, counts, monkeypatch),
    ]
    only = {k.strip() for k in os.environ.get("KAMDOC_FUZZ_KINDS", "").split(",") if k.strip()}
    for name, step in steps:
        if only and name not in only:
            continue  # KAMDOC_FUZZ_KINDS=organisations,init: those kinds alone (a rerun after a fix)
        step()
        if counts is LONG:  # the long run says how far it got: a run that dies late still leaves its figures
            print(f"\nafter {name}: {tally.line()}", flush=True)
    reads().watch = (str(world.parent / "outside"), str(world / ".git"))
    print(f"\nfuzz (seed {SEED}): {tally.line()}")
    return tally


def _world_steps(
    repo: Path, tally: Tally, counts: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, Callable[[], None]]]:
    root = repo.parent
    return [
        (
            "organisations",
            lambda: cases_world.people_cases(
                root, tally, counts["people"], SEED, "pptx,pdf" if counts is LONG else "pptx"
            ),
        ),
        ("histories", lambda: cases_world.history_cases(root, tally, counts["history"], SEED, monkeypatch.chdir)),
        ("diffs", lambda: cases_world.diff_cases(root, tally, counts["diff"], SEED, monkeypatch.chdir)),
        (
            "hostile files",
            lambda: (monkeypatch.chdir(repo), cases_world.file_cases(repo, tally, counts["files"], SEED))[1],
        ),
        ("textconv", lambda: cases_world.textconv_cases(repo, tally, counts["textconv"], SEED)),
        ("preview", lambda: cases_world.preview_cases(repo, tally, counts["preview"], SEED)),
        ("init", lambda: cases_world.init_cases(root, tally, counts["init"], SEED)),
        ("outputs", lambda: cases_world.output_cases(repo, tally, counts["outputs"], SEED)),
        ("theme fonts and slides", lambda: cases_world.theme_cases(repo, tally, counts["themes"], SEED)),
        ("amounts", lambda: cases_world.number_cases(repo, tally, counts["numbers"], SEED)),
    ]


def _verdict(tally: Tally) -> None:
    problems = tally.problems()
    assert not problems, tally.line() + "\n" + "\n".join(problems[:10])


def test_quick_fuzz(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _verdict(_campaign(world, QUICK, monkeypatch))


@pytest.mark.fuzz
def test_long_fuzz(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import faulthandler

    # A watchdog for the whole run: a wait outside any case (where no case's alarm runs) shows where it waits, and ends.
    faulthandler.dump_traceback_later(4 * 3600, exit=True)
    try:
        _verdict(_campaign(world, LONG, monkeypatch))
    finally:
        faulthandler.cancel_dump_traceback_later()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_the_loader_says_what_is_wrong_for_any_text(text: str) -> None:
    """Any text at all is a document or one finding with its place: never another exception."""
    from kamdoc.load.document import LoadError, decode_text, parse

    path = Path("plan.yaml")
    try:
        parse(decode_text(text.encode("utf-8", "surrogatepass"), path), path, Path("."))
    except LoadError as exc:
        assert exc.finding.pos.line >= 1 and exc.finding.message


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=2_000)
    | st.builds(lambda s: f'<svg xmlns="http://www.w3.org/2000/svg" {s}/>'.encode(), st.text(max_size=200))
)
def test_the_svg_check_refuses_or_accepts_any_bytes(data: bytes) -> None:
    from kamdoc.validate.svg import SvgRefused, check_svg

    try:
        size = check_svg(data)
    except SvgRefused as exc:
        assert str(exc)
    else:
        assert size.width > 0 and size.height > 0


def test_the_harness_sees_a_read_outside_and_a_traceback(world: Path) -> None:
    """The counts above can fail: a read of the secret and an exception are both counted."""
    tally = Tally()
    secret = world.parent / "outside" / "secret.txt"
    _case(tally, "reads the secret", lambda: (0, secret.read_text(), None))
    _case(tally, "raises", lambda: (1, "", ValueError("a bug")))
    run_case(tally, "burns", "burns the CPU", lambda: (0, str(sum(i * i for i in range(300_000))), None), budget=0.001)
    assert len(tally.outside) == 1 and len(tally.tracebacks) == 1 and len(tally.slow) == 1
