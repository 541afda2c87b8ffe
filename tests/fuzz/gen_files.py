"""Seeded generators of hostile files in a work tree, as a `git checkout` can leave them: links out, FIFOs, sparse giants, `.git/` paths.

Each takes a `random.Random` and a folder (inside the work tree), makes one hostile file there and returns its path;
`name` chooses the file's name (to put one where a good file was), else the generator picks one.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

SECRET = "kamdoc-fuzz-secret-3f9a1c"
"""Written into every file that lies outside the work tree or in `.git/`: a test finds it in no output."""
TOKEN_URL = f"https://x-access-token:{SECRET}@github.com/acme/plans.git"
"""The remote a `.git/config` made here names, with its token."""
NAMES = ("plan.yaml", "logo.png", "market.md", "kamdoc.yaml", "theme.yaml", "LiberationSans-Regular.ttf")


def _name(rng: random.Random, name: str | None) -> str:
    """The name asked for, or one a plans repo holds."""
    return name if name is not None else rng.choice(NAMES)


def _top(folder: Path) -> Path:
    """The top of the work tree `folder` lies in: the nearest folder up holding `.git` or `kamdoc.yaml` (else `folder`)."""
    start = folder.absolute()
    return next((f for f in (start, *start.parents) if (f / ".git").exists() or (f / "kamdoc.yaml").is_file()), start)


def _outside(folder: Path) -> Path:
    """A folder beside the work tree, made on first use."""
    top = _top(folder)
    outside = top.parent / f"{top.name}-outside"
    outside.mkdir(exist_ok=True)
    return outside


def _place(folder: Path, name: str) -> Path:
    """Where the hostile file goes: anything there before is removed (as a checkout replaces it)."""
    target = folder / name
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        target.unlink()
    return target


def link_out(rng: random.Random, folder: Path, name: str | None = None, content: bytes | None = None) -> Path:
    """A link to a file outside the work tree (holding SECRET, after `content` when given)."""
    secret = _outside(folder) / f"secret-{rng.randrange(10**9)}{Path(_name(rng, name)).suffix}"
    secret.write_bytes((content or b"") + f"\n{SECRET}\n".encode())
    target = _place(folder, _name(rng, name))
    target.symlink_to(secret)
    return target


def link_to_device(rng: random.Random, folder: Path, name: str | None = None) -> Path:
    """A link to a device that never ends (/dev/zero, /dev/urandom) or never answers (/dev/tty is left out: it may be absent)."""
    target = _place(folder, _name(rng, name))
    target.symlink_to(rng.choice(("/dev/zero", "/dev/urandom")))
    return target


def fifo(rng: random.Random, folder: Path, name: str | None = None) -> Path:
    """A FIFO: whoever opens it to read waits for a writer that never comes."""
    target = _place(folder, _name(rng, name))
    os.mkfifo(target)
    return target


def release(pipe: Path) -> None:
    """Ends the wait of a reader stuck on a FIFO (a test's way out of a hang): a writer opens it and closes it at once."""
    try:
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # nobody is reading it


def sparse(rng: random.Random, folder: Path, name: str | None = None, head: bytes = b"") -> Path:
    """A file of one to eight GB that takes no room on disk: `head`, then holes (zeros) to its end."""
    target = _place(folder, _name(rng, name))
    with target.open("wb") as handle:
        handle.write(head)
        handle.truncate(rng.randint(1, 8) * 1024**3)
    return target


def git_config(rng: random.Random, folder: Path, name: str | None = None) -> Path:
    """The `.git/config` of the work tree `folder` lies in, naming a remote with its token."""
    git = _top(folder) / ".git"
    git.mkdir(exist_ok=True)
    target = git / (name or rng.choice(("config", "FETCH_HEAD", "credentials")))
    target.parent.mkdir(parents=True, exist_ok=True)  # a name with folders (".vscode/settings.json") made inside .git/
    target.write_text(f'[remote "origin"]\n\turl = {TOKEN_URL}\n', encoding="utf-8")
    return target


def link_into_git(rng: random.Random, folder: Path, name: str | None = None) -> Path:
    """A link in `folder` to its work tree's `.git/config`: inside the tree as a path, git's own as a file."""
    config = git_config(rng, folder)
    target = _place(folder, _name(rng, name))
    target.symlink_to(os.path.relpath(config, target.parent))
    return target


GENERATORS: tuple[Callable[..., Path], ...] = (link_out, link_to_device, fifo, sparse, git_config, link_into_git)


def hostile_file(rng: random.Random, folder: Path, name: str | None = None) -> Path:
    """One hostile file of any of the kinds above."""
    return rng.choice(GENERATORS)(rng, folder, name)
