"""The employer's own cases, from every channel: lists with their countdowns, one case by its number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Employer
from workflow.models import Case
from workflow.rules.states import OPEN, Status
from workflow.selectors.backoffice import Countdown, case_countdown
from workflow.services import work_calendar_cached

FILTERS = ("open", "material", "all")


def cases_of(*, employer: Employer) -> QuerySet[Case]:
    """Every case the employer applied for (alone or for one of its staff): the scope of the case pages."""
    return Case.objects.filter(employer=employer).select_related("service", "person", "jurisdiction_office")


def case_list(*, employer: Employer, filter: str = "open", query: str = "") -> QuerySet[Case]:
    cases = cases_of(employer=employer)
    if filter == "open":
        cases = cases.filter(status__in=sorted(OPEN))
    elif filter == "material":
        cases = cases.filter(status=Status.SUPPLEMENT_REQUESTED)
    number = (query or "").strip().upper()[:20]
    if number:
        cases = cases.filter(number__startswith=number)
    if filter == "all":
        return cases.order_by("-accepted_at", "-pk")
    return cases.order_by(F("deadline").asc(nulls_last=True), "-accepted_at", "-pk")


# What a row of partials/_case_rows.html shows, with what its countdown reads (workflow.selectors.countdown).
ROW_FIELDS = ("number", "accepted_at", "status", "deadline", "paused_at", "decided_at", "closed_at",
              "service__name_zh", "service__name_en", "service__limit_unit", "person__name")


def for_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with the columns their rows show alone (not the case's data, its office and every other column of
    the case, its service and its person: model instances of fewer fields are quicker to read and build)."""
    return cases.select_related(None).select_related("service", "person").only(*ROW_FIELDS)


@dataclass(frozen=True)
class CaseRow:
    case: Case
    countdown: Countdown


def with_countdowns(cases, *, now: datetime | None = None) -> list[CaseRow]:
    """Rows with their countdown in working time (one query for the calendar, none per case)."""
    cases = list(cases)
    if not cases:
        return []
    calendar = work_calendar_cached()
    now = now or timezone.now()
    return [CaseRow(case=c, countdown=case_countdown(c, calendar=calendar, now=now)) for c in cases]
