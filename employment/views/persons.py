"""A person's employment record for staff: status and history, benefits, subsidies, determinations, prompts."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.selectors import persons_visible_to
from employment import profiles
from employment.selectors.fraud import reviews_visible_to

PERM = "employment.view_employment_records"


@require_access(perm=PERM)
def person_detail(request, pk: int):
    person = get_object_or_404(persons_visible_to(user=request.user), pk=pk)
    access_log_record(request=request, persons=[person], page=Page.EMPLOYMENT)
    return render(request, "employment/person_detail.html", {
        "person": person, "status": profiles.status_data(person), "benefits": profiles.benefits_data(person),
        "subsidies": profiles.subsidies_data(person), "prompts": profiles.person_prompts(person),
        "reviews": list(reviews_visible_to(user=request.user).filter(person=person)[:5]),
    })
