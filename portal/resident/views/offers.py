"""What the bureau found the resident may be entitled to (免申即享): confirm or decline, one step each."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_POST

from accounts.access import require_access
from portal import offers
from portal.resident.views.common import RESIDENT
from workflow.selectors.proactive import offer_of_person


def _mine(request, pk: int):
    offer = offer_of_person(person=request.user.person, pk=pk)
    if offer is None:
        raise Http404
    return offer


@require_access(perm=RESIDENT)
@require_POST
def offer_confirm_view(request, pk: int):
    return offers.confirm(request, _mine(request, pk), case_url="resident:case-detail", home="portal:resident-home")


@require_access(perm=RESIDENT)
@require_POST
def offer_decline_view(request, pk: int):
    return offers.decline(request, _mine(request, pk), home="portal:resident-home")
