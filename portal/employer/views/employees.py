"""Employees: the list with their insurance and employment status, one employee, the one-form new hire and the
separation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import require_access
from insurance.selectors import card_of, enrolment_status
from portal.employer import selectors, services
from portal.employer.exceptions import EmployerError
from portal.employer.forms import NewHireForm, SearchForm, SeparationStartForm
from portal.employer.views.common import USE, employer_of, paginate
from workflow.exceptions import NotEligible, WorkflowError

PER_PAGE = 25


@require_access(perm=USE)
def employees(request):
    employer = employer_of(request)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, selectors.employee_search(employer=employer, query=query), PER_PAGE)
    return render(request, "portal/employer/employee_list.html", {
        "form": form, "query": query, "page": page,
        "rows": selectors.employee_rows(employer=employer, persons=list(page.object_list)),
    })


def _employee(request, person_id: int):
    employer = employer_of(request)
    person = get_object_or_404(selectors.employees_of(employer=employer), pk=person_id)
    return employer, person


@require_access(perm=USE)
def employee(request, person_id: int):
    employer, person = _employee(request, person_id)
    state = selectors.employee_state(employer=employer, person=person)
    insurance = [{**row, "here": row["employer_id"] == employer.pk} for row in enrolment_status(person=person).values()]
    cases = selectors.cases_of(employer=employer).filter(person=person).order_by("-accepted_at")[:10]
    return render(request, "portal/employer/employee_detail.html", {
        "person": person, "state": state, "insurance": insurance, "card": card_of(person=person),
        "cases": selectors.with_countdowns(cases),
    })


def _outcome_messages(request, outcome: services.Outcome, done: str) -> None:
    numbers = "、".join(case.number for case in outcome.cases)
    messages.success(request, done % {"name": outcome.person.name, "cases": numbers})
    for check in outcome.prompts:
        messages.info(request, f"{check.label}{'：' + str(check.detail) if check.detail else ''}")


@require_access(perm=USE)
def new_hire(request):
    employer = employer_of(request)
    form = NewHireForm(request.POST or None)
    checks = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.new_hire_register(
                actor=request.user, employer=employer, id_number=data["id_number"], name=data["name"],
                phone=data["phone"] or "", start=data["start"], wage=data["wage"], types=data["types"],
                contract=data["contract"], position=data["position"])
        except NotEligible as exc:
            messages.error(request, exc.message)
            checks = exc.checks
        except EmployerError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            _outcome_messages(request, outcome, _("%(name)s is registered as employed and insured (cases %(cases)s)."))
            return redirect("employer:employee", person_id=outcome.person.pk)
    return render(request, "portal/employer/employee_new_hire.html", {"form": form, "checks": checks})


@require_access(perm=USE)
def separation(request, person_id: int):
    employer, person = _employee(request, person_id)
    form = SeparationStartForm(request.POST or None)
    checks = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.separation_register(actor=request.user, employer=employer, person=person,
                                                   ended_on=data["ended_on"], reason=data["reason"], note=data["note"])
        except NotEligible as exc:
            messages.error(request, exc.message)
            checks = exc.checks
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            _outcome_messages(request, outcome, _("The employment and insurance of %(name)s here are ended "
                                                  "(cases %(cases)s)."))
            return redirect("employer:employees")
    return render(request, "portal/employer/employee_separation.html", {
        "form": form, "person": person, "checks": checks,
        "state": selectors.employee_state(employer=employer, person=person),
    })
