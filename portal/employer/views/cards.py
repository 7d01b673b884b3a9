"""Social-security cards of the employer's staff: their status, and batch applications for those without one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.text import clauses
from insurance.models import Card
from insurance.selectors import cards_of_employer_staff, employer_insured_employees
from portal.employer import services
from portal.employer.forms import CardsApplyForm
from portal.employer.views.common import USE, employer_of, paginate
from workflow.exceptions import NotEligible, WorkflowError

PER_PAGE = 50


def _without_card(employer):
    """Insured staff holding no live card: whom a batch may apply for."""
    return employer_insured_employees(employer=employer).exclude(
        pk__in=cards_of_employer_staff(employer=employer).values("person_id"))


@require_access(perm=USE)
def cards(request):
    employer = employer_of(request)
    staff_cards = cards_of_employer_staff(employer=employer)
    counts = dict(staff_cards.order_by().values_list("status").annotate(n=Count("pk")))
    without = _without_card(employer)
    return render(request, "portal/employer/card_list.html", {
        "counts": [(label, counts[value]) for value, label in Card.Status.choices if value in counts],
        "cards": paginate(request, staff_cards, PER_PAGE), "without": paginate(request, without, PER_PAGE, "wpage"),
        "without_count": without.count(), "form": CardsApplyForm(),
    })


@require_access(perm=USE)
@require_POST
def cards_apply(request):
    employer = employer_of(request)
    form = CardsApplyForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or [_("The selection is not valid.")]:
            messages.error(request, error)
        return redirect("employer:cards")
    without = _without_card(employer)
    if not form.cleaned_data["everyone"]:
        without = without.filter(pk__in=form.cleaned_data["persons"])
    try:
        case = services.staff_cards_apply(actor=request.user, employer=employer, persons=list(without),
                                          hall=form.cleaned_data["hall"])
    except NotEligible as exc:
        messages.error(request, clauses(f"{c.label} {c.detail}".strip() for c in exc.errors) or exc.message)
        return redirect("employer:cards")
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("employer:cards")
    messages.success(request, _("Cards applied for: %(applied)s; skipped (already hold a card): %(skipped)s.")
                     % {"applied": case.result.get("applied", 0), "skipped": case.result.get("skipped", 0)})
    return redirect("employer:case", number=case.number)
