"""Make docs/*.png: the cover, power map (a branch slide) and financials of the German example, from its PDF deck, which
draws what PowerPoint draws from the PPTX (LibreOffice re-routes the power map's glued lines; see docs/power-map/).

Needs poppler (pdftoppm). Run: python docs/screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
WANTED = {"cover": "Brenner Werke AG", "power-map": "Power-Map", "financials": "Finanzplanung"}


def main() -> None:
    if not shutil.which("pdftoppm"):
        sys.exit("needs pdftoppm (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kamdoc",
                "render",
                str(ROOT / "plans" / "brenner-werke"),
                "--to",
                "pptx,pdf",
                "--out",
                str(out),
            ],
            check=True,
            cwd=ROOT,
        )
        deck = out / "brenner-werke.pptx"
        titles = []
        for slide in Presentation(str(deck)).slides:
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
            titles.append(texts[0] if texts else "")
        for name, title in WANTED.items():
            page = next((i for i, t in enumerate(titles, 1) if t == title), None) or next(
                i for i, t in enumerate(titles, 1) if t.startswith(title)
            )
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "80",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(out / "brenner-werke.pdf"),
                    str(ROOT / "docs" / name),
                ],
                check=True,
            )
            print(f"docs/{name}.png: slide {page}")


if __name__ == "__main__":
    main()
