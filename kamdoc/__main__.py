"""Run kamdoc as `python -m kamdoc`."""

from kamdoc.cli import run

run()
