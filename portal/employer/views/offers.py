"""What the bureau found the employer may be entitled to (免申即享): confirm or decline, one step each, by the
employer's own users only (another employer's offer is a 404)."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_POST

from accounts.access import require_access
from portal import offers
from portal.employer.views.common import USE, employer_of
from workflow.selectors.proactive import offer_of_employer


def _ours(request, pk: int):
    offer = offer_of_employer(employer=employer_of(request), pk=pk)
    if offer is None:
        raise Http404
    return offer


@require_access(perm=USE)
@require_POST
def offer_confirm_view(request, pk: int):
    return offers.confirm(request, _ours(request, pk), case_url="employer:case", home="portal:employer-home")


@require_access(perm=USE)
@require_POST
def offer_decline_view(request, pk: int):
    return offers.decline(request, _ours(request, pk), home="portal:employer-home")
