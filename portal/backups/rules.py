"""Which backups to keep: the newest of each of the last N days, M ISO weeks and K months that have one (pure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime


def _newest_per_period(stamps: list[datetime], count: int, period: Callable[[datetime], tuple]) -> set[datetime]:
    kept: set[datetime] = set()
    seen: set[tuple] = set()
    for stamp in stamps:  # newest first
        if len(seen) >= count:
            break
        key = period(stamp)
        if key not in seen:
            seen.add(key)
            kept.add(stamp)
    return kept


def backups_to_keep(stamps: Iterable[datetime], *, daily: int, weekly: int, monthly: int) -> set[datetime]:
    """The backups to keep, by the times they were taken (local time).

    Periods are counted among those that have a backup, not back from today: when backups stop, the old ones are
    never pruned away. The newest backup is always kept, whatever the counts.
    """
    ordered = sorted(set(stamps), reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0]}
    kept |= _newest_per_period(ordered, daily, lambda s: (s.date(),))
    kept |= _newest_per_period(ordered, weekly, lambda s: tuple(s.isocalendar())[:2])
    kept |= _newest_per_period(ordered, monthly, lambda s: (s.year, s.month))
    return kept
