"""Room on Python's frame stack for deep work, so that calls near a stack chunk's end do not map memory each time.

CPython keeps its frames in chunks: a call that does not fit in the current chunk maps a new one, and the return
to the chunk before unmaps it again. A loop that calls across that boundary — WeasyPrint laying out a slide's
boxes, one level of nesting deeper than the chunk holds — maps and unmaps memory on every call: 12,000 times for
one half of the stress plan's PDF, 7 % of its printing (CPython issue 142183: later 3.13 and 3.14 releases keep a
spare chunk since March 2026; 3.11 and 3.12 take only security fixes). Work run here starts at the front of a
chunk with half a MiB free, deeper than kamdoc's own recursion goes, so no call inside it crosses a chunk's end.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

ROOM_WORDS = 66_000
"""The slots of the frame that makes the room: just over half a MiB, so CPython maps it a chunk of a whole MiB (it
doubles a chunk's size until the frame fits) and the calls made inside have the other half to themselves. The
memory is only reserved: a page is used when a frame reaches it."""

_here = threading.local()  # each thread has its own frame stack


def _enter(work: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return work(*args, **kwargs)


# The same function with a value stack it never uses, which makes its frame large: a larger co_stacksize than the
# code needs is only unused room (a smaller one would not be safe).
_roomy = types.FunctionType(
    _enter.__code__.replace(co_stacksize=_enter.__code__.co_stacksize + ROOM_WORDS), globals(), "_roomy"
)


def with_stack_room(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`work(*args, **kwargs)`, begun at the front of a roomy stack chunk (or as it is, inside one already)."""
    if getattr(_here, "roomy", False):
        return work(*args, **kwargs)
    _here.roomy = True
    try:
        return _roomy(work, args, kwargs)  # type: ignore[no-any-return]
    finally:
        _here.roomy = False
