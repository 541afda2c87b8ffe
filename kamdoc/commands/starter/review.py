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
        "# Run `kamdoc init --review --force` again after changing them. With branch protection's",
        '# "Require review from Code Owners", a change to a plan asks its owners or an approver to review it.',
        "",
    ]
    everyone = " ".join(approvers)
    if everyone:
        lines += [f"/{plans}/ {everyone}", f"/kamdoc.yaml {everyone}", f"/{CODEOWNERS} {everyone}"]
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
    text = codeowners_text(programme.owners, programme.approvers, plans)
    existing = root / CODEOWNERS
    if existing.is_file() and not existing.is_symlink():
        from kamdoc.commands.starter import _mine, read_own

        try:
            ours = _mine(read_own(existing))
        except (OSError, ValueError):
            ours = False
        if not ours:
            notes.append(f"{CODEOWNERS} is the team's own: kept as it is; kamdoc's lines for it would be:\n{text}")
            return {}, notes
    return {CODEOWNERS: text}, notes
