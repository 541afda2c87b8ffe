"""Outputs onto hostile targets: init, new and schema follow no link out, replace no device or FIFO, and end in one message."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import kamdoc

REV = "0123456789abcdef0123456789abcdef01234567"
SECRET = "Host prod\n  IdentityFile ~/.ssh/id_ed25519\n"


def _init(folder: Path) -> Any:
    return kamdoc("init", folder, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV)


def _one_error(err: str) -> str:
    """The one message a failed run printed (a traceback, or more than one line, fails the test)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in err, err
    return lines[0]


def _files_under(folder: Path) -> dict[str, str]:
    """Every regular file below `folder`, without following links: what `git add .` would take in."""
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            path = Path(top) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                found[path.relative_to(folder).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return found


def test_init_copies_no_linked_file_into_the_repository_and_says_what_it_left(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config-dir").mkdir(parents=True)
    (home / "ssh-config").write_text(SECRET)
    clone = tmp_path / "clone"
    (clone / ".vscode").mkdir(parents=True)
    for name in (".gitignore", ".gitattributes", ".vscode/settings.json"):
        (clone / name).symlink_to(home / "ssh-config")
    (clone / ".github").symlink_to(home / "config-dir")  # a folder kamdoc writes into, linked out
    (clone / "README.md").symlink_to("kamdoc.yaml")  # a link inside the tree is not followed either
    run = _init(clone)
    assert run.code == 0, run.err
    assert (home / "ssh-config").read_text() == SECRET and list((home / "config-dir").iterdir()) == []
    for name in (".gitignore", ".gitattributes", ".vscode/settings.json", "README.md"):
        assert (clone / name).is_symlink()
        assert (
            f"note: {name}: left alone: it is a symbolic link; kamdoc follows no link and replaces no special file"
            in run.out.splitlines()
        )
    assert (
        "note: .github/workflows/kamdoc.yml: left alone: .github is a symbolic link; kamdoc follows no link and replaces no special file"
        in run.out
    )
    assert not any("IdentityFile" in text for text in _files_under(clone).values())  # nothing of the target came in
    assert {"kamdoc.yaml", ".gitlab-ci.yml", "plans/example/plan.yaml", ".vscode/extensions.json"} <= set(
        _files_under(clone)
    )


def test_init_writes_no_plan_into_a_plans_folder_linked_out(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "clone").mkdir()
    (tmp_path / "clone" / "plans").symlink_to(tmp_path / "elsewhere")
    run = _init(tmp_path / "clone")
    assert run.code == 0, run.err
    assert list((tmp_path / "elsewhere").iterdir()) == []
    for name in ("plans/kap.schema.json", "plans/example/plan.yaml"):
        assert (
            f"note: {name}: left alone: plans is a symbolic link; kamdoc follows no link and replaces no special file"
            in run.out
        )


def test_init_reads_no_fifo_and_leaves_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".pre-commit-config.yaml")  # reading it would wait for ever
    os.mkfifo(tmp_path / "kamdoc.yaml")
    run = _init(tmp_path)
    assert run.code == 0, run.err
    assert stat.S_ISFIFO(os.lstat(tmp_path / ".pre-commit-config.yaml").st_mode) and stat.S_ISFIFO(
        os.lstat(tmp_path / "kamdoc.yaml").st_mode
    )
    assert "note: kamdoc.yaml: left alone: it is not a regular file (a folder, a FIFO or a device)" in run.out


def _outside_link(tmp: Path) -> Path:
    (tmp / "outside.txt").write_text(SECRET)
    (tmp / "tree").mkdir()
    (tmp / "tree" / "out.json").symlink_to(tmp / "outside.txt")
    return tmp / "tree" / "out.json"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "out.json")
    return tmp / "out.json"


def _dangling(tmp: Path) -> Path:
    (tmp / "out.json").symlink_to(tmp / "nowhere" / "file")
    return tmp / "out.json"


TARGETS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "link out of the tree": (_outside_link, "it is a symbolic link"),
    "FIFO": (_fifo, "it is a FIFO, not a regular file"),
    "dangling link": (_dangling, "it is a symbolic link"),
}


@pytest.mark.parametrize("kind", TARGETS)
def test_schema_output_onto_a_link_or_fifo_is_refused_and_left(tmp_path: Path, kind: str) -> None:
    make, reason = TARGETS[kind]
    target = make(tmp_path)
    before = os.lstat(target)
    run = kamdoc("schema", "-o", target)
    assert run.code == 1 and _one_error(run.err).startswith(f"Error: cannot write {target}: {reason}")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (tmp_path / "nowhere").exists()
    if kind == "link out of the tree":
        assert (tmp_path / "outside.txt").read_text() == SECRET
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]  # nothing half-written


def test_schema_output_onto_a_device_is_refused_without_touching_it(tmp_path: Path) -> None:
    # A device node of its own, like /dev/null (1, 3): were the refusal ever lost, the real one would be replaced for the whole machine.
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    before = os.lstat(device)
    run = kamdoc("schema", "-o", device)
    assert run.code == 1 and _one_error(run.err).startswith(f"Error: cannot write {device}: it is a device")
    after = os.lstat(device)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


def test_outputs_under_a_regular_file_end_in_one_message(in_tmp: Path) -> None:
    (in_tmp / "file").write_text("x")
    schema = kamdoc("schema", "-o", in_tmp / "file" / "kap.schema.json")
    assert schema.code == 1 and "a folder on its way is a file" in _one_error(schema.err)
    new = kamdoc("new", "acme", "--plans-dir", in_tmp / "file" / "plans")
    assert new.code == 1 and "Not a directory" in _one_error(new.err)
    init = _init(in_tmp / "file" / "repo")
    assert init.code == 1 and "a folder on its way is a file" in _one_error(init.err)
    assert (in_tmp / "file").read_text() == "x"


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every temporary file fails as on a file system mounted read-only (root writes into read-only folders)."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("command", [("schema", "-o", "kap.schema.json"), ("new", "acme"), ("init", "repo")])
def test_a_read_only_file_system_is_one_message(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    _read_only(monkeypatch)
    args = (*command, "--kamdoc-rev", REV) if command[0] == "init" else command
    run = kamdoc(*args)
    assert run.code == 1 and "Read-only file system" in _one_error(run.err)


def test_a_plan_name_too_long_for_a_folder_is_one_message(in_tmp: Path) -> None:
    run = kamdoc("new", "a" * 300)
    assert run.code == 1 and "too long a plan name" in _one_error(run.err)
    assert not (in_tmp / "plans").exists()


def test_schema_to_a_full_disk_is_one_message() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "kamdoc", "schema"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert run.returncode == 1
    assert _one_error(run.stderr) == "Error: cannot write to standard output: No space left on device; give -o FILE"


@pytest.mark.parametrize("command", [("new", "acme"), ("--version",)])
def test_any_command_to_a_full_disk_is_one_message(tmp_path: Path, command: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "kamdoc", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
    assert run.returncode == 1
    assert _one_error(run.stderr) == "Error: cannot write to standard output: No space left on device"


def test_schema_with_standard_output_closed_is_one_message() -> None:
    run = subprocess.run(
        ["sh", "-c", 'exec "$0" -m kamdoc schema --markdown >&-', sys.executable],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert _one_error(run.stderr) == "Error: cannot write to standard output: it is closed; give -o FILE"


def test_schema_into_a_pipe_closed_early_prints_no_traceback() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "kamdoc", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        err = process.stderr.read()
        process.wait(timeout=60)
    assert first == "{\n" and err == ""


def test_a_pipe_closed_under_schema_ends_quietly_with_1() -> None:
    # This machine's pipes may take all of the schema before the reader goes: a standard output that says EPIPE stands in.
    script = (
        "import errno, io, sys\n"
        "class Closed(io.StringIO):\n"
        "    def write(self, text):\n"
        "        raise BrokenPipeError(errno.EPIPE, 'Broken pipe')\n"
        "sys.stdout = Closed()\n"
        "sys.argv = ['kamdoc', 'schema']\n"
        "from kamdoc.cli import run\n"
        "run()\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stderr) == (1, "")
