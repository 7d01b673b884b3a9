"""Reads of the queue: the calling order, a window's ticket, people ahead, the board, the hall's day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, Count, F, IntegerField, Min, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Office, User
from counter import rules
from counter.models import Ticket, Window

OPEN_STATUSES = (Ticket.Status.CALLED, Ticket.Status.SERVING)


def calling_rank(*, now: datetime, window_id: int | None = None) -> Case:
    """rules.call_rank as SQL, so that the database picks the next ticket in one statement."""
    whens = []
    if window_id is not None:
        whens.append(When(target_window_id=window_id, then=Value(rules.RANK_TRANSFERRED)))
    whens += [
        When(category=rules.APPOINTMENT, slot_start__lte=now, then=Value(rules.RANK_APPOINTMENT)),
        When(category=rules.PRIORITY, then=Value(rules.RANK_PRIORITY)),
    ]
    return Case(*whens, default=Value(rules.RANK_ORDINARY), output_field=IntegerField())


def waiting_in_calling_order(*, hall_id: int, day: date, now: datetime, window_id: int | None = None) -> QuerySet:
    """The hall's waiting tickets of the day in the order a window calls them (transfers to other windows
    are left to those windows)."""
    waiting = Ticket.objects.filter(hall_id=hall_id, day=day, status=Ticket.Status.WAITING)
    waiting = waiting.filter(Q(target_window__isnull=True) | Q(target_window_id=window_id)) if window_id else \
        waiting.filter(target_window__isnull=True)
    return waiting.annotate(rank=calling_rank(now=now, window_id=window_id)).order_by("rank", "issued_at", "id")


def window_of(user: User) -> Window | None:
    """The window the clerk is signed in at (with its hall)."""
    return Window.objects.select_related("hall").filter(clerk_id=user.pk).first()


@dataclass(frozen=True)
class HallQueue:
    """The hall's queue as a clerk weighs it: how many wait, and for how long the first of them has waited."""

    waiting: int
    longest_wait_minutes: int
    at: datetime

    @property
    def is_long(self) -> bool:
        return self.waiting > 0 and self.longest_wait_minutes >= rules.LONG_WAIT_MINUTES


def hall_queue(*, hall_id: int, now: datetime | None = None) -> HallQueue:
    """Every ticket of the day still waiting in the hall, whichever window will call it (one query)."""
    now = now or timezone.now()
    row = Ticket.objects.filter(hall_id=hall_id, day=timezone.localdate(now), status=Ticket.Status.WAITING).aggregate(
        waiting=Count("id"), first=Min("issued_at"))
    return HallQueue(waiting=row["waiting"], at=now,
                     longest_wait_minutes=rules.minutes_waited(since=row["first"], now=now) if row["first"] else 0)


@dataclass(frozen=True)
class DeskState:
    """What the window bar shows: the hall's windows, the clerk's own, its current ticket, the hall's queue
    (three queries)."""

    windows: list[Window]
    window: Window | None
    ticket: Ticket | None
    queue: HallQueue | None = None

    @property
    def hall(self) -> Office | None:
        return self.windows[0].hall if self.windows else None

    @property
    def free_windows(self) -> list[Window]:
        return [w for w in self.windows if w.clerk_id is None]

    @property
    def other_windows(self) -> list[Window]:
        return [w for w in self.windows if w is not self.window]


def desk_state(*, user: User) -> DeskState:
    windows = list(Window.objects.filter(hall_id=user.office_id, is_active=True).select_related("hall", "hall__region")
                   .order_by("number")) if user.office_id else []
    window = next((w for w in windows if w.clerk_id == user.pk), None)
    return DeskState(windows=windows, window=window, ticket=current_ticket(window=window) if window else None,
                     queue=hall_queue(hall_id=user.office_id) if windows else None)


def windows_of_hall(*, hall: Office) -> list[Window]:
    return list(Window.objects.filter(hall=hall, is_active=True).select_related("clerk").order_by("number"))


def current_ticket(*, window: Window) -> Ticket | None:
    return (Ticket.objects.filter(window=window, status__in=OPEN_STATUSES)
            .select_related("person", "employer", "appointment__service").order_by("-last_called_at").first())


def tickets_of_hall(*, hall_id: int | None) -> QuerySet[Ticket]:
    """Tickets a clerk may act on: their own hall's (another hall's ticket is a 404)."""
    return Ticket.objects.filter(hall_id=hall_id) if hall_id else Ticket.objects.none()


def people_ahead(*, ticket: Ticket, now: datetime | None = None) -> int:
    """Waiting tickets that a window would call before this one, as things stand."""
    now = now or timezone.now()
    mine = rules.call_rank(category=ticket.category, slot_start=ticket.slot_start, now=now)
    earlier = Q(rank__lt=mine) | Q(rank=mine, issued_at__lt=ticket.issued_at) | Q(
        rank=mine, issued_at=ticket.issued_at, id__lt=ticket.pk)
    return waiting_in_calling_order(hall_id=ticket.hall_id, day=ticket.day, now=now).filter(earlier).count()


def handling_seconds_recent(*, hall_id: int, day: date, sample: int = 30) -> float | None:
    """The median handling time of the hall's latest finished tickets of the day (for wait estimates)."""
    rows = (Ticket.objects.filter(hall_id=hall_id, day=day, status=Ticket.Status.DONE, started_at__isnull=False,
                                  finished_at__isnull=False)
            .order_by("-finished_at").values_list("started_at", "finished_at")[:sample])
    return rules.percentile([(f - s).total_seconds() for s, f in rows], 50)


def open_window_count(*, hall_id: int) -> int:
    return Window.objects.filter(hall_id=hall_id, is_active=True, clerk__isnull=False).count()


def ticket_wait(*, ticket: Ticket) -> tuple[int, int]:
    """What a ticket says on paper: the people ahead and the estimated wait in minutes (3 queries)."""
    ahead = people_ahead(ticket=ticket)
    return ahead, rules.estimated_wait_minutes(
        ahead=ahead, handling_seconds=handling_seconds_recent(hall_id=ticket.hall_id, day=ticket.day),
        open_windows=open_window_count(hall_id=ticket.hall_id))


@dataclass(frozen=True)
class Call:
    code: str
    window: int
    at: datetime
    key: str  # changes with every call and recall, so that a screen speaks each once
    announce: str


def board(*, hall: Office, now: datetime | None = None, latest: int = 8, upcoming: int = 10) -> dict:
    """What a display board shows: the latest calls and who is next. Ticket codes and windows only."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    calls = (Ticket.objects.filter(hall=hall, day=day, last_called_at__isnull=False)
             .exclude(status=Ticket.Status.WAITING).order_by("-last_called_at", "-id")
             .values("id", "code", "recalls", "last_called_at", number=F("window__number"))[:latest])
    waiting = waiting_in_calling_order(hall_id=hall.pk, day=day, now=now)
    return {
        "calls": [Call(code=c["code"], window=c["number"], at=c["last_called_at"], key=f"{c['id']}.{c['recalls']}",
                       announce=rules.announcement(c["code"], c["number"])) for c in calls],
        "next": list(waiting.values_list("code", flat=True)[:upcoming]),
        "waiting": waiting.count(),
        "now": now,
    }


def hall_day(*, hall: Office, day: date) -> dict:
    """The hall's day for its staff: counts by status, and the windows with their current tickets."""
    counts = dict.fromkeys(Ticket.Status.values, 0)
    for status, n in _status_counts(hall=hall, day=day):
        counts[status] = n
    windows = windows_of_hall(hall=hall)
    current = {t.window_id: t for t in Ticket.objects.filter(window__in=windows, status__in=OPEN_STATUSES)}
    return {"counts": counts, "windows": [(w, current.get(w.pk)) for w in windows]}


def _status_counts(*, hall: Office, day: date):
    return Ticket.objects.filter(hall=hall, day=day).values_list("status").annotate(n=Count("id")).order_by()
