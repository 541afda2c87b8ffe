"""What kamdoc ships beside its code: the themes folder, found in an installed wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def _shipped_themes() -> Path:
    """The themes kamdoc ships: inside the installed package (a wheel), else beside it in a source checkout.

    The source tree keeps `templates/` at its top; the wheel carries it as `kamdoc/templates/`.
    """
    package = Path(__file__).resolve().parent
    for folder in (package / "templates", package.parent / "templates"):
        if (folder / "default" / "theme.yaml").is_file():
            return folder
    return package / "templates"  # missing: load_theme says so


THEMES_DIR = _shipped_themes()
"""The folder of the themes kamdoc ships (`default` among them)."""
