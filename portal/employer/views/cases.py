"""The employer's own cases (list and detail with stage, countdown and timeline, rating an ended one) and its
notices."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import require_access
from portal.employer import selectors
from portal.employer.forms import CaseFilterForm
from portal.employer.views.common import USE, employer_of, paginate
from workflow.exceptions import WorkflowError
from workflow.rules.ratings import Channel as RatingChannel
from workflow.rules.states import DECIDED
from workflow.selectors.backoffice import case_summary
from workflow.selectors.ratings import may_be_rated, subject_rated
from workflow.selectors.tracking import case_tracking
from workflow.services import case_withdraw
from workflow.services.ratings import rating_give_case
from workflow.views.ratings import rate_page

PER_PAGE = 25


@require_access(perm=USE)
def cases(request):
    employer = employer_of(request)
    form = CaseFilterForm(request.GET or None)
    valid = form.is_valid()
    chosen = (form.cleaned_data["filter"] if valid else "") or "open"
    query = form.cleaned_data["q"] if valid else ""
    page = paginate(request, selectors.case_list(employer=employer, filter=chosen, query=query), PER_PAGE)
    return render(request, "portal/employer/case_list.html", {
        "form": form, "filter": chosen, "query": query, "page": page, "rows": selectors.with_countdowns(page),
        "filters": form.fields["filter"].choices,
    })


def _case(request, number: str):
    return get_object_or_404(selectors.cases_of(employer=employer_of(request)), number=number)


@require_access(perm=USE)
def case(request, number: str):
    item = _case(request, number)
    return render(request, "portal/employer/case_detail.html", {
        "case": item, "tracked": case_tracking(code=item.tracking_code), "summary": case_summary(item),
        "checks": [c for c in (item.checks or []) if isinstance(c, dict)],
        "can_withdraw": item.is_open and item.status not in DECIDED,
    })


@require_access(perm=USE)
@require_POST
def case_withdraw_view(request, number: str):
    item = _case(request, number)
    try:
        case_withdraw(case=item, actor=request.user, note=request.POST.get("note", "")[:500])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Case %(number)s is withdrawn.") % {"number": item.number})
    return redirect("employer:case", number=item.number)


@require_access(perm=USE)
def notices(request):
    employer = employer_of(request)
    return render(request, "portal/employer/notice_list.html", {
        "notices": selectors.notices_for(user=request.user), "messages_sent": selectors.messages_for(employer=employer),
    })


@require_access(perm=USE)
@require_http_methods(["GET", "HEAD", "POST"])
def case_rate(request, number: str):
    """The employer rates one of its ended cases online (好差评, channel "online")."""
    item = _case(request, number)
    if not may_be_rated(item):
        raise Http404
    back = reverse("employer:case", kwargs={"number": number})
    return rate_page(request, layout="layouts/public.html", title=item.service.name,
                     extra={"case": item, "back": back}, done=back,
                     rated=subject_rated(subject=f"case:{item.pk}", channel=RatingChannel.ONLINE),
                     give=lambda data: rating_give_case(case=item, channel=RatingChannel.ONLINE, **data))
