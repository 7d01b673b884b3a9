"""The spending of each fund per month: approved payments (not cancelled) by fund, for the fund report."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from accounts.models import User
from accounts.money import ZERO, MoneySum
from employment.models import Fund, Payment
from employment.rules.months import iter_months
from employment.selectors.benefits import payments_visible_to


def fund_report(*, user: User, first: date, last: date) -> dict:
    """Rows per month and fund: the amount approved, the amount paid and the payments (1 query)."""
    rows = (payments_visible_to(user=user).filter(month__gte=first, month__lte=last)
            .exclude(status=Payment.Status.CANCELLED).order_by().values("month", "fund")
            .annotate(approved=MoneySum("amount"), paid=MoneySum("amount", filter=Q(status=Payment.Status.PAID)),
                      payments=Count("pk")))
    cells = {(r["month"], r["fund"]): r for r in rows}
    months = list(iter_months(first, last))
    funds = list(Fund.values)
    table = []
    for month in months:
        line = {"month": month, "cells": [], "total": ZERO}
        for fund in funds:
            cell = cells.get((month, fund), {})
            approved = cell.get("approved") or ZERO
            line["cells"].append({"fund": fund, "approved": approved, "paid": cell.get("paid") or ZERO,
                                  "payments": cell.get("payments", 0)})
            line["total"] += approved
        table.append(line)
    totals = {fund: sum((line["cells"][i]["approved"] for line in table), ZERO) for i, fund in enumerate(funds)}
    return {"months": months, "funds": [(f, Fund(f).label) for f in funds], "table": table, "totals": totals,
            "grand_total": sum(totals.values(), ZERO),
            "amounts": {(line["month"], c["fund"]): c["approved"] for line in table for c in line["cells"]}}
