"""The process table as tests read it from /proc (Linux): who is whose parent, what runs, what is still alive."""

from __future__ import annotations

from pathlib import Path


def parents() -> dict[int, int]:
    """Every process's parent, by process id."""
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended while it was read
    return found


def children(pid: int) -> set[int]:
    """The processes `pid` started itself."""
    return {child for child, parent in parents().items() if parent == pid}


def forks_below(pid: int) -> dict[int, int]:
    """The processes forked below `pid` (running its program, not a git or other command it started), with their depth."""
    table = parents()
    program = command(pid)
    found: dict[int, int] = {}
    frontier, depth = {pid}, 0
    while frontier:
        depth += 1
        frontier = {child for child, parent in table.items() if parent in frontier and child not in found}
        found.update({child: depth for child in frontier})
    return {child: d for child, d in found.items() if command(child) == program}


def command(pid: int) -> bytes:
    """A process's command line, as /proc holds it (empty once it has ended)."""
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    """Whether a process still runs (a zombie waiting to be reaped does not)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
