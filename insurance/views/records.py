"""A person's social-insurance records for staff: status, contributions by year, card, pension, statements."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts import memo
from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.selectors import persons_visible_to
from insurance.forms import StatementYearForm
from insurance.profiles import card_data, contributions_data, pension_data, status_data
from insurance.selectors.contributions import contribution_history
from insurance.selectors.statements import statements_of
from insurance.views.charts import history_chart


@require_access(perm="insurance.view_insurance_records")
def person_records(request, pk: int):
    person = get_object_or_404(persons_visible_to(user=request.user), pk=pk)
    access_log_record(request=request, persons=[person], page=Page.INSURANCE)
    with memo.read_once():  # the history and the summary add up the person's contributions once
        history = contribution_history(person=person)
        context = {
            "person": person, "status": status_data(person), "summary": contributions_data(person),
            "card": card_data(person), "pension": pension_data(person), "history": history,
            "chart": history_chart(history), "statements": statements_of(person=person),
            "year_form": StatementYearForm(initial={"year": timezone.localdate().year - 1}),
        }
    return render(request, "insurance/person_records.html", context)
