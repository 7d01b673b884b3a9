"""The resident's home page: what needs doing, open cases, the next appointment, shortcuts."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.access import require_access
from portal.resident.selectors import dashboard
from portal.resident.views.common import RESIDENT, me
from workflow.selectors.proactive import offers_for_person


@require_access(perm=RESIDENT)
@never_cache
def home(request):
    person = me(request)
    return render(request, "portal/resident/home.html", {"person": person, **dashboard(person=person),
                                                         "offers": offers_for_person(person=person)})
