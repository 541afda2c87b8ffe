"""`kamdoc init --review`: CODEOWNERS from kamdoc.yaml's owners and approvers, so that each plan's change asks its
keepers, and approving a plan asks an approver."""

from __future__ import annotations

from pathlib import Path

from kamdoc import __version__

CODEOWNERS = "CODEOWNERS"
"""At the repository's top, where GitHub and GitLab both read it."""


def codeowners_text(owners: dict[str, list[str]], approvers: list[str], plans: str) -> str:
    """The CODEOWNERS file: the plans folder and kamdoc.yaml to the approvers; each plan folder of `owners` to its
    owners with the approvers as co-owners (the last matching line wins, so the plan folders come after)."""
    lines = [
        f"# Written by `kamdoc init` (kamdoc {__version__}) with --review, from kamdoc.yaml's `owners:` and `approvers:`.",
        "# Run `kamdoc init --review --force` again after changing them (kamdoc.yaml and the pin stay). With branch protection's",
        '# "Require review from Code Owners", a change to a plan asks its owners or an approver to review it.',
        "",
    ]
    everyone = " ".join(approvers)
    if everyone:
        # The workflow too: a pull request that edits the approval check needs an approver as much as one that
        # approves a plan.
        lines += [
            f"/{plans}/ {everyone}",
            f"/kamdoc.yaml {everyone}",
            f"/{CODEOWNERS} {everyone}",
            f"/.github/ {everyone}",
        ]
    else:
        lines.append('# kamdoc.yaml names no approvers yet: add `approvers: ["@your-org/sales-directors"]`.')
    for folder, people in sorted(owners.items()):
        keepers = " ".join(dict.fromkeys([*people, *approvers]))
        lines.append(f"/{folder.strip('/')}/ {keepers}")
    return "\n".join(lines) + "\n"


def review_files(root: Path, plans: str) -> tuple[dict[str, str], list[str]]:
    """The CODEOWNERS to write for the repository at `root` (its kamdoc.yaml's settings), and notes for the user."""
    from kamdoc.load.settings import programme_for

    programme = programme_for(root)
    notes = []
    if not programme.approvers:
        notes.append(
            'kamdoc.yaml names no approvers: add `approvers: ["@your-org/sales-directors"]` and run '
            "`kamdoc init --review --force` again; until then no pull request can set a plan to approved"
        )
    notes += [
        f"owners: {folder} is no folder here: check its spelling (reminders for its plans go to CODEOWNERS instead)"
        for folder in programme.owners
        if not (root / folder.strip("/")).is_dir()
    ]
    text = codeowners_text(programme.owners, programme.approvers, plans)
    from kamdoc.load.owners import CODEOWNERS_PLACES

    for place in CODEOWNERS_PLACES:  # GitHub and GitLab read the first they find: a team's own one wins
        existing = root / place
        if existing.exists() and not _ours(existing):
            notes.append(f"{place} is the team's own: kept as it is; add kamdoc's lines to it:\n{text}")
            return {}, notes
    return {CODEOWNERS: text}, notes


def _ours(path: Path) -> bool:
    """Whether a CODEOWNERS file is one kamdoc wrote (its first lines carry init's mark)."""
    from kamdoc.commands.starter import _mine, read_own

    if not path.is_file() or path.is_symlink():
        return False
    try:
        return _mine(read_own(path))
    except (OSError, ValueError):
        return False
