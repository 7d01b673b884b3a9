"""Benefit recipients and their payments; recording a bank's payment result."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from employment.exceptions import EmploymentError
from employment.forms import BenefitFilterForm, PaymentResultForm
from employment.selectors.benefits import claim_payments, claims_visible_to, payments_visible_to
from employment.services import payment_result_record

PERM = "employment.view_employment_records"


@require_access(perm=PERM)
def benefit_list(request):
    form = BenefitFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(claims_visible_to(user=request.user, status=status), 50).get_page(request.GET.get("page"))
    access_log_record(request=request, persons=[c.person_id for c in page], page=Page.LIST)
    return render(request, "employment/benefit_list.html", {"form": form, "claims": page})


@require_access(perm=PERM)
def benefit_detail(request, pk: int):
    claim = get_object_or_404(claims_visible_to(user=request.user), pk=pk)
    access_log_record(request=request, persons=[claim.person_id], page=Page.EMPLOYMENT)
    return render(request, "employment/benefit_detail.html", {
        "claim": claim, "payments": claim_payments(claim=claim), "result_form": PaymentResultForm(),
        "may_record": request.user.has_perm("employment.record_payment_result"),
    })


@require_access(perm="employment.record_payment_result")
@require_POST
def payment_result(request, reference: str):
    payment = get_object_or_404(payments_visible_to(user=request.user), reference=reference)
    back = redirect("employment:benefit-detail", pk=payment.claim_id) if payment.claim_id else redirect(
        "employment:person", pk=payment.person_id or 0)
    form = PaymentResultForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) or [e for errors in form.errors.values() for e in errors]:
            messages.error(request, error)
        return back
    try:
        payment_result_record(actor=request.user, reference=payment.reference, status=form.cleaned_data["status"],
                              reason=form.cleaned_data["reason"])
    except EmploymentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, payment.reference)
    return back
