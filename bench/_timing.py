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


def _peak_mb(pid: int) -> float | None:
    """A process's peak resident memory so far (Linux: VmHWM), or None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def memory_of(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """Run `command`, watching its processes' memory (Linux): wall time, the parent's peak MB, the largest worker's peak MB, workers seen."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    parent, workers = 0.0, {}
    while process.poll() is None:
        parent = max(parent, _peak_mb(process.pid) or 0.0)
        for pid in _descendants(process.pid):
            peak = _peak_mb(pid)
            if peak is not None:
                workers[pid] = max(workers.get(pid, 0.0), peak)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} … failed:\n{process.stderr.read()[-2000:] if process.stderr else ''}")
    return seconds, parent, max(workers.values(), default=0.0), len(workers)
