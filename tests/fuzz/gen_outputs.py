"""Seeded generators of hostile output targets: where a command is told to write, a clone has put a link, a FIFO, a device or a file.

Each takes a `random.Random` and a folder of the work tree, makes one hostile target there and returns it as a
`Target`: the path a command is to write, whether kamdoc must refuse it, and what must stay as it was.
"""

from __future__ import annotations

import os
import random
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SECRET = b"kamdoc-outputs-fuzz-secret-7d2e\n"
"""Written into every file outside the work tree: it must stay there, unchanged, and nowhere else."""
SUFFIXES = (".pptx", ".pdf", ".html", ".json", ".md", ".yaml")


@dataclass(frozen=True)
class Target:
    """A place an output is told to go, and what writing there must leave alone."""

    path: Path
    kind: str
    refused: bool = True  # kamdoc must say no (exit 1, one message) rather than write
    kept: tuple[Path, ...] = ()  # files and folders that must be exactly as they were


def _name(rng: random.Random) -> str:
    return f"out-{rng.randrange(10**6)}{rng.choice(SUFFIXES)}"


def _outside(folder: Path) -> Path:
    """A folder beside the work tree's folder (the tree is `folder`'s parent when it holds .git, else `folder`)."""
    top = folder.parent if (folder.parent / ".git").exists() else folder
    outside = top.parent / f"{top.name}-outside"
    outside.mkdir(exist_ok=True)
    return outside


def link_to_file_outside(rng: random.Random, folder: Path) -> Target:
    """An output that is a link to a file outside the tree (think ~/.ssh/config)."""
    secret = _outside(folder) / f"secret-{rng.randrange(10**6)}"
    secret.write_bytes(SECRET)
    path = folder / _name(rng)
    path.symlink_to(secret if rng.random() < 0.5 else os.path.relpath(secret, folder))
    return Target(path, "link to a file outside", kept=(path, secret))


def link_to_folder_outside(rng: random.Random, folder: Path) -> Target:
    """An output inside a folder that is a link to a folder outside the tree (only a writer that knows the tree refuses it)."""
    away = _outside(folder) / f"folder-{rng.randrange(10**6)}"
    away.mkdir()
    link = folder / f"linked-{rng.randrange(10**6)}"
    link.symlink_to(away)
    return Target(link / _name(rng), "folder linked outside", refused=False, kept=(link,))


def dangling_link(rng: random.Random, folder: Path) -> Target:
    """An output that is a link to nothing yet (writing through it would make a file wherever it points)."""
    path = folder / _name(rng)
    path.symlink_to(_outside(folder) / f"not-yet-{rng.randrange(10**6)}")
    return Target(path, "dangling link", kept=(path,))


def link_inside(rng: random.Random, folder: Path) -> Target:
    """An output that is a link to another file of the tree: not followed either."""
    other = folder / f"other-{rng.randrange(10**6)}.txt"
    other.write_text("the team's own file\n")
    path = folder / _name(rng)
    path.symlink_to(other.name)
    return Target(path, "link inside the tree", kept=(path, other))


def fifo(rng: random.Random, folder: Path) -> Target:
    """An output that is a FIFO: opening it would wait for a reader for ever, replacing it loses it."""
    path = folder / _name(rng)
    os.mkfifo(path)
    return Target(path, "FIFO", kept=(path,))


def device(rng: random.Random, folder: Path) -> Target:
    """An output that is a device node of its own, like /dev/null (root only; a FIFO otherwise)."""
    path = folder / _name(rng)
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:  # not root: a FIFO is the special file that can be made
        os.mkfifo(path)
    return Target(path, "device", kept=(path,))


def file_as_parent(rng: random.Random, folder: Path) -> Target:
    """An output whose folder is a regular file, as on a file system where no folder can be made."""
    blocker = folder / f"file-{rng.randrange(10**6)}"
    blocker.write_text("a file where a folder should be\n")
    deeper = "/".join(f"d{rng.randrange(100)}" for _ in range(rng.randrange(3)))
    return Target(blocker / deeper / _name(rng) if deeper else blocker / _name(rng), "file as parent", kept=(blocker,))


def read_only_folder(rng: random.Random, folder: Path) -> Target:
    """An output in a folder without write permission (root writes there all the same: then it is written, whole)."""
    locked = folder / f"locked-{rng.randrange(10**6)}"
    locked.mkdir()
    locked.chmod(0o555)
    return Target(locked / _name(rng), "read-only folder", refused=os.geteuid() != 0)


GENERATORS: tuple[Callable[[random.Random, Path], Target], ...] = (
    link_to_file_outside,
    link_to_folder_outside,
    dangling_link,
    link_inside,
    fifo,
    device,
    file_as_parent,
    read_only_folder,
)


def any_target(rng: random.Random, folder: Path) -> Target:
    """One hostile target of a kind the seed picks."""
    return rng.choice(GENERATORS)(rng, folder)


def state(paths: tuple[Path, ...]) -> list[tuple[int, int, int, bytes]]:
    """What the paths are, without following a link: type and mode, inode, device number, and a regular file's bytes."""
    found = []
    for path in paths:
        info = os.lstat(path)
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        found.append((info.st_mode, info.st_ino, info.st_rdev, data))
    return found


def outside_state(folder: Path) -> list[tuple[str, bytes]]:
    """Every file beside the tree, with its bytes: what a run must leave exactly as it was."""
    outside = _outside(folder)
    return sorted(
        (str(p.relative_to(outside)), p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
        for p in outside.rglob("*")
    )
