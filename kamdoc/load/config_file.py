"""Where kamdoc.yaml is and which command-line options it gives defaults for: read before a command runs, without
importing the model that checks the file (a command whose folder has no kamdoc.yaml never needs it)."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "kamdoc.yaml"

# Setting -> (its meaning, the commands and parameters it is the default for).
SETTINGS: dict[str, tuple[str, dict[str, str]]] = {
    "plans": ("The folder that holds the plans.", {"new": "plans_dir"}),
    "language": (
        "The language of new plans (`kamdoc new`): en or de. Every other command speaks each plan's own language unless --language says otherwise.",
        {"new": "language"},
    ),
    "theme": (
        "The theme: the name of one kamdoc ships, or a folder in the repo.",
        {"render": "theme_name", "build": "theme_name", "portfolio": "theme_name", "preview": "theme_name"},
    ),
    "out": ("The folder decks are written to.", {"render": "out", "build": "out", "portfolio": "out"}),
    "formats": ("The formats built: pptx, pdf or pptx,pdf.", {"render": "formats", "build": "formats"}),
    "audience": ("internal or customer.", {"render": "audience", "build": "audience", "preview": "audience"}),
    "require_sources": (
        "true: every key figure of every plan names its source (`source:`, an id from the plan's `sources`); "
        "validation says which do not.",
        {},
    ),
    "history": (
        "How many of a plan's versions the development slide shows after the changes (`render --history`); 0: none.",
        {"render": "history"},
    ),
    "shards": (
        "How many jobs CI builds the decks in, each `kamdoc build --shard I/N` (the workflow kamdoc init writes uses it).",
        {},
    ),
}


def find_config(start: Path) -> Path | None:
    """The nearest kamdoc.yaml from `start` upward, stopping at the repository's top (.git)."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        if (candidate / ".git").exists():
            return None
    return None
