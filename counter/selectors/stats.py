"""Hall statistics (per hall, window and clerk) and the city's channel mix, for a day or a range of days."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Office, User
from counter import rules
from counter.models import Appointment, Ticket
from workflow.models import Case
from workflow.registry import Channel

CHANNELS = (Channel.COUNTER, Channel.ONLINE, Channel.KIOSK, Channel.API)
HOURS = range(8, 19)


@dataclass
class Durations:
    """Waiting (issue to first call) and handling (start to finish) times in seconds."""

    waits: list[float] = field(default_factory=list)
    handles: list[float] = field(default_factory=list)
    served: int = 0
    no_shows: int = 0

    def figures(self) -> dict:
        return {
            "served": self.served, "no_shows": self.no_shows,
            "wait_median": _minutes(rules.percentile(self.waits, 50)),
            "wait_p90": _minutes(rules.percentile(self.waits, 90)),
            "handle_median": _minutes(rules.percentile(self.handles, 50)),
            "handle_p90": _minutes(rules.percentile(self.handles, 90)),
        }


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _add(target: Durations, status, issued, called, started, finished) -> None:
    if called is not None:
        target.waits.append((called - issued).total_seconds())
    if status == Ticket.Status.DONE:
        target.served += 1
        if started is not None and finished is not None:
            target.handles.append((finished - started).total_seconds())
    elif status == Ticket.Status.NO_SHOW:
        target.no_shows += 1


def hall_stats(*, hall: Office, date_from: date, date_to: date) -> dict:
    """Tickets issued, served and not come; waiting and handling times (median, p90) for the hall, each window
    and each clerk; how evenly the windows shared the load; tickets by hour (one day) or by day (a range)."""
    rows = Ticket.objects.filter(hall=hall, day__range=(date_from, date_to)).values_list(
        "status", "issued_at", "called_at", "started_at", "finished_at", "window__number", "clerk_id", "day")
    whole, by_window, by_clerk = Durations(), defaultdict(Durations), defaultdict(Durations)
    statuses, issued_by, served_by = Counter(), Counter(), Counter()
    one_day = date_from == date_to
    for status, issued, called, started, finished, window, clerk, day in rows.iterator(chunk_size=5000):
        statuses[status] += 1
        _add(whole, status, issued, called, started, finished)
        if window is not None:
            _add(by_window[window], status, issued, called, started, finished)
        if clerk is not None:
            _add(by_clerk[clerk], status, issued, called, started, finished)
        issued_by[timezone.localtime(issued).hour if one_day else day] += 1
        if status == Ticket.Status.DONE and finished is not None:
            served_by[timezone.localtime(finished).hour if one_day else day] += 1
    names = {u.pk: u for u in User.objects.filter(pk__in=list(by_clerk)).only("pk", "username", "last_name",
                                                                               "first_name", "staff_number")}
    windows = [{"number": n, **d.figures()} for n, d in sorted(by_window.items())]
    total_served = sum(w["served"] for w in windows) or 1
    for w in windows:
        w["share"] = round(100 * w["served"] / total_served, 1)
    keys = list(HOURS) if one_day else [date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)]
    return {
        "issued": sum(statuses.values()), "statuses": dict(statuses), **whole.figures(),
        "windows": windows,
        "clerks": sorted(({"clerk": names.get(pk), **d.figures()} for pk, d in by_clerk.items()),
                         key=lambda c: -c["served"]),
        "evenness": rules.evenness([w["served"] for w in windows]),
        "series": {"keys": keys, "issued": [issued_by[k] for k in keys], "served": [served_by[k] for k in keys],
                   "by_hour": one_day},
        "appointments": _appointment_counts(hall, date_from, date_to),
    }


def _appointment_counts(hall: Office, date_from: date, date_to: date) -> dict:
    counts = dict(Appointment.objects.filter(slot__hall=hall, slot__date__range=(date_from, date_to))
                  .values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in Appointment.Status.values}


def channel_mix(*, date_from: date, date_to: date) -> dict:
    """Cases accepted per day and channel across the city: the counter's share as online use grows (one query)."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, datetime.min.time()), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), datetime.min.time()), tz)
    rows = (Case.objects.filter(accepted_at__gte=start, accepted_at__lt=end, channel__in=CHANNELS)
            .annotate(day=TruncDate("accepted_at", tzinfo=tz)).values_list("day", "channel")
            .annotate(n=Count("id")).order_by())
    counts: dict[tuple[date, str], int] = {(day, channel): n for day, channel, n in rows}
    days = [date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)]
    per_channel = {c: [counts.get((d, c), 0) for d in days] for c in CHANNELS}
    totals = {c: sum(v) for c, v in per_channel.items()}
    grand = sum(totals.values())
    daily = [sum(per_channel[c][i] for c in CHANNELS) for i in range(len(days))]
    counter_share = [round(100 * per_channel[Channel.COUNTER][i] / t, 1) if t else None for i, t in enumerate(daily)]
    return {"days": days, "per_channel": per_channel, "totals": totals, "grand": grand,
            "shares": {c: round(100 * totals[c] / grand, 1) if grand else 0 for c in CHANNELS},
            "daily": daily, "counter_share": counter_share}
