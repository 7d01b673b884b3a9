"""What every eligibility list shares: the day, typed form data as a check, the person's basic criteria."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Employer, Person
from accounts.text import clauses
from employment.models import StatusKind, StatusPeriod
from employment.rules import ages
from employment.selectors import facts
from workflow.registry import Application, Check


def today() -> date:
    return timezone.localdate()


def data_check(form_class, application: Application) -> tuple[dict | None, list[Check]]:
    """Typed data for the checks, with a blocking check when the data does not validate."""
    if form_class is None:
        return {}, []
    form = form_class(data=application.data, application=application)
    if form.is_valid():
        return form.cleaned_data, []
    detail = clauses(f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                       for f, e in form.errors.items())
    return None, [Check(code="data", label=_("The application form is complete and valid"), passed=False,
                        detail=detail)]


def working_age(person: Person, day: date) -> Check:
    age = ages.age_on(person.birth_date, day)
    retires = facts.retirement_date(person=person)
    return Check(code="working_age", label=_("Of working age (16 to the statutory retirement age)"),
                 passed=ages.is_working_age(person.birth_date, day, retires),
                 detail=gettext("Aged %(age)s; statutory retirement on %(date)s.") % {
                     "age": age, "date": f"{retires:%Y-%m-%d}"},
                 data={"age": age, "retirement_date": retires.isoformat()})


def not_pensioner(person: Person) -> Check:
    """Employment services for a person (registration as unemployed or flexibly employed, unemployment benefit,
    the employment-difficulty determination, subsidies) are for the labour force: a pensioner has retired from
    it. The services' open_to rule (so no catalogue offers them to a pensioner) and one of their checks."""
    return Check(code="not_pensioner", label=_("Not drawing a pension"), passed=not facts.is_pensioner(person=person))


def describe_period(period: StatusPeriod) -> str:
    if period.kind == StatusKind.EMPLOYED:
        return gettext("Employed by %(employer)s since %(date)s.") % {
            "employer": period.employer.name, "date": f"{period.started_on:%Y-%m-%d}"}
    if period.kind == StatusKind.FLEXIBLE:
        return gettext("Flexibly employed since %(date)s.") % {"date": f"{period.started_on:%Y-%m-%d}"}
    return gettext("Registered unemployed since %(date)s.") % {"date": f"{period.started_on:%Y-%m-%d}"}


def no_open_employment(period: StatusPeriod | None) -> Check:
    working = period is not None and period.kind in (StatusKind.EMPLOYED, StatusKind.FLEXIBLE)
    return Check(code="no_open_employment", label=_("No employment is registered as open"), passed=not working,
                 detail=describe_period(period) if working else "",
                 data={"status": period.kind, "employer_id": period.employer_id,
                       "since": period.started_on.isoformat()} if working else {})


def no_employer_paying(person: Person, day: date) -> Check:
    """No employer declared or paid contributions for the person this month (3 queries at most)."""
    found = facts.employers_in_month(person=person, month=day)
    names = dict(Employer.objects.filter(pk__in=list(found)).values_list("pk", "name")) if found else {}
    detail = clauses(gettext("%(employer)s declared or paid contributions for %(month)s.") % {
        "employer": names.get(pk, pk), "month": f"{day:%Y-%m}"} for pk in found)
    return Check(code="no_employer_contributions", label=_("No employer pays contributions for this month"),
                 passed=not found, detail=detail,
                 data={"month": f"{day:%Y-%m}", "employers": sorted(found)})
