"""Which cases a member of staff may open, an office's work list with its filters, and the actions on a case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, User
from workflow.models import Case
from workflow.permissions import can_manage, can_review, case_scope
from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import CLOCK_RUNNING, Status
from workflow.selectors.countdown import case_countdown

# The cases a back office works on: waiting in its queue, in review, or waiting for the applicant's material.
WORKING = (Status.ROUTED, Status.IN_REVIEW, Status.SUPPLEMENT_REQUESTED)
CASE_ROLES = ("workflow.review_case", "workflow.view_city_overview", "workflow.accept_case")

FILTERS = {
    "all": _("All open"),
    "mine": _("Mine"),
    "queue": _("In the queue"),
    "soon": _("Due soon"),
    "overdue": _("Overdue"),
    "waiting": _("Waiting for material"),
}


def may_see_cases(user: User) -> bool:
    """Whether the user holds any role that opens cases (the rest of staff get a 403, not an empty scope)."""
    return any(user.has_perm(perm) for perm in CASE_ROLES)


def cases_visible_to(*, user: User) -> QuerySet[Case]:
    """The cases the user may open (workflow.permissions.case_scope, the rule can_view reads too)."""
    visible = case_scope(user).q
    return Case.objects.none() if visible is None else Case.objects.filter(visible)


def case_detail_queryset(*, user: User) -> QuerySet[Case]:
    return cases_visible_to(user=user).select_related(
        "service", "person__hukou_region", "person__residence_region", "employer__region", "accepted_office",
        "accepted_by", "jurisdiction_office__region", "reviewer",
    )


def overdue_q(now: datetime, *, via: str = "") -> Q:
    """Past the deadline with the clock running, or already past it when the clock was stopped (`via`: the
    relation prefix when the cases are reached from another model, e.g. "recent__")."""
    return (Q(**{f"{via}status__in": CLOCK_RUNNING}) & Q(**{f"{via}deadline__lt": now})) | (
        Q(**{f"{via}status": Status.SUPPLEMENT_REQUESTED}) & Q(**{f"{via}deadline__lt": F(f"{via}paused_at")}))


def soon_until(*, now: datetime, calendar: WorkCalendar) -> datetime:
    """Deadlines up to this instant are "due soon": within one working day of now."""
    return calendar.add_working_seconds(now, calendar.day_seconds)


def filter_q(name: str, *, user: User, now: datetime, calendar: WorkCalendar) -> Q:
    if name == "mine":
        return Q(reviewer_id=user.pk)
    if name == "queue":
        return Q(status=Status.ROUTED)
    if name == "soon":
        return Q(status__in=CLOCK_RUNNING, deadline__gte=now, deadline__lte=soon_until(now=now, calendar=calendar))
    if name == "overdue":
        return overdue_q(now)
    if name == "waiting":
        return Q(status=Status.SUPPLEMENT_REQUESTED)
    return Q()


def office_open_cases(*, office: Office) -> QuerySet[Case]:
    """An office's open cases (served by the partial index on open cases by office and deadline)."""
    return Case.objects.filter(jurisdiction_office=office, status__in=WORKING)


def office_case_counts(*, office: Office, user: User, now: datetime, calendar: WorkCalendar,
                       extra: dict[str, Q] | None = None) -> dict[str, int]:
    """How many open cases each filter holds, and each of the `extra` conditions (one query)."""
    counts = {name: Count("status", filter=filter_q(name, user=user, now=now, calendar=calendar)) for name in FILTERS}
    counts["all"] = Count("status")
    counts.update({name: Count("status", filter=condition) for name, condition in (extra or {}).items()})
    return office_open_cases(office=office).aggregate(**counts)


@dataclass
class CaseList:
    filter: str
    counts: dict[str, int]
    page: Page
    rows: list[Case] = field(default_factory=list)
    mine: bool = True

    @property
    def tabs(self) -> list[tuple[str, str, int]]:
        """(filter, label, count) for each filter this user may use."""
        return [(key, label, self.counts[key]) for key, label in FILTERS.items() if self.mine or key != "mine"]


def office_case_list(*, office: Office, user: User, filter: str, page: int | str | None, now: datetime,
                     calendar: WorkCalendar, per_page: int = 25, mine: bool = True) -> CaseList:
    """One page of an office's open cases, by deadline, each with its countdown (two queries)."""
    filter = filter if filter in FILTERS and (mine or filter != "mine") else "all"
    counts = office_case_counts(office=office, user=user, now=now, calendar=calendar)
    cases = (
        office_open_cases(office=office).filter(filter_q(filter, user=user, now=now, calendar=calendar))
        .select_related("service", "person", "employer", "accepted_office", "reviewer")
        .defer("data", "checks", "result")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )
    paginator = Paginator(cases, per_page)
    paginator.count = counts[filter]  # already counted: spare the COUNT(*) query
    current = paginator.get_page(page)
    rows = list(current.object_list)
    for case in rows:
        case.countdown = case_countdown(case, calendar=calendar, now=now)
    return CaseList(filter=filter, counts=counts, page=current, rows=rows, mine=mine)


def case_actions(*, user: User, case: Case) -> frozenset[str]:
    """What this user may do to this case now: the buttons the case page shows (the services decide again)."""
    actions: set[str] = set()
    status = case.status
    reviews, manages = can_review(user, case), can_manage(user, case)
    deciding = reviews and (case.reviewer_id in (None, user.pk) or manages)
    if reviews and status == Status.ROUTED:
        actions.add("claim")
    if status == Status.IN_REVIEW and (case.reviewer_id == user.pk or manages):
        actions.add("release")
    if deciding and status == Status.IN_REVIEW:
        actions |= {"request_supplement", "approve", "reject"}
    if deciding and status == Status.SUPPLEMENT_REQUESTED:
        actions.add("reject")
    if reviews and status == Status.SUPPLEMENT_REQUESTED:
        actions.add("supplement_received")
    if reviews and status in WORKING:
        actions.add("withdraw")
    if manages and status in WORKING:
        actions.add("assign")
    if manages and status in (Status.ROUTED, Status.IN_REVIEW):
        actions.add("reassign")
    return frozenset(actions)
