"""The one atomic writer replaces only regular files: a link, a FIFO, a device or a folder where an output goes is refused and left."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc

from kamdoc.pipeline.render import OutputRefused, write_atomically

SECRET = b"-----BEGIN OPENSSH PRIVATE KEY-----\n"


def _state(path: Path) -> tuple[int, int, int]:
    """What a file is, without following it: its type and mode, its inode and (for a device) its number."""
    found = os.lstat(path)
    return found.st_mode, found.st_ino, found.st_rdev


def _refused(target: Path, root: Path | None = None) -> str:
    """The reason write_atomically gives for refusing `target`, having checked that it left it as it was."""
    before = _state(target) if os.path.lexists(target) else None
    with pytest.raises(OutputRefused) as refused:
        write_atomically(target, b"kamdoc's output\n", root)
    assert (_state(target) if os.path.lexists(target) else None) == before
    if target.parent.is_dir():
        assert not [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]  # nothing half-written
    return str(refused.value.strerror)


def test_a_link_to_a_file_outside_is_neither_followed_nor_replaced(tmp_path: Path) -> None:
    (tmp_path / "id_ed25519").write_bytes(SECRET)
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "deck.pptx").symlink_to(tmp_path / "id_ed25519")
    assert _refused(tmp_path / "tree" / "deck.pptx").startswith("it is a symbolic link")
    assert (tmp_path / "id_ed25519").read_bytes() == SECRET


def test_a_fifo_a_folder_and_a_device_are_left(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.pdf")
    assert _refused(tmp_path / "fifo.pdf").startswith("it is a FIFO, not a regular file")
    (tmp_path / "folder.pdf").mkdir()
    assert _refused(tmp_path / "folder.pdf").startswith("it is a folder, not a regular file")
    try:  # a device node of the test's own, like /dev/null: the real one must never be at stake
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        return  # not root: no device node can be made, and none replaced either
    assert _refused(tmp_path / "null").startswith("it is a device, not a regular file")


def test_a_folder_outside_the_tree_or_in_git_is_refused_when_the_tree_is_given(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "tree" / ".git").mkdir(parents=True)
    (tmp_path / "tree" / ".github").symlink_to(tmp_path / "outside")
    assert "outside" in _refused(tmp_path / "tree" / ".github" / "kamdoc.yml", tmp_path / "tree")
    assert "in .git/" in _refused(tmp_path / "tree" / ".git" / "hooks" / "pre-commit", tmp_path / "tree")
    assert list((tmp_path / "outside").iterdir()) == [] and not (tmp_path / "tree" / ".git" / "hooks").exists()


def test_a_regular_file_is_still_replaced_whole(tmp_path: Path) -> None:
    (tmp_path / "deck.pdf").write_bytes(b"old")
    write_atomically(tmp_path / "deck.pdf", b"new", tmp_path)
    assert (tmp_path / "deck.pdf").read_bytes() == b"new" and stat.S_ISREG(os.lstat(tmp_path / "deck.pdf").st_mode)


def test_render_onto_a_linked_deck_is_one_message_and_leaves_the_link(in_tmp: Path) -> None:
    shutil.copytree(PLANS / "halvorsen-logistics", in_tmp / "plans" / "halvorsen-logistics")
    (in_tmp / "secret").write_bytes(SECRET)
    (in_tmp / "build").mkdir()
    (in_tmp / "build" / "halvorsen-logistics.pptx").symlink_to(in_tmp / "secret")
    run = kamdoc("render", "plans", "--to", "pptx", "--today", TODAY)
    assert run.code == 1
    assert (
        "Error: cannot write build/halvorsen-logistics.pptx: it is a symbolic link" in run.err
        and "Traceback" not in run.err
    )
    assert (in_tmp / "build" / "halvorsen-logistics.pptx").is_symlink() and (in_tmp / "secret").read_bytes() == SECRET
