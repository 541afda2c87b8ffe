"""The test plans of a section (tests/data/<section>/): read and validated, or copied with one edit."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import DATA, TODAY, kamdoc

from kamdoc.validate.plan import Result, validate_file


def valid(path: Path) -> Result:
    """A test plan validated on the suite's day; it must be valid."""
    result = validate_file(path, date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None, [f.message for f in result.errors]
    return result


def customer_text(plan: Path, out: Path) -> str:
    """Every text frame of the customer's PowerPoint copy of the plan at `plan`, rendered into `out`, in order."""
    from pptx import Presentation

    run = kamdoc("render", plan.parent, "--to", "pptx", "--audience", "customer", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    slides = Presentation(str(next(out.glob("*.pptx")))).slides
    return " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)


def edited(section: str, tmp_path: Path, old: str, new: str) -> Path:
    """The section's test plan copied to `tmp_path` with the first `old` written `new`: its plan.yaml."""
    folder = tmp_path / "p"
    shutil.copytree(DATA / section, folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan
