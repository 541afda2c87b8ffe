"""`kamdoc textconv`: a plan as sorted `path = value` lines, for git's diff driver."""

from __future__ import annotations

import sys
from pathlib import Path


def run_textconv(file: Path) -> int:
    """Print the lines; returns the exit code."""
    from kamdoc.analyse.canonical import canonical_lines

    sys.stdout.write(canonical_lines(file))
    return 0
