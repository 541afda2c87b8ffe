"""What the benchmarks share: timing whole kamdoc processes as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_kamdoc() -> None:
    """Compile kamdoc's modules first, as an installed kamdoc has them.

    Some environments set PYTHONDONTWRITEBYTECODE, which would make every measured run compile kamdoc from source.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kamdoc")], check=True)


def best_of(runs: int, command: list[str], cwd: Path | None = None, expect: int = 0) -> float:
    """The shortest wall time of `runs` runs of `command`; exits with its output if its exit code is not `expect`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            sys.exit(f"{' '.join(command[:4])} … failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return min(times)


def times_of(runs: int, command: list[str], cwd: Path | None = None, expect: int = 0) -> list[float]:
    """The wall times of `runs` runs of `command`; exits with its output if its exit code is not `expect`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            sys.exit(f"{' '.join(command[:4])} … failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return times
