"""Fuzzing: seeded hostile input through the command line, counting tracebacks, slow runs and files read outside the work tree.

The quick run (a few hundred cases) is part of the suite; the long run (thousands) is `pytest -m fuzz`.
`KAMDOC_FUZZ_SEED` picks another seed. Each case is made again from its kind and seed (see mutants.py).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mutants
import pytest
from click.testing import CliRunner
from conftest import DATA, PLANS, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamdoc.cli import main

SEED = int(os.environ.get("KAMDOC_FUZZ_SEED", "20261201"))
SLOW = 5.0  # seconds: a run longer than this counts as slow
HANG = 60.0  # seconds: a run is stopped here and counts as a hang
QUICK = {"plan": 200, "render": 12, "svg": 60, "settings": 30, "manifest": 6, "theme": 8, "template": 10}
LONG = {"plan": 4000, "render": 150, "svg": 1000, "settings": 300, "manifest": 60, "theme": 80, "template": 150}
SECRET = "ghp_fuzz_secret_0123456789"


@dataclass
class Tally:
    """What a fuzz run met."""

    cases: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.cases} cases: exit codes {dict(sorted(self.exits.items()))}; {len(self.tracebacks)} tracebacks, "
                f"{len(self.hangs)} hangs, {len(self.slow)} over {SLOW:g} s, {len(self.outside)} files read outside the work tree")


class _Hang(BaseException):
    """Raised by the alarm when a case runs too long."""


class _Reads:
    """Every file opened while a case runs, through Python's audit hook (installed once; it cannot be removed)."""

    def __init__(self) -> None:
        self.watch: tuple[str, ...] = ()
        self.seen: list[str] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and self.watch and args and isinstance(args[0], str | bytes | os.PathLike):
            path = os.path.realpath(os.fsdecode(args[0])) if not isinstance(args[0], int) else ""
            if path.startswith(self.watch):
                self.seen.append(path)


_READS: _Reads | None = None


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A plans repository with a secret beside it, a secret in .git/, a link and a FIFO that lead out."""
    global _READS
    root = tmp_path_factory.mktemp("fuzz")
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(f"token={SECRET}\n")
    repo = root / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text(f"[remote \"origin\"]\n\turl = https://x:{SECRET}@git.example/r.git\n")
    shutil.copytree(DATA / "base", repo / "plans" / "p")
    os.symlink(root / "outside" / "secret.txt", repo / "plans" / "p" / "secret-link.md")
    if hasattr(os, "mkfifo"):
        os.mkfifo(repo / "plans" / "p" / "fifo.md")
    (repo / "plans" / "p" / "folder").mkdir()
    if _READS is None:
        _READS = _Reads()
    _READS.watch = (str(root / "outside"), str(repo / ".git"))
    yield repo
    _READS.watch = ()


def _invoke(args: list[str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    exc = result.exception if result.exception is not None and not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout + result.stderr, exc


def _case(tally: Tally, name: str, run: Callable[[], tuple[int, str, BaseException | None]]) -> tuple[int, str]:
    """Run one case with a time limit, and count what it did."""
    assert _READS is not None
    _READS.seen.clear()

    def alarm(signum: int, frame: Any) -> None:
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    start = time.perf_counter()
    code, out, exc = 1, "", None
    try:
        code, out, exc = run()
    except _Hang:
        tally.hangs.append(name)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    tally.cases += 1
    tally.exits[code] = tally.exits.get(code, 0) + 1
    if exc is not None:
        tally.tracebacks.append(f"{name}: {''.join(traceback.format_exception(exc))[-1500:]}")
    elif code not in (0, 1, 2):
        tally.tracebacks.append(f"{name}: exit code {code}: {out[-500:]}")
    if elapsed > SLOW:
        tally.slow.append(f"{name}: {elapsed:.1f} s")
    if _READS.seen or SECRET in out:
        tally.outside.append(f"{name}: {sorted(set(_READS.seen))[:3]}{' (secret printed)' if SECRET in out else ''}")
    return code, out


def _plan_cases(world: Path, tally: Tally, count: int, renders: int, seed: int) -> None:
    base = mutants.load_base(DATA / "base" / "plan.yaml")
    plan = world / "plans" / "p" / "plan.yaml"
    rendered = 0
    for i in range(count):
        rng = random.Random(f"{seed}-plan-{i}")
        text = mutants.plan_mutant(base, rng)
        plan.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, _ = _case(tally, f"plan seed={seed} case={i}", lambda: _invoke(["validate", str(plan), "--today", TODAY]))
        # Decks of the mutants that validate: all of their text goes through measuring, splitting and both writers.
        # Rendering is linear in the plan (a 1,000-row table is about 40 slides): mutants larger than a real plan
        # by far are validated, not rendered, so that a run over SLOW means runaway work, not a big deck.
        small = text.count("\n") < 1_500
        if code == 0 and small and rendered < renders:
            rendered += 1
            to = "pptx,pdf" if rendered % 4 == 0 else "pptx"
            _case(tally, f"render seed={seed} case={i}", lambda: _invoke(["render", str(plan.parent), "--to", to, "--out", str(world / "out"), "--today", TODAY]))


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
            _case(tally, f"svg-render seed={seed} case={i}", lambda: _invoke(["render", str(folder), "--to", "pptx,pdf", "--out", str(world / "out"), "--today", TODAY]))


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
        (world / "built" / "manifest.json").write_text(mutants.manifest_mutant(good, random.Random(f"{seed}-manifest-{i}")))
        _case(tally, f"manifest seed={seed} case={i}", lambda: _invoke(build))


def _theme_cases(world: Path, tally: Tally, count: int, seed: int) -> None:
    theme = world / "theme"
    theme.mkdir(exist_ok=True)
    plan = PLANS / "halvorsen-logistics"
    for i in range(count):
        (theme / "deck.html.j2").write_text(mutants.theme_template_mutant(random.Random(f"{seed}-theme-{i}")))
        _case(tally, f"theme seed={seed} case={i}", lambda: _invoke(["render", str(plan), "--to", "pdf", "--theme", str(theme), "--out", str(world / "out")]))
    assert not (world / "PWNED").exists() and not Path("PWNED").exists()


def _template_cases(world: Path, tally: Tally, count: int, seed: int) -> None:
    from company_templates import make_template

    good = make_template(world / "corp.pptx").read_bytes()
    for i in range(count):
        (world / "odd.pptx").write_bytes(mutants.pptx_template_mutant(good, random.Random(f"{seed}-template-{i}")))
        _case(tally, f"template seed={seed} case={i}", lambda: _invoke(["render", str(PLANS / "halvorsen-logistics"), "--template", str(world / "odd.pptx"),
                                                                         "--out", str(world / "out")]))


def _campaign(world: Path, counts: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> Tally:
    tally = Tally()
    monkeypatch.chdir(world)
    _plan_cases(world, tally, counts["plan"], counts["render"], SEED)
    _svg_cases(world, tally, counts["svg"], SEED)
    _settings_cases(world, tally, counts["settings"], SEED, monkeypatch)
    _manifest_cases(world, tally, counts["manifest"], SEED, monkeypatch)
    _theme_cases(world, tally, counts["theme"], SEED)
    _template_cases(world, tally, counts["template"], SEED)
    print(f"\nfuzz (seed {SEED}): {tally.line()}")
    return tally


def _verdict(tally: Tally) -> None:
    problems = tally.tracebacks + tally.hangs + tally.slow + tally.outside
    assert not problems, tally.line() + "\n" + "\n".join(problems[:10])


def test_quick_fuzz(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _verdict(_campaign(world, QUICK, monkeypatch))


@pytest.mark.fuzz
def test_long_fuzz(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _verdict(_campaign(world, LONG, monkeypatch))


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
@given(st.binary(max_size=2_000) | st.builds(lambda s: f'<svg xmlns="http://www.w3.org/2000/svg" {s}/>'.encode(), st.text(max_size=200)))
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
    assert len(tally.outside) == 1 and len(tally.tracebacks) == 1
