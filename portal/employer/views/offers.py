"""What the bureau found the employer may be entitled to (免申即享): confirm or decline, one step each, by the
employer's own users only (another employer's offer is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.text import clauses
from portal.employer.views.common import USE, employer_of
from portal.resident.views.offers import DeclineForm
from workflow.exceptions import NotEligible, WorkflowError
from workflow.selectors.proactive import offer_of_employer
from workflow.services.proactive import offer_confirm, offer_decline


def _ours(request, pk: int):
    offer = offer_of_employer(employer=employer_of(request), pk=pk)
    if offer is None:
        raise Http404
    return offer


@require_access(perm=USE)
@require_POST
def offer_confirm_view(request, pk: int):
    offer = _ours(request, pk)
    try:
        case = offer_confirm(offer=offer, actor=request.user)
    except NotEligible as exc:
        messages.error(request, clauses([exc.message, *(
            _("%(label)s: %(detail)s") % {"label": c.label, "detail": c.detail} if c.detail else str(c.label)
            for c in exc.checks if c.is_error)]))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Confirmed: your application goes to the back office, which decides it by "
                                    "%(deadline)s.") % {"deadline": f"{timezone.localtime(case.deadline):%Y-%m-%d}"})
        return redirect("employer:case", number=case.number)
    return redirect("portal:employer-home")


@require_access(perm=USE)
@require_POST
def offer_decline_view(request, pk: int):
    offer = _ours(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("portal:employer-home")
    try:
        offer_decline(offer=offer, actor=request.user, reason=form.cleaned_data["reason"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declined: the bureau will not ask you again on the same facts."))
    return redirect("portal:employer-home")
