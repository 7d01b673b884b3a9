"""The on-time rate: one rule for the head's board (per office and per reviewer) and the city overview."""

from __future__ import annotations


def on_time_rate(*, on_time: int, decided: int, overdue: int) -> int | None:
    """Whole per cent of the cases that count that were decided by their deadline, or None when none count.

    What counts: the cases decided in the period (`on_time` of them by their deadline) and the open cases already
    past their deadline, which can no longer be decided in time, so they count as late now rather than only when
    they are at last decided."""
    counted = decided + overdue
    return round(100 * on_time / counted) if counted else None
