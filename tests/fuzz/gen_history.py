"""Seeded generators of odd git histories: commit dates after the year 9999, and time zones no place has.

Every generator takes a `random.Random`, so a case is made again from its seed alone.
"""

from __future__ import annotations

import random

ODD_SECONDS = [300_000_000_000, 253_402_300_800, 253_402_300_799, 9_999_999_999_999, 4_102_444_800, 1, 0]
"""Seconds since 1970 that hurt: after 9999, its last second, far beyond, 2100, the epoch itself."""
ODD_ZONES = ["+9959", "-9959", "+2400", "-2400", "+1400", "-1200", "+0000", "-0000", "+0530"]
"""Zones git accepts: beyond a day, the widest real ones, minus zero, a half hour."""


def commit_date(rng: random.Random) -> str:
    """A GIT_COMMITTER_DATE (or GIT_AUTHOR_DATE) value git accepts: an odd moment or an odd zone, often both."""
    seconds = rng.choice(ODD_SECONDS) if rng.random() < 0.7 else rng.randrange(0, 2**40)
    return f"@{seconds} {rng.choice(ODD_ZONES)}"


def history(rng: random.Random, commits: int) -> list[str]:
    """Commit dates for a history this long: mostly ordinary days of 2026, some odd ones among them."""
    return [
        commit_date(rng) if rng.random() < 0.4 else f"@{1_767_225_600 + rng.randrange(0, 30_000_000)} +0100"
        for _ in range(commits)
    ]
