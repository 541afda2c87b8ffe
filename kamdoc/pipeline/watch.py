"""`kamdoc watch`: render a plan again whenever one of its files changes, for editing beside an open deck."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kamdoc.errors import KamdocError
from kamdoc.load.discover import find_plans
from kamdoc.pipeline.listener import SILENT, Listener


def watch(
    paths: list[Path],
    out: Path,
    formats: tuple[str, ...],
    theme_dir: Path | None,
    audience: str,
    today: date,
    say: Listener = SILENT,
    cache: Path | None = None,
) -> int:
    """Render once, then again on every change below the plans' folders (and the theme's), until interrupted; `cache` as for `render_paths`."""
    from watchfiles import watch as changes

    from kamdoc.pipeline.render import render_paths

    plans = find_plans(paths)
    if not plans:
        raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
    folders = sorted({p.absolute().parent for p in plans} | ({theme_dir.absolute()} if theme_dir else set()))
    out_folder = out.absolute()

    def render() -> None:
        try:
            render_paths(paths, out, theme_dir, None, audience, today, formats, say=say, cache=cache)
        except KamdocError as exc:  # a plan being edited may be broken for a moment: say so, keep watching
            say.err(f"error: {exc.message}")

    render()
    say.err(f"watching {', '.join(str(f) for f in folders)} (Ctrl-C to stop)")
    try:
        for batch in changes(*folders, debounce=300, raise_interrupt=False):
            # Our own outputs (and temporary files of atomic writes) are no reason to render again.
            if all(
                out_folder in Path(path).absolute().parents or Path(path).name.endswith(".tmp") for _, path in batch
            ):
                continue
            say.err(f"changed: {', '.join(sorted({Path(p).name for _, p in batch}))}")
            render()
    except KeyboardInterrupt:
        pass
    return 0
