"""Who in the bureau opened my record: the access log's rows about the resident, with office and staff number."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.access import require_access
from accounts.access_log.selectors import accesses_of_person
from portal.resident.views.common import RESIDENT


@require_access(perm=RESIDENT)
@never_cache
def access_log(request):
    page = Paginator(accesses_of_person(person_id=request.user.person_id), 30).get_page(request.GET.get("page"))
    return render(request, "portal/resident/access_log.html", {"page": page, "entries": page.object_list})
