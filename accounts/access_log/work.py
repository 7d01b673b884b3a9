"""What staff did, as the apps above count it (tickets served, cases handled): each registers a counter here from
its AppConfig.ready(), so the access log compares reading with work without importing any higher app."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime

# A counter: (user ids, since) -> {user id: how many tasks}.
WorkCounter = Callable[[list[int], datetime], dict[int, int]]
_COUNTERS: dict[str, WorkCounter] = {}


def register_work_counter(name: str, counter: WorkCounter) -> None:
    _COUNTERS[name] = counter


def work_done(*, user_ids: Iterable[int], since: datetime) -> Counter:
    """Tasks per user since a moment, summed over every registered counter (one query per counter)."""
    ids, total = list(user_ids), Counter()
    if not ids:
        return total
    for counter in _COUNTERS.values():
        total.update(counter(ids, since))
    return total
