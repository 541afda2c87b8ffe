"""Reading written decks as a person sees them: the texts and titles of PowerPoint slides."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation


def texts(slide: object) -> str:
    parts = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame and shape.text_frame.text:  # lines have empty text frames
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def titles(deck: Path) -> list[str]:
    return [texts(s).strip().split("\n")[0] for s in Presentation(str(deck)).slides]
