"""The arbitration commission's pages: its applications, acceptance, hearings, the award and the extension."""

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

SHOWN = 100


@require_access(perm=REVIEW)
def arbitrations(request: HttpRequest) -> HttpResponse:
    office = office_of_kind(request, Office.Kind.ARBITRATION)
    rows = []
    if office is not None:
        rows = list(selectors.arbitrations_for_office(office=office).filter(
            case__status__in=selectors.OPEN_STATES)[:SHOWN])
    return render(request, "labour/arbitration_list.html", {"office": office, "rows": rows})


def _arbitration(request, number: str):
    arbitration = selectors.arbitration_for_staff(user=request.user, number=number)
    if arbitration is None:
        raise Http404
    return arbitration


def _back(number: str) -> str:
    return reverse("labour:arbitration-detail", kwargs={"number": number})


@require_access(perm=REVIEW)
def arbitration_detail(request: HttpRequest, number: str) -> HttpResponse:
    arbitration = _arbitration(request, number)
    case = arbitration.case
    return render(request, "labour/arbitration_detail.html", {
        "arbitration": arbitration, "case": case, "hearings": list(arbitration.hearings.all()),
        "countdown": case_countdown(case, calendar=work_calendar_cached(), now=timezone.now()),
        "accept_form": forms.NoteForm(auto_id="accept-%s"), "hearing_form": forms.HearingForm(auto_id="hearing-%s"),
        "award_form": forms.AwardForm(auto_id="award-%s"),
        "extend_form": forms.ExtendForm(auto_id="extend-%s"), "can_extend": request.user.has_perm(APPROVE),
    })


@require_access(perm=REVIEW)
@require_POST
def arbitration_accept(request, number):
    a = _arbitration(request, number)
    return act(request, forms.NoteForm(request.POST),
               lambda d: services.arbitration_accept(arbitration=a, actor=request.user), _back(number))


@require_access(perm=REVIEW)
@require_POST
def hearing_schedule(request, number):
    a = _arbitration(request, number)
    return act(request, forms.HearingForm(request.POST),
               lambda d: services.hearing_schedule(arbitration=a, actor=request.user, at=d["at"], place=d["place"]),
               _back(number))


@require_access(perm=REVIEW)
@require_POST
def arbitration_award(request, number):
    a = _arbitration(request, number)
    return act(request, forms.AwardForm(request.POST),
               lambda d: services.arbitration_award(arbitration=a, actor=request.user, award=d["award"],
                                                    text=d["text"]), _back(number))


@require_access(perm=APPROVE)
@require_POST
def arbitration_extend(request, number):
    a = _arbitration(request, number)
    return act(request, forms.ExtendForm(request.POST),
               lambda d: services.arbitration_extend(arbitration=a, actor=request.user, note=d["note"]),
               _back(number))
