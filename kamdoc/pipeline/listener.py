"""How the pipeline tells a person what it does without printing itself: the command passes in who listens."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol


class Bar(Protocol):
    """A progress bar: told how far the work has gone."""

    def update(self, steps: int) -> None: ...


class Listener(Protocol):
    """Who hears what the pipeline does: results on one channel, progress, warnings and errors on the other."""

    interactive: bool
    """Whether a person watches a terminal (a progress bar), or a log is written (a line per plan)."""

    def out(self, text: str) -> None: ...

    def err(self, text: str) -> None: ...

    def bar(self, length: int, label: str) -> AbstractContextManager[Bar]: ...


class _NoBar:
    """Stands in for a progress bar where no one watches one."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


class Silent:
    """A listener that hears nothing (for tests and callers that only want the results)."""

    interactive = False

    def out(self, text: str) -> None:
        return None

    def err(self, text: str) -> None:
        return None

    def bar(self, length: int, label: str) -> AbstractContextManager[Bar]:
        return _NoBar()


SILENT = Silent()
