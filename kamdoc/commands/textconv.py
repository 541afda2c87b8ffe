"""`kamdoc textconv`: a plan as sorted `path = value` lines, for git's diff driver."""

from __future__ import annotations

import sys
from pathlib import Path


def run_textconv(file: Path) -> int:
    """Print the lines; a file that is no valid YAML is passed through as it is, so that git still shows a diff. Returns the exit code."""
    from kamdoc.analyse.canonical import canonical_lines
    from kamdoc.load.document import LoadError, read_plan

    try:
        text = canonical_lines(read_plan(file).data)
    except LoadError:
        text = file.read_text(encoding="utf-8", errors="replace")
    sys.stdout.write(text)
    return 0
