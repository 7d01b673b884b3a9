"""The employer's page: the complaints that name it, with its answer, and its labour filings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import require_access
from labour import forms, selectors, services
from labour.permissions import EMPLOYER
from labour.views.common import act

SHOWN = 50


def _employer(request):
    employer = getattr(request.user, "employer", None)
    if employer is None:
        raise PermissionDenied
    return employer


@require_access(perm=EMPLOYER)
def employer_complaints(request: HttpRequest) -> HttpResponse:
    employer = _employer(request)
    return render(request, "labour/employer_complaints.html", {
        "employer": employer, "complaints": list(selectors.complaints_against(employer=employer)[:SHOWN]),
        "filings": list(selectors.filings_of(employer=employer)[:SHOWN]), "answer_form": forms.AnswerForm(),
    })


@require_access(perm=EMPLOYER)
@require_POST
def employer_answer(request, number):
    complaint = selectors.complaints_against(employer=_employer(request)).filter(case__number=number).first()
    if complaint is None:
        raise Http404
    return act(request, forms.AnswerForm(request.POST),
               lambda d: services.complaint_answer(complaint=complaint, actor=request.user, text=d["text"]),
               reverse("labour:employer-complaints"))
