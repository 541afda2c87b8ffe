"""kamdoc: key account plans as code."""

__version__ = "0.1.0"

FORMAT = 1
"""The plan standard's format number this kamdoc reads and writes."""
