"""`kamdoc build --merge`: the build folders of CI shards joined into one, decks and manifest, as one build would have made them."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.limits import MAX_DECK_BYTES
from kamdoc.load.discover import shown_path
from kamdoc.pipeline.build import MANIFEST, _sealed, _well_formed, read_manifest, save_manifest, seal
from kamdoc.pipeline.render import output_error, write_atomically


def _manifest(part: Path) -> dict[str, Any]:
    """A shard's manifest, read with a cap and checked: it comes from an artifact anyone's pull request could have made."""
    from kamdoc.load.files import FileRefused

    try:
        data = read_manifest(part)
    except FileNotFoundError:
        raise KamdocError(f"{part}: no {MANIFEST}; give the output folders of `kamdoc build --shard I/N`") from None
    except (FileRefused, ValueError, RecursionError, OSError) as exc:
        raise KamdocError(f"{part / MANIFEST}: not a manifest kamdoc wrote ({exc})") from None
    entries = data.get("plans") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(_shaped(e) for e in entries):
        raise KamdocError(f"{part / MANIFEST}: not a manifest kamdoc wrote (its entries have another shape)")
    if not isinstance(data.get("formats"), list) or not isinstance(data.get("audience"), str):
        raise KamdocError(f"{part / MANIFEST}: not a manifest kamdoc wrote (no formats or audience)")
    return dict(data)


def _shaped(entry: Any) -> bool:
    """Whether a manifest entry has a shape `build` writes: a plan built, or one that failed before its key was known (no decks)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("error", ""), str):
        return False
    if entry.get("key") == "":  # failed at validation: no key, no decks, and the error says why
        return bool(entry.get("error")) and not entry.get("outputs") and _well_formed({**entry, "key": "0" * 64})
    return _well_formed(entry)


def _failure(entry: dict[str, Any], formats: list[str]) -> str | None:
    """Why a shard's plan failed (its error, its first error finding, or decks missing), or None when it did not."""
    errors = [f"{f['field']}: {f['message']}" for f in entry["findings"] if f["severity"] == "error"]
    if entry.get("error") or errors:
        return str(entry.get("error") or errors[0])
    if len(entry["outputs"]) < len(formats):
        return "its decks are missing"
    return None


def _deck(part: Path, name: str, digest: str) -> tuple[str, bytes]:
    """One deck a shard's manifest names, found in the shard's folder by its file name (decks lie flat in a build folder):
    a regular file, no larger than a deck may be, with the hash the manifest says."""
    file_name = PurePosixPath(name).name
    if not file_name or file_name in (".", "..", MANIFEST) or "\\" in file_name:
        raise KamdocError(f"{part / MANIFEST}: names {name!r}, which is no deck")
    file = part / file_name
    if file.is_symlink() or not file.is_file():
        raise KamdocError(f"{file}: named in {MANIFEST} but missing or not a regular file")
    with file.open("rb") as handle:
        data = handle.read(MAX_DECK_BYTES + 1)
    if len(data) > MAX_DECK_BYTES or hashlib.sha256(data).hexdigest() != digest:
        raise KamdocError(f"{file}: not the deck {MANIFEST} names (its hash differs)")
    return file_name, data


def merge_builds(parts: list[Path], out: Path) -> int:
    """Join the shards' build folders into `out`; returns 0, or raises KamdocError naming each plan that failed in its shard (after merging the rest)."""
    manifests = [(part, _manifest(part)) for part in parts]
    kinds = {(tuple(m["formats"]), m["audience"]) for _, m in manifests}
    if len(kinds) > 1:
        raise KamdocError(
            "the shards were built with different formats or audiences: "
            + "; ".join(f"{part}: {', '.join(m['formats'])} for {m['audience']}" for part, m in manifests)
        )
    entries: dict[str, dict[str, Any]] = {}
    decks: dict[str, bytes] = {}
    where: dict[str, Path] = {}
    for part, manifest in manifests:
        for entry in manifest["plans"]:
            if entry["plan"] in where:
                raise KamdocError(
                    f"{entry['plan']} is in two shards ({where[entry['plan']]} and {part}); each plan belongs to one"
                )
            where[entry["plan"]] = part
            outputs = {}
            for name, digest in entry["outputs"].items():
                file_name, data = _deck(part, name, digest)
                if file_name in decks:
                    raise KamdocError(f"{part}: {file_name} comes from two plans")
                decks[file_name] = data
                outputs[shown_path(out / file_name)] = digest  # named as a build into `out` names it
            if not _sealed(entry):
                raise KamdocError(
                    f"{part / MANIFEST}: {entry['plan']}: its seal does not match this CI's secret; build that shard again"
                )
            merged_entry = {k: v for k, v in entry.items() if k != "seal"} | {"outputs": outputs}
            if seal(merged_entry):
                merged_entry["seal"] = seal(merged_entry)
            entries[entry["plan"]] = merged_entry
    for name, data in sorted(decks.items()):
        try:
            write_atomically(out / name, data)
        except OSError as exc:
            raise output_error(out / name, exc) from None
    formats, audience = next(iter(kinds)) if kinds else ((), "internal")
    save_manifest(out, tuple(formats), audience, [entries[p] for p in sorted(entries)])
    failed = [
        f"{plan} failed in {where[plan]} ({why})"
        for plan in sorted(entries)
        if (why := _failure(entries[plan], list(formats)))
    ]
    if failed:  # the other plans' decks are merged, as `build` writes them; the run fails as that build did
        raise KamdocError(f"{'; '.join(failed)}; the other plans' decks are merged into {out}")
    return 0
