"""Rating one of my ended cases online (好差评, channel "online")."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import require_access
from portal.resident.selectors import my_case
from portal.resident.views.common import RESIDENT
from workflow.rules.ratings import Channel
from workflow.selectors.ratings import may_be_rated, subject_rated
from workflow.services.ratings import rating_give_case
from workflow.views.ratings import rate_page


@require_access(perm=RESIDENT)
@require_http_methods(["GET", "HEAD", "POST"])
def case_rate(request, number: str):
    case = my_case(person=request.user.person, number=number)
    if case is None or not may_be_rated(case):
        raise Http404
    back = reverse("resident:case-detail", kwargs={"number": number})
    return rate_page(request, layout="layouts/public.html", title=case.service.name,
                     extra={"case": case, "back": back}, done=back,
                     rated=subject_rated(subject=f"case:{case.pk}", channel=Channel.ONLINE),
                     give=lambda data: rating_give_case(case=case, channel=Channel.ONLINE, **data))
