"""The office head's board and the bureau leader's overview: load, overdue work, alerts and on-time rates."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet

from accounts.models import Office, User
from accounts.models.places import DECIDING_KINDS
from workflow.models import Case, CaseStep, DailyOfficeFigures
from workflow.rules.calendar import WorkCalendar
from workflow.rules.ontime import on_time_rate
from workflow.rules.states import Status
from workflow.selectors.backoffice.casepage import office_reviewers
from workflow.selectors.backoffice.cases import WORKING, office_case_counts, office_open_cases, overdue_q
from workflow.selectors.backoffice.decided import REVIEWER_NAMES, decided_figures
from workflow.selectors.countdown import case_countdown

LEADERSHIP_LEVEL = 2  # escalation levels from 2 up are the leadership's (1 is the office head's warning)


def _open_figures(now: datetime) -> dict:
    """Counts over open cases: open, overdue, escalated (read from the open cases' index alone)."""
    return {
        "open": Count("status"),
        "overdue": Count("status", filter=overdue_q(now)),
        "escalated": Count("status", filter=Q(escalation_level__gte=LEADERSHIP_LEVEL)),
    }


def _open(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(status__in=WORKING)


class OnTime:
    """The on-time figures of a reviewer or an office, from its `on_time`, `decided` and `overdue`."""

    @property
    def counted(self) -> int:
        """The cases the rate counts: decided in the period, and open ones already past their deadline."""
        return self.decided + self.overdue

    @property
    def rate(self) -> int | None:
        return on_time_rate(on_time=self.on_time, decided=self.decided, overdue=self.overdue)


@dataclass
class ReviewerLoad(OnTime):
    user_id: int
    name: str
    staff_number: str
    open: int = 0
    overdue: int = 0
    decided: int = 0
    on_time: int = 0


def reviewer_loads(*, office: Office, now: datetime, reviewers: list[User] | None = None) -> list[ReviewerLoad]:
    """Every reviewer of the office (and anyone else still holding its cases) with their figures: two queries
    (open cases, cases decided in the period), and one more unless the office's reviewers are passed in."""
    if reviewers is None:
        reviewers = list(office_reviewers(office_id=office.pk))
    loads = {user.pk: ReviewerLoad(user.pk, user.get_full_name() or user.username, user.staff_number or "")
             for user in reviewers}
    cases = Case.objects.filter(jurisdiction_office=office, reviewer__isnull=False)
    open_figures = {k: v for k, v in _open_figures(now).items() if k != "escalated"}
    figures = DailyOfficeFigures.objects.filter(office=office, reviewer__isnull=False)
    rows = [*_open(cases).values(*REVIEWER_NAMES).annotate(**open_figures).order_by(),
            *decided_figures(now=now, cases=cases, figures=figures, by=REVIEWER_NAMES, figures_by=REVIEWER_NAMES)]
    for row in rows:
        load = loads.get(row["reviewer_id"])
        if load is None:
            name = f"{row['reviewer__first_name']} {row['reviewer__last_name']}".strip()
            load = loads[row["reviewer_id"]] = ReviewerLoad(row["reviewer_id"], name or row["reviewer__username"],
                                                            row["reviewer__staff_number"] or "")
        for key in ("open", "overdue"):
            if key in row:
                setattr(load, key, row[key])
        for key in ("decided", "on_time"):
            if key in row:
                setattr(load, key, getattr(load, key) + row[key])
    return sorted(loads.values(), key=lambda load: (-load.open, load.staff_number))


UNSEEN = Q(acknowledged_at__isnull=True, level__gte=1)  # the warnings and escalations nobody has marked as seen
# The badge counts unseen alerts up to this many, and says "1000+" beyond: the count then reads no more rows than
# that, however large a backlog nobody acknowledges grows (workflow.templatetags.board.alert_total).
ALERT_COUNT_CAP = 1000


def _addressees(user: User) -> list[Q]:
    """Whom the user reads alerts for: themselves by name, and their office (its warnings and escalations, level 1
    up) when they head it or lead the bureau."""
    mine = [Q(target_user_id=user.pk)]
    if user.office_id is not None and (user.has_perm("workflow.manage_office_cases")
                                       or user.has_perm("workflow.view_city_overview")):
        mine.append(Q(target_office_id=user.office_id, level__gte=1))
    return mine


def alerts_for(*, user: User) -> QuerySet[CaseStep]:
    """The warnings and escalations addressed to the user: to their office when they head it or lead the bureau,
    and the reminders addressed to them by name."""
    return CaseStep.objects.filter(functools.reduce(operator.or_, _addressees(user)))


def open_alerts(*, user: User, limit: int = 50) -> tuple[list[CaseStep], int]:
    """Unacknowledged warnings and escalations to the user (by name) and to the office they head, newest first,
    and how many there are (up to ALERT_COUNT_CAP + 1). Each query reads a bounded number of rows however large the
    backlog: the newest `limit` to each addressee, from its own partial index in order (the newest of all are among
    them; a step to both is listed once), and the capped count."""
    newest = ("-done_at", "-pk")
    steps = (CaseStep.objects.filter(UNSEEN)
             .select_related("case", "case__service", "case__reviewer", "case__jurisdiction_office")
             .defer("case__data", "case__checks", "case__result").order_by(*newest))
    rows = {step.pk: step for branch in _addressees(user) for step in steps.filter(branch)[:limit]}
    chosen = sorted(rows.values(), key=lambda step: (step.done_at, step.pk), reverse=True)[:limit]
    count = alerts_for(user=user).filter(UNSEEN).order_by()[:ALERT_COUNT_CAP + 1].count()
    return chosen, count


@dataclass
class Board:
    counts: dict[str, int]
    overdue: list[Case]
    queue: list[Case]
    alerts: list[CaseStep]
    alert_count: int
    loads: list[ReviewerLoad]
    reviewers: list[User] = field(default_factory=list)
    other_offices: list[Office] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return sum(load.decided for load in self.loads)

    @property
    def on_time(self) -> int:
        return sum(load.on_time for load in self.loads)

    @property
    def counted(self) -> int:
        """The office's overdue cases count, whether in a reviewer's hands or still in the queue."""
        return self.decided + self.counts["overdue"]

    @property
    def rate(self) -> int | None:
        return on_time_rate(on_time=self.on_time, decided=self.decided, overdue=self.counts["overdue"])


def _with_countdowns(cases, *, calendar: WorkCalendar, now: datetime) -> list[Case]:
    rows = list(cases)
    for case in rows:
        case.countdown = case_countdown(case, calendar=calendar, now=now)
    return rows


def head_board(*, user: User, now: datetime, calendar: WorkCalendar, limit: int = 30) -> Board:
    """The office head's board for their office, in a fixed number of queries."""
    office = user.office
    cases = (office_open_cases(office=office)
             .select_related("service", "person", "employer", "reviewer")
             .defer("data", "checks", "result").order_by(F("deadline").asc(nulls_last=True), "pk"))
    alerts, alert_count = open_alerts(user=user)
    reviewers = list(office_reviewers(office_id=office.pk))
    # Each case in one list: an overdue case is under "overdue" (marked there when nobody has claimed it yet);
    # the queue holds the unclaimed cases still within their time.
    overdue, unclaimed = overdue_q(now), Q(status=Status.ROUTED)
    waiting = unclaimed & ~overdue
    counts = office_case_counts(office=office, user=user, now=now, calendar=calendar,
                                extra={"queue_in_time": waiting, "overdue_unclaimed": unclaimed & overdue})
    return Board(
        counts=counts,
        overdue=_with_countdowns(cases.filter(overdue)[:limit], calendar=calendar, now=now),
        # The same cases as `waiting` (a routed case always has its deadline), said as a range of the index the
        # list walks by deadline: it starts at now instead of stepping over every overdue case before it.
        queue=_with_countdowns(cases.filter(unclaimed, deadline__gte=now)[:limit], calendar=calendar, now=now),
        alerts=alerts, alert_count=alert_count,
        loads=reviewer_loads(office=office, now=now, reviewers=reviewers),
        reviewers=reviewers,
        other_offices=list(Office.objects.filter(kind=office.kind, is_active=True).exclude(pk=office.pk)
                           .order_by("region__path", "code")),
    )


@dataclass
class OfficeFigures(OnTime):
    office: Office
    open: int = 0
    overdue: int = 0
    escalated: int = 0
    decided: int = 0
    on_time: int = 0


def city_overview(*, now: datetime) -> tuple[list[OfficeFigures], OfficeFigures]:
    """Every back office's figures, and the city's total (three queries: offices, open cases, decided cases)."""
    offices = {o.pk: OfficeFigures(o) for o in Office.objects.filter(kind__in=DECIDING_KINDS, is_active=True)
               .select_related("region").order_by("region__path", "code")}
    cases = Case.objects.filter(jurisdiction_office_id__in=list(offices))
    daily = DailyOfficeFigures.objects.filter(office_id__in=list(offices))
    rows = [*_open(cases).values("jurisdiction_office_id").annotate(**_open_figures(now)).order_by(),
            *decided_figures(now=now, cases=cases, figures=daily, by=("jurisdiction_office_id",),
                             figures_by=("office_id",))]
    total = OfficeFigures(office=None)
    for row in rows:
        figures = offices[row["jurisdiction_office_id"]]
        for key in ("open", "overdue", "escalated", "decided", "on_time"):
            if key in row:
                setattr(figures, key, getattr(figures, key) + row[key])
                setattr(total, key, getattr(total, key) + row[key])
    return list(offices.values()), total
