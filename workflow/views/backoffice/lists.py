"""The back office's lists: the reviewer's workbench, the office head's board, the leader's overview."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.access_log.rules import FREE_READS, PERSONS_PER_TASK
from accounts.access_log.selectors import staff_reading
from accounts.models import Office
from accounts.models.places import DECIDING_KINDS
from accounts.navigation import back_to
from workflow import profiles
from workflow.exceptions import WorkflowError
from workflow.selectors.backoffice import (
    alerts_for,
    city_overview,
    head_board,
    intake_by_office,
    office_case_list,
    open_alerts,
)
from workflow.selectors.calendar import calendar_warning
from workflow.services import case_step_acknowledge, work_calendar_cached


def _case_list(request: HttpRequest, *, office: Office | None, template: str, extra: dict) -> HttpResponse:
    listing = None
    if office is not None:
        listing = office_case_list(office=office, user=request.user, filter=request.GET.get("filter", "all"),
                                   page=request.GET.get("page"), now=timezone.now(), calendar=work_calendar_cached(),
                                   mine=extra["can_claim"])
    return render(request, template, {"office": office, "listing": listing, "calendar_warning": calendar_warning(),
                                      **extra})


@require_access(perm="workflow.review_case")
def workbench(request: HttpRequest) -> HttpResponse:
    """My office's open cases by deadline: the queue to claim from, my cases, what is due soon or overdue."""
    office = request.user.office if request.user.office_id else None
    if office is not None and not office.decides_cases:
        office = None
    return _case_list(request, office=office, template="workflow/backoffice/workbench.html",
                      extra={"can_claim": True})


@require_access(perm="workflow.view_city_overview")
def office_cases(request: HttpRequest, code: str) -> HttpResponse:
    """The leadership's drill-down into one back office's open cases."""
    office = get_object_or_404(Office.objects.select_related("region"), code=code, kind__in=DECIDING_KINDS)
    return _case_list(request, office=office, template="workflow/backoffice/office_cases.html",
                      extra={"can_claim": False})


@require_access(perm="workflow.manage_office_cases")
def board(request: HttpRequest) -> HttpResponse:
    """The office head's board: overdue work, the queue to assign, alerts to the office, each reviewer's figures."""
    if request.user.office_id is None or not request.user.office.decides_cases:
        return render(request, "workflow/backoffice/head_board.html", {"board": None})
    now = timezone.now()
    data = head_board(user=request.user, now=now, calendar=work_calendar_cached())
    return render(request, "workflow/backoffice/head_board.html", {
        "board": data, "office": request.user.office, "calendar_warning": calendar_warning(),
        "intake": intake_by_office(office=request.user.office, now=now),
        "unusual_reading": [r for r in staff_reading(office=request.user.office, now=now) if r.unusual],
        "reading_rule": {"per_task": PERSONS_PER_TASK, "free": FREE_READS},
        # What the domain apps add to an office's board (e.g. labour: employers with open wage complaints).
        "sections": profiles.profile(request.user.office, subject_kind="office")})


@require_access(perm="workflow.view_city_overview")
def overview(request: HttpRequest) -> HttpResponse:
    """Every back office of the city: open, overdue, escalated, on time; and the escalations to the leadership."""
    now = timezone.now()
    offices, total = city_overview(now=now)
    alerts, alert_count = open_alerts(user=request.user)
    intake = intake_by_office(office=request.user.office, now=now) if request.user.office_id else []
    return render(request, "workflow/backoffice/city_overview.html",
                  {"offices": offices, "total": total, "alerts": alerts, "alert_count": alert_count,
                   "intake": intake})


@require_access(perm="accounts.use_staff_site")
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a warning or escalation addressed to me (or my office) as seen."""
    step = get_object_or_404(alerts_for(user=request.user), pk=pk)
    back = back_to(request, reverse("accounts:home"))
    try:
        case_step_acknowledge(step=step, actor=request.user)
        messages.success(request, _("Marked as seen."))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return back
