"""Pure policy of the hall: calling order, ticket codes, waits, no-shows, check-in and booking windows, figures.

No database here: the services and selectors apply these rules, and tests/counter/test_rules.py covers them.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

# Ticket categories and their letter on the ticket: one queue, three kinds of numbers.
ORDINARY, PRIORITY, APPOINTMENT = "ordinary", "priority", "appointment"
PREFIX = {ORDINARY: "A", PRIORITY: "B", APPOINTMENT: "C"}

# Calling order: a ticket transferred to this window, then appointments whose slot has begun,
# then priority (elderly, disabled, pregnant), then everyone else, first come first served.
# An appointment ticket taken before its slot begins waits like an ordinary one until then.
RANK_TRANSFERRED, RANK_APPOINTMENT, RANK_PRIORITY, RANK_ORDINARY = 0, 1, 2, 3

# A called ticket may be marked a no-show only after this many recalls.
RECALLS_BEFORE_NO_SHOW = 2
# The desk marks the hall's longest wait once someone has waited this long.
LONG_WAIT_MINUTES = 30
# Until the hall has handled tickets today, a wait is estimated with this handling time.
DEFAULT_HANDLING_SECONDS = 6 * 60

# Appointments: booking from tomorrow up to this many days ahead; check-in from this long before the slot
# begins until it ends; an appointment not checked in this long after its slot ended is a no-show.
BOOKING_DAYS_AHEAD = 14
# The longest range of days a hall's statistics or a batch of slots covers (about three months), first day included.
MAX_RANGE_DAYS = 92
CHECK_IN_EARLY = timedelta(minutes=60)
NO_SHOW_GRACE = timedelta(minutes=30)
# Reminders of tomorrow's appointments go out between these hours (local time), never at night.
REMINDER_HOURS = (9, 20)

# Booking codes: 8 symbols of Crockford's base32 (40 bits), typed at the dispenser; no I, L, O or U.
BOOKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BOOKING_CODE_LENGTH = 8


def ticket_code(category: str, number: int) -> str:
    """The code printed and shown on the board: letter and at least three digits (A007, B120, A1234)."""
    if number < 1:
        raise ValueError("ticket numbers start at 1")
    return f"{PREFIX[category]}{number:03d}"


def call_rank(*, category: str, slot_start: datetime | None, now: datetime, transferred_here: bool = False) -> int:
    """Where a waiting ticket stands in the calling order (lower is called first; ties: earlier issue)."""
    if transferred_here:
        return RANK_TRANSFERRED
    if category == APPOINTMENT and slot_start is not None and slot_start <= now:
        return RANK_APPOINTMENT
    if category == PRIORITY:
        return RANK_PRIORITY
    return RANK_ORDINARY


def may_mark_no_show(recalls: int) -> bool:
    return recalls >= RECALLS_BEFORE_NO_SHOW


def estimated_wait_minutes(*, ahead: int, handling_seconds: float | None, open_windows: int) -> int:
    """Minutes until a ticket is likely called: the tickets ahead shared among the open windows."""
    if ahead <= 0:
        return 0
    seconds = handling_seconds if handling_seconds and handling_seconds > 0 else DEFAULT_HANDLING_SECONDS
    return math.ceil(ahead * seconds / max(open_windows, 1) / 60)


def minutes_waited(*, since: datetime, now: datetime) -> int:
    """Whole minutes a person has waited since taking their ticket (never negative)."""
    return max(0, math.floor((now - since).total_seconds() / 60))


def announcement(code: str, window_number: int) -> str:
    """What a speaking screen says (in the active language): 请A017号到5号窗口办理."""
    return _("Number %(code)s, please go to window %(window)s.") % {"code": " ".join(code), "window": window_number}


def new_booking_code() -> str:
    return "".join(secrets.choice(BOOKING_ALPHABET) for _ in range(BOOKING_CODE_LENGTH))


def normalize_booking_code(value: str) -> str:
    """Accept what people type: lower case, spaces and hyphens, O for 0, I and L for 1."""
    cleaned = "".join(ch for ch in (value or "").upper() if ch not in " -")
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def is_well_formed_booking_code(value: str) -> bool:
    return len(value) == BOOKING_CODE_LENGTH and all(ch in BOOKING_ALPHABET for ch in value)


def format_booking_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == BOOKING_CODE_LENGTH else code


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # a code the caller turns into a message


def check_in_verdict(*, now: datetime, slot_start: datetime, slot_end: datetime) -> Verdict:
    """An appointment is checked in on its day, from an hour before its slot until the slot ends."""
    if now < slot_start - CHECK_IN_EARLY:
        return Verdict(False, "too_early")
    if now > slot_end:
        return Verdict(False, "too_late")
    return Verdict(True)


def booking_verdict(*, today: date, slot_day: date, slot_start: datetime, now: datetime) -> Verdict:
    """Slots can be booked from tomorrow up to BOOKING_DAYS_AHEAD days ahead (the hall serves today's walk-ins)."""
    if slot_day <= today or slot_start <= now:
        return Verdict(False, "past")
    if (slot_day - today).days > BOOKING_DAYS_AHEAD:
        return Verdict(False, "too_far")
    return Verdict(True)


def reminder_due(*, now_local: datetime, slot_day: date) -> bool:
    """The day-before reminder goes out the day before the appointment, during the day."""
    return slot_day - now_local.date() == timedelta(days=1) and REMINDER_HOURS[0] <= now_local.hour < REMINDER_HOURS[1]


def slot_times(*, opens: time, closes: time, minutes: int) -> list[tuple[time, time]]:
    """Consecutive slots of `minutes` from opening to closing (a last, shorter slot is dropped)."""
    if minutes <= 0:
        raise ValueError("a slot lasts at least a minute")
    day = date(2000, 1, 1)
    start, end, slots = datetime.combine(day, opens), datetime.combine(day, closes), []
    while start + timedelta(minutes=minutes) <= end:
        slots.append((start.time(), (start + timedelta(minutes=minutes)).time()))
        start += timedelta(minutes=minutes)
    return slots


# --- Figures ------------------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Evenness:
    """How evenly windows share the load: the coefficient of variation (0 = perfectly even) and max/mean."""

    mean: float
    cv: float
    max_over_mean: float

    @property
    def verdict(self) -> str:
        if self.cv <= 0.15:
            return "even"
        return "uneven" if self.cv > 0.35 else "fair"


def evenness(counts: list[int]) -> Evenness | None:
    """Load evenness across windows that served at least one ticket (None with fewer than two)."""
    working = [c for c in counts if c > 0]
    if len(working) < 2:
        return None
    mean = sum(working) / len(working)
    variance = sum((c - mean) ** 2 for c in working) / len(working)
    return Evenness(mean=mean, cv=math.sqrt(variance) / mean, max_over_mean=max(working) / mean)


def range_ok(first: date, last: date) -> bool:
    """A range of days in order and of at most MAX_RANGE_DAYS days, both ends included."""
    return first <= last and (last - first).days < MAX_RANGE_DAYS
