"""The fuzz runs' harness: runs one case with a time limit and counts what it did (exit code, traceback, CPU time, files read
outside the work tree, secrets printed, files replaced)."""

from __future__ import annotations

import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from click.testing import CliRunner

from kamdoc.cli import main

SLOW = 5.0
"""CPU seconds: a run over this counts as runaway work (renders of organisations get more, by their size: see `Budget`)."""
HANG = 60.0
"""Wall seconds: a run is stopped here and counts as a hang."""
PER_UNIT = 0.003
"""CPU seconds a render may take, beyond SLOW, for each person and tie of its power map in each format: linear work, so that
a plan at the caps (2,000 people, 2,000 ties, PowerPoint and PDF) is allowed 29 s, within the issue's 30 s."""
SHAPE_ROOM = 1.25
"""How much more than its budget by size an organisation's render may take for its shape: a web of ties across wide teams
costs more per person than a chain (the fuzz's 268-person web measured 6.2-7.9 CPU-s on a slow machine, where its size
alone allowed 6.6); super-linear work is still far over."""
PER_KB = 0.05
"""CPU seconds a render of a plan's text may take, beyond SLOW, for each kilobyte of plan in each format: a deck grows with its
plan (a 1,000-row table is about 40 slides), so mutants of any size within the caps are rendered, and only work beyond
linear counts as runaway."""


REFERENCE = 0.3
"""CPU seconds the machine yardstick (`yardstick`) takes on the machine the budgets above were set on. A case over its budget is
measured against the machine as it is at that moment: on a slower or throttled machine (seen: the same render at 1.3 times
the CPU time on a busy evening) the budget grows by the yardstick's ratio; on a machine as fast or faster it never shrinks or
grows, so a runaway is still caught everywhere."""


def yardstick() -> float:
    """CPU seconds of a fixed piece of pure work, the fastest of three runs: how fast this machine is right now."""
    runs = []
    for _ in range(3):
        start = _cpu()
        sum(i * i for i in range(3_000_000))
        runs.append(_cpu() - start)
    return min(runs)


def machine_factor() -> float:
    """How much slower than the reference machine this one is now (1 when it is as fast or faster)."""
    return max(1.0, yardstick() / REFERENCE)


def render_budget(plan_bytes: int, formats: str) -> float:
    """The CPU seconds a render of a plan this large, to these formats, may take."""
    return SLOW + PER_KB * plan_bytes / 1024 * len(formats.split(","))


@dataclass
class Tally:
    """What a fuzz run met."""

    cases: int = 0
    cpu: float = 0.0
    exits: dict[int, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    def line(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in self.kinds.items())
        return (
            f"{self.cases} cases ({kinds}) in {self.cpu:.0f} CPU-s: exit codes {dict(sorted(self.exits.items()))}; "
            f"{len(self.tracebacks)} tracebacks, {len(self.hangs)} hangs, {len(self.slow)} runaway (over {SLOW:g} CPU-s or the "
            f"render's budget), {len(self.outside)} reads outside the work tree or secrets shown, {len(self.replaced)} files "
            f"replaced or changed outside; slowest {self.slowest[0]:.1f} CPU-s ({self.slowest[1]})"
        )

    def problems(self) -> list[str]:
        return self.tracebacks + self.hangs + self.slow + self.outside + self.replaced


class _Hang(BaseException):
    """Raised by the alarm when a case runs too long."""


class Reads:
    """Every file opened while a case runs, through Python's audit hook (installed once; it cannot be removed)."""

    def __init__(self) -> None:
        self.watch: tuple[str, ...] = ()
        self.seen: list[str] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and self.watch and args and isinstance(args[0], str | bytes | os.PathLike):
            path = os.path.realpath(os.fsdecode(args[0]))
            if path in self.watch or path.startswith(tuple(w.rstrip(os.sep) + os.sep for w in self.watch)):
                self.seen.append(path)


READS: list[Reads] = []
"""The one audit hook of the test process (made on first use)."""


def reads() -> Reads:
    if not READS:
        READS.append(Reads())
    return READS[0]


def invoke(args: list[str]) -> tuple[int, str, BaseException | None]:
    """A kamdoc command in this process: its exit code, what it printed, and the exception it ended in (not SystemExit)."""
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    exc = result.exception if result.exception is not None and not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout + result.stderr, exc


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (git, worker processes)."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def run_case(
    tally: Tally,
    kind: str,
    name: str,
    run: Callable[[], tuple[int, str, BaseException | None]],
    secrets: tuple[str, ...] = (),
    budget: float = SLOW,
) -> tuple[int, str]:
    """Run one case with a time limit, and count what it did; `budget` is the CPU time it may take."""
    watch = reads()
    watch.seen.clear()

    def alarm(signum: int, frame: Any) -> None:
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    start = _cpu()
    code, out, exc = 1, "", None
    try:
        code, out, exc = run()
    except _Hang:
        tally.hangs.append(name)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    used = _cpu() - start
    tally.cases += 1
    tally.cpu += used
    tally.kinds[kind] = tally.kinds.get(kind, 0) + 1
    tally.exits[code] = tally.exits.get(code, 0) + 1
    tally.slowest = max(tally.slowest, (used, name))
    if exc is not None:
        tally.tracebacks.append(f"{name}: {''.join(traceback.format_exception(exc))[-1500:]}")
    elif code not in (0, 1, 2):
        tally.tracebacks.append(f"{name}: exit code {code}: {out[-500:]}")
    elif "Traceback (most recent call last)" in out:
        tally.tracebacks.append(f"{name}: printed a traceback: {out[-1500:]}")
    if used > budget:
        # Only a case over its budget pays for measuring the machine, and it is measured right after the case, when a
        # throttled machine is still throttled.
        factor = machine_factor()
        if used > budget * factor:
            tally.slow.append(f"{name}: {used:.1f} CPU-s (budget {budget:.1f} × machine {factor:.2f})")
    shown = [s for s in secrets if s in out]
    if watch.seen or shown:
        tally.outside.append(f"{name}: {sorted(set(watch.seen))[:3]}{' (secret printed)' if shown else ''}")
    return code, out
