"""Scaffolding: `kamdoc new` writes a commented plan with every section, valid from the start."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from kamdoc.errors import CommandLineError, KamdocError
from kamdoc.limits import MAX_NAME_BYTES
from kamdoc.standard.schema import schema_text
from kamdoc.standard.sections import SECTIONS

SCHEMA_FILE = "kap.schema.json"
"""The JSON Schema kept beside the plan folders, which every plan's modeline names."""

# Guidance goes in comments, never into values: a value's words end up on a slide (issue 31).
ACCOUNT_HINT = {"en": "                # the customer's name", "de": "                # der Name des Kunden"}
MANAGER_HINT = {"en": "                # your name", "de": "                # dein Name"}

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def _yaml_text(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for any name a user types.
    return json.dumps(value, ensure_ascii=False)


def _git_user() -> str | None:
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = out.stdout.strip()
    return name or None


def new_plan(
    slug: str, plans_dir: Path, language: str, today: date, account: str | None = None, manager: str | None = None
) -> Path:
    """Write `plans_dir/slug/plan.yaml` (and the schema beside the plans if missing); refuses to overwrite."""
    if not _SLUG.match(slug):
        raise CommandLineError(
            f"{slug!r} is not a valid plan name: use lower-case letters, digits, - and _, e.g. acme-robotics"
        )
    if len(slug.encode("utf-8")) > MAX_NAME_BYTES:
        raise KamdocError(
            f"{slug[:40]!r}… is too long a plan name: it names a folder, and a folder's name has at most {MAX_NAME_BYTES} bytes"
        )
    target = plans_dir / slug / "plan.yaml"
    if os.path.lexists(target):
        raise KamdocError(f"{target} already exists; kamdoc new never overwrites a plan (pick another name or edit it)")
    manager = manager or _git_user()
    template = scaffold_text(language)
    values = {
        "schema": f"../{SCHEMA_FILE}",
        "account": _yaml_text(account) if account else "TODO" + (ACCOUNT_HINT[language]),
        "account_comment": (account or ("a new customer" if language == "en" else "einen neuen Kunden")).replace(
            "\n", " "
        ),
        "kam": _yaml_text(manager) if manager else "TODO" + (MANAGER_HINT[language]),
        "version": today.isoformat(),
        "next_review": (today + timedelta(days=91)).isoformat(),
        "horizon": str(today.year + 4),
        "deadline": date(today.year + 1, 12, 31).isoformat(),
        "plan_year": str(today.year + 1),
    }
    text = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template) + _assessment_stub(plans_dir, language)
    schema = plans_dir / SCHEMA_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(target, text)
        if not os.path.lexists(schema):  # a link there, even a broken one, is not ours to replace
            _write_new(schema, schema_text(language))  # the editors' help in the plan's language
    except OSError as exc:  # a name too long, a file where a folder goes, a read-only or full disk
        raise KamdocError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from None
    return target


def _assessment_stub(plans_dir: Path, language: str) -> str:
    """The assessment, as comments, with one line per selection criterion and knock-out the repository's kamdoc.yaml
    names (nothing when it names none): what the portfolio needs to place the account."""
    from kamdoc.load.document import find_repo
    from kamdoc.load.settings import programme_for

    try:
        programme = programme_for(find_repo(plans_dir.absolute() / "plan.yaml"))
    except KamdocError:
        return ""  # a broken kamdoc.yaml is said by the commands that use it
    if not programme.criteria and not programme.knock_outs:
        return ""
    de = language == "de"
    lines = [
        "",
        "# Auswahl des Kunden: je Kriterium aus kamdoc.yaml eine Note 1..5 und ihr Grund, je K.-o.-Kriterium eine Antwort."
        if de
        else "# Account selection: a score 1..5 and its reason for each criterion in kamdoc.yaml, an answer to each knock-out.",
        "# assessment:",
        "#   partnership: operative            # lean | operative | strategic",
    ]
    if programme.criteria:
        lines.append("#   scores:")
        lines += [f"#     {c.id}: {{score: 3, reason: {'…'}}}   # {c.name}" for c in programme.criteria]
    if programme.knock_outs:
        lines.append("#   knock_outs:")
        lines += [f"#     {k.id}: {{met: true, reason: {'…'}}}   # {k.name}" for k in programme.knock_outs]
    return "\n".join(lines) + "\n"


def scaffold_text(language: str) -> str:
    """The commented plan with {{placeholders}}: the head of the file, then each section's text from the registry."""
    head = (Path(__file__).parent / f"head.{language}.yaml").read_text(encoding="utf-8")
    texts = [s.scaffold[language == "de"] for s in SECTIONS if s.scaffold[language == "de"]]
    return head + "".join(f"\n{text}" for text in texts)


def _write_new(target: Path, text: str) -> None:
    """Write a file that must not exist yet, completely or not at all."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; a plan is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        try:
            os.link(tmp, target)  # fails if the target appeared meanwhile: never overwrite
        except FileExistsError:
            raise KamdocError(f"{target} already exists; kamdoc new never overwrites a file") from None
    finally:
        os.unlink(tmp)
