"""The employer's declarations as its own pages need them: the month's wage list prefilled, orders by declaration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet

from accounts.models import Employer, Person, User
from accounts.money import CENT
from accounts.rows import choice_labels
from insurance.models import Declaration, PaymentOrder
from insurance.selectors import employer_insured_employees
from insurance.selectors.declarations import previous_wage_rows
from insurance.selectors.employers import declarations_visible_to, orders_visible_to
from insurance.services.declarations import current_declaration
from workflow.models import Case

# The month typed in a form: beyond this many insured employees the employer uploads a file instead.
FORM_LIMIT = 300


@dataclass
class WageLine:
    person: Person
    wage: Decimal | None
    source: str  # "month" (already in this month's declaration), "previous" (last declared month), "hired", ""


def declarations_of(*, user: User) -> QuerySet[Declaration]:
    """The user's employer's current declarations (a correction's superseded version is history)."""
    return declarations_visible_to(user=user).exclude(status=Declaration.Status.SUPERSEDED)


def live_orders(*, user: User, declarations: list[Declaration]) -> dict[int, PaymentOrder]:
    """The live (not cancelled) payment order of each declaration shown (one query; the order alone, without the
    employer, person and declaration rows the pages already have)."""
    ids = [d.pk for d in declarations]
    if not ids:
        return {}
    orders = orders_visible_to(user=user).select_related(None).filter(declaration_id__in=ids).exclude(
        status=PaymentOrder.Status.CANCELLED)
    return {o.declaration_id: o for o in orders}


def with_status_labels(items: list, model) -> list:
    """Each item with `status_label`, its get_status_display() from labels translated once for the list (the
    model's method rebuilds its choices at every call)."""
    labels = choice_labels(model)
    for item in items:
        item.status_label = labels.get(item.status, item.status)
    return items


def _hired_wages(employer: Employer, person_ids: list[int]) -> dict[int, Decimal]:
    """The wage given on a new hire's enrolment (the online one-form registration or the counter), by person."""
    if not person_ids:
        return {}
    found: dict[int, Decimal] = {}
    rows = (Case.objects.filter(employer=employer, service__code="insurance.enrol", person_id__in=person_ids,
                                status=Case.Status.COMPLETED)
            .order_by("accepted_at", "pk").values_list("person_id", "data"))
    for person_id, data in rows:
        try:
            wage = Decimal(str((data or {}).get("wage") or ""))
        except InvalidOperation:
            continue
        if wage.is_finite() and wage > 0:
            found[person_id] = wage.quantize(CENT)
    return found


def month_wages(*, employer: Employer, month: date, persons: list[Person]) -> list[WageLine]:
    """Each insured employee's wage to prefill: this month's declaration if there is one, else the last declared
    month's, else the wage given when they were hired (five queries whatever the number of employees)."""
    declared: dict[int, Decimal] = {}
    current = current_declaration(employer, month)
    if current is not None:
        declared = dict(current.lines.values_list("person_id", "wage"))
    previous = {row.id_number: row.wage for row in previous_wage_rows(employer=employer, month=month)}
    missing = [p.pk for p in persons if p.pk not in declared and p.id_number not in previous]
    hired = _hired_wages(employer, missing)
    lines = []
    for person in persons:
        if person.pk in declared:
            lines.append(WageLine(person, declared[person.pk], "month"))
        elif person.id_number in previous:
            lines.append(WageLine(person, Decimal(previous[person.id_number]), "previous"))
        else:
            lines.append(WageLine(person, hired.get(person.pk), "hired" if person.pk in hired else ""))
    return lines


def insured_for_form(*, employer: Employer) -> tuple[list[Person], bool]:
    """The insured employees to type wages for, and whether there are too many for a form (one query)."""
    persons = list(employer_insured_employees(employer=employer).only("pk", "name", "id_number")[:FORM_LIMIT + 1])
    return persons[:FORM_LIMIT], len(persons) > FORM_LIMIT


def insured_not_declared(*, declaration: Declaration) -> int:
    """Employees insured now whom the declaration leaves out (one query)."""
    return employer_insured_employees(employer=declaration.employer).exclude(
        pk__in=declaration.lines.values("person_id")).count()
