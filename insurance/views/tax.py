"""The reconciliation with the tax bureau (office heads and the leadership)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from accounts.access import require_access
from insurance.rules.months import month_start
from insurance.selectors.tax import tax_month_detail, tax_reconciliation

RECONCILE = "insurance.reconcile_tax"
MONTHS_SHOWN = 12


def _month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else None
    except ValueError:
        return None


@require_access(perm=RECONCILE)
def tax_reconciliation_view(request):
    today = month_start(timezone.localdate())
    first = date(today.year - 1, today.month, 1) if today.month < 12 else date(today.year, 1, 1)
    months = tax_reconciliation(user=request.user, first=first, last=today)
    chosen = _month(request.GET.get("month", "")[:7]) or (months[0].month if months else None)
    detail = tax_month_detail(user=request.user, month=chosen) if chosen else None
    return render(request, "insurance/tax_reconciliation.html",
                  {"months": months, "chosen": chosen, "detail": detail})
