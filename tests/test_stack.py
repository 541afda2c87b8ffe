"""Room on the frame stack: work runs as called, and calls across a stack chunk's end inside it map no memory."""

from __future__ import annotations

import sys
import threading

import pytest

from kamdoc.stack import with_stack_room


def test_the_work_gets_its_arguments_and_gives_its_answer() -> None:
    assert with_stack_room(lambda a, b, c=0: (a, b, c), 1, 2, c=3) == (1, 2, 3)


def test_an_error_in_the_work_reaches_the_caller_and_the_next_call_makes_room_again() -> None:
    def fails() -> None:
        raise KeyError("inside")

    with pytest.raises(KeyError, match="inside"):
        with_stack_room(fails)
    frames: list[str] = []
    with_stack_room(lambda: frames.append(sys._getframe(1).f_code.co_name))
    assert frames == ["_enter"]  # called from the roomy frame, not directly


def test_work_inside_the_room_runs_as_it_is_and_other_threads_get_their_own() -> None:
    called_from: list[str] = []

    def caller() -> None:
        called_from.append(sys._getframe(1).f_code.co_name)

    def outer() -> None:
        with_stack_room(caller)  # already roomy: called directly from with_stack_room
        thread = threading.Thread(target=lambda: with_stack_room(caller))
        thread.start()
        thread.join()

    with_stack_room(outer)
    assert called_from == ["with_stack_room", "_enter"]


def _down(depth: int) -> int:
    return _down(depth - 1) + 1 if depth else 0


def _calls_across_chunk_ends() -> int:
    """Calls at every depth to 300 frames, a hundred each: whatever depth a chunk ends at, many calls cross it."""
    return sum(_down(depth) for depth in range(300) for _ in range(100))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts the process's page faults as Linux does")
def test_calls_across_a_chunk_end_inside_the_room_fault_in_no_fresh_memory() -> None:
    import resource

    with_stack_room(_calls_across_chunk_ends)  # the room's own pages touched once
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    with_stack_room(_calls_across_chunk_ends)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    # Without the room, CPython 3.11 and 3.12 map a fresh chunk for each call that crosses the end (thousands).
    assert faults < 300
