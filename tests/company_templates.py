"""Company PowerPoint templates made for tests with python-pptx."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu


def make_template(path: Path, width: int = 12192000, rename: dict[str, str] | None = None) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(6858000)
    for layout in prs.slide_layouts:
        if rename and layout.name in rename:
            layout.name = rename[layout.name]
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "Company sample slide"
    prs.save(str(path))
    return path
