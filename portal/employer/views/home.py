"""The employer's home page: this month's declaration, open cases, notices, its picture and shortcuts."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from accounts import memo
from accounts.access import require_access
from insurance.rules.months import month_start
from portal.employer import selectors
from portal.employer.views.common import USE, employer_of
from workflow import profiles
from workflow.selectors.proactive import offers_for_employer

OPEN_CASES_SHOWN, NOTICES_SHOWN = 5, 5


@require_access(perm=USE)
def home(request):
    employer = employer_of(request, with_region=True)  # the page shows the region
    today = timezone.localdate()
    month = month_start(today)
    with memo.read_once():  # the notices and the employer's section count the staff's cards once
        # The declaration alone: its employer is the page's own, read above.
        declaration = selectors.declarations_of(user=request.user).select_related(None).filter(month=month).first()
        orders = selectors.live_orders(user=request.user, declarations=[declaration] if declaration else [])
        open_cases = selectors.case_list(employer=employer, filter="open")
        # This month's declaration, read above, is the one the notices would read again.
        notices = selectors.notices_for(user=request.user, today=today, month_declaration=declaration)
        context = {
            "employer": employer, "month": month, "declaration": declaration,
            "order": orders.get(declaration.pk) if declaration else None,
            "open_cases": selectors.with_countdowns(selectors.for_rows(open_cases)[:OPEN_CASES_SHOWN]),
            "open_count": open_cases.count(),
            "notices": notices[:NOTICES_SHOWN], "more_notices": len(notices) > NOTICES_SHOWN,
            "sections": profiles.profile(employer, subject_kind="employer"),
            "can_manage": request.user.has_perm("accounts.manage_employer_users"),
            # What the bureau found the employer may be entitled to, waiting for its answer (1 query).
            "offers": offers_for_employer(employer=employer),
        }
    return render(request, "portal/employer/home.html", context)
