"""The inspection team's pages: its wage matters and complaints, and the decisions on a complaint."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.models import Office
from labour import forms, selectors, services
from labour.permissions import REVIEW
from labour.views.common import APPROVE, act, office_of_kind
from workflow.selectors.countdown import case_countdown
from workflow.services import work_calendar_cached


@require_access(perm=REVIEW)
def complaints(request: HttpRequest) -> HttpResponse:
    """The inspection team's open wage matters, each with its workers' complaints, and its other complaints."""
    office = office_of_kind(request, Office.Kind.INSPECTION)
    context = {"office": office, "matters": [], "others": []}
    if office is not None:
        context["matters"] = selectors.open_matters_for_office(office=office)
        context["others"] = list(selectors.complaints_for_office(office=office).filter(
            matter__isnull=True, case__status__in=selectors.OPEN_STATES))
    return render(request, "labour/complaint_list.html", context)


def _complaint(request, number: str):
    complaint = selectors.complaint_for_staff(user=request.user, number=number)
    if complaint is None:
        raise Http404
    return complaint


@require_access(perm=REVIEW)
def complaint_detail(request: HttpRequest, number: str) -> HttpResponse:
    complaint = _complaint(request, number)
    case = complaint.case
    return render(request, "labour/complaint_detail.html", {
        "complaint": complaint, "case": case,
        "countdown": case_countdown(case, calendar=work_calendar_cached(), now=timezone.now()),
        "accept_form": forms.NoteForm(auto_id="accept-%s"), "refuse_form": forms.ReasonForm(auto_id="refuse-%s"),
        "conclude_form": forms.ConcludeForm(auto_id="conclude-%s"),
        "extend_form": forms.ExtendForm(auto_id="extend-%s"), "can_extend": request.user.has_perm(APPROVE),
    })


def _back(number: str) -> str:
    return reverse("labour:complaint-detail", kwargs={"number": number})


@require_access(perm=REVIEW)
@require_POST
def complaint_accept(request, number):
    c = _complaint(request, number)
    return act(request, forms.NoteForm(request.POST),
                lambda d: services.complaint_accept(complaint=c, actor=request.user, note=d["note"]), _back(number))


@require_access(perm=REVIEW)
@require_POST
def complaint_refuse(request, number):
    c = _complaint(request, number)
    return act(request, forms.ReasonForm(request.POST),
                lambda d: services.complaint_refuse(complaint=c, actor=request.user, reason=d["reason"]), _back(number))


@require_access(perm=REVIEW)
@require_POST
def complaint_conclude(request, number):
    c = _complaint(request, number)
    return act(request, forms.ConcludeForm(request.POST),
                lambda d: services.complaint_conclude(complaint=c, actor=request.user, outcome=d["outcome"],
                                                      recovered=d["recovered"], note=d["note"]), _back(number))


@require_access(perm=APPROVE)
@require_POST
def complaint_extend(request, number):
    c = _complaint(request, number)
    return act(request, forms.ExtendForm(request.POST),
                lambda d: services.complaint_extend(complaint=c, actor=request.user, note=d["note"]), _back(number))
