"""Pensioners whose proof of life is due, overdue or whose pension is suspended."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.selectors import persons_visible_to
from insurance.forms import ProofFilterForm
from insurance.selectors.pensions import pensioners_proof_due, proof_methods
from insurance.views.common import paginate


@require_access(perm="insurance.manage_pensioners")
def proof_due_list(request):
    form = ProofFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    today = timezone.localdate()
    pensions = pensioners_proof_due(persons=persons_visible_to(user=request.user), today=today, state=state)
    page = paginate(request, pensions)
    access_log_record(request=request, persons=[p.person_id for p in page], page=Page.LIST)
    return render(request, "insurance/pensioner_proof_due.html",
                  {"form": form, "pensions": page, "today": today, "methods": proof_methods()})
