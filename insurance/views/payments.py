"""Confirming payments (the bank and the tax bureau will call the same service through the API)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_access
from insurance.exceptions import InsuranceError
from insurance.forms import OrderSearchForm, PaymentConfirmForm
from insurance.selectors.employers import orders_awaiting_payment, orders_visible_to
from insurance.services import payment_confirm
from insurance.views.common import paginate

CONFIRM = "insurance.confirm_payment"


@require_access(perm=CONFIRM)
def payment_list(request):
    form = OrderSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    orders = orders_awaiting_payment(user=request.user, query=query)
    return render(request, "insurance/payment_list.html",
                  {"form": form, "orders": paginate(request, orders), "today": timezone.localdate()})


@require_access(perm=CONFIRM)
def payment_confirm_view(request, pk: int):
    order = get_object_or_404(orders_visible_to(user=request.user).select_related("confirmed_by"), pk=pk)
    form = PaymentConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment_confirm(order=order, actor=request.user, channel=form.cleaned_data["payment_channel"],
                            reference=form.cleaned_data["reference"])
        except InsuranceError as exc:
            messages.error(request, exc.message)
            return redirect("insurance:payment-confirm", pk=order.pk)
        messages.success(request, _("Order %(number)s is recorded as paid.") % {"number": order.number})
        return redirect("insurance:payment-list")
    return render(request, "insurance/payment_confirm.html", {"order": order, "form": form},
                  status=400 if form.errors else 200)
