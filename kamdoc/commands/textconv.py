"""`kamdoc textconv`: a plan as sorted `path = value` lines, for git's diff driver."""

from __future__ import annotations

import sys
from pathlib import Path

from kamdoc.errors import KamdocError


def run_textconv(file: Path) -> int:
    """Print the lines; a file that is no valid YAML is passed through as it is, so that git still shows a diff. Returns the exit code.

    git hands the driver a regular file: one of the work tree, or a blob it wrote to a folder of its own (a
    link as the text of its target). Anything else (a link out of the tree, a file in `.git/`, a FIFO or a
    device, a file over the plan cap) is someone running it by hand on what is no plan: one message, nothing printed.
    """
    from kamdoc.analyse.canonical import canonical_lines
    from kamdoc.load.document import LoadError, decode_text, find_repo, parse

    tree = find_repo(
        file
    )  # as git names the file, its links not followed: the nearest folder up with kamdoc.yaml or .git
    data = _read(file, tree)
    try:
        text = canonical_lines(parse(decode_text(data, file), file, tree).data)
    except LoadError:
        text = data.decode("utf-8", errors="replace")  # the bytes read and checked above, not the file again
    sys.stdout.write(text)
    return 0


def _read(file: Path, tree: Path) -> bytes:
    """The file's bytes, once, or a KamdocError when it is no plan file of the work tree at `tree`."""
    from kamdoc.limits import MAX_FILE_BYTES
    from kamdoc.load.document import read_in_tree
    from kamdoc.load.files import FileRefused

    try:
        return read_in_tree(file, tree, MAX_FILE_BYTES, str(file))
    except FileRefused as exc:
        # git stops the whole diff when its driver fails: the message says how to see the file without kamdoc.
        raise KamdocError(
            f"{exc}; kamdoc textconv prints nothing for it (git diff --no-textconv shows the file as it is)"
        ) from None
