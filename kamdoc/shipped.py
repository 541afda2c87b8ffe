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

EXAMPLES = {"en": "halvorsen-logistics", "de": "brenner-werke"}
"""The example plan `kamdoc init` starts a repository with, by language: the project's own complete examples."""


def example_plan(language: str) -> Path:
    """The folder of the example plan in `language`: inside the installed package (kamdoc/examples/), else the source
    checkout's plans/."""
    package = Path(__file__).resolve().parent
    name = EXAMPLES.get(language, EXAMPLES["en"])
    for folder in (package / "examples" / name, package.parent / "plans" / name):
        if (folder / "plan.yaml").is_file():
            return folder
    return package / "examples" / name  # missing: init says so
