"""Proactive retirement approval (免申即享): the persons whose statutory retirement date is at most 3 months away,
found by insurance's own rules and offered the retirement approval the bureau opens for them (workflow.finders).

Set-based: the birth dates that retire in the window are an interval per age group (insurance.rules.retirement),
so the persons are filtered by birth date in SQL with their contribution months counted alongside, and the rules
then judge only those few candidates: a fixed number of queries whatever the persons on record.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from insurance.models import CarriedOverRecord, Contribution, InsuranceType, Payer, Pension
from insurance.rules.months import add_months
from insurance.rules.retirement import (
    assess_retirement,
    births_retiring_between,
    statutory_age,
    statutory_retirement_date,
)
from insurance.selectors.reference import ReferenceBook, age_schedule
from workflow.finders import FinderSpec, Finding, finders
from workflow.models import Case
from workflow.rules.states import OPEN

SERVICE = "insurance.retirement"
AHEAD_MONTHS = 3  # the approval is opened this many months before the statutory date
# The groups the records can tell apart. A woman's original age (50 for worker posts, 55 for management and
# technical posts and flexible employment) is not on record: the bureau offers by 55, the retirement approval's
# own default, and says so; a woman of a worker post retires earlier and applies at a window.
GROUPS = {"male": Person.Sex.MALE, "female_55": Person.Sex.FEMALE}
GROUP_WORDS = {"male": _("men"), "female_55": _("women whose original retirement age was 55")}


def _candidates(ranges: Q):
    paid = (Contribution.objects.filter(person=OuterRef("pk"), insurance_type=InsuranceType.PENSION,
                                        status=Contribution.Status.PAID).exclude(payer=Payer.SUBSIDY)
            .order_by().values("person").annotate(n=Count("month", distinct=True)).values("n"))
    carried = CarriedOverRecord.objects.filter(person=OuterRef("pk")).values("pension_months")
    open_case = Case.objects.filter(person=OuterRef("pk"), service__code=SERVICE, status__in=sorted(OPEN))
    return (Person.objects.filter(ranges, date_of_death__isnull=True)
            .exclude(Exists(Pension.objects.filter(person=OuterRef("pk"))))
            .exclude(Exists(open_case))
            .annotate(paid=Coalesce(Subquery(paid, output_field=IntegerField()), Value(0)),
                      carried=Coalesce(Subquery(carried, output_field=IntegerField()), Value(0)))
            .order_by("pk").values_list("pk", "sex", "birth_date", "paid", "carried"))


def _words(*, group: str, birth: date, statutory: date, age: tuple[int, int], months: int, minimum: int):
    with translation.override("zh-hans"):
        what = gettext("You reach the statutory retirement age on %(date)s and have paid pension contributions long "
                       "enough: the bureau has opened your retirement approval.") % {"date": statutory.isoformat()}
        why = [gettext("Born on %(birth)s, your statutory retirement age as one of the %(group)s is %(years)s years "
                       "%(months)s months.") % {"birth": birth.isoformat(), "group": GROUP_WORDS[group],
                                                "years": age[0], "months": age[1]},
               gettext("The records show %(months)s months of pension contributions; at least %(minimum)s are "
                       "needed.") % {"months": months, "minimum": minimum}]
        if group == "female_55":
            why.append(gettext("If your original retirement age was 50 (a worker post), decline and apply at a "
                               "service hall."))
        return what, "".join(why)


def retirement_find(*, today: date) -> list[Finding]:
    """Persons whose statutory retirement date falls from today to 3 months ahead, alive, not pensioners, with
    no open retirement case, who have the minimum contribution period by that date (4 queries)."""
    book = ReferenceBook()
    horizon = add_months(today, AHEAD_MONTHS)
    table, schedules, ranges = book.schedules, {}, Q(pk__in=[])
    for group, sex in GROUPS.items():
        schedules[group] = age_schedule(group, table)
        births = births_retiring_between(today, horizon, schedules[group])
        if births is not None:
            ranges |= Q(sex=sex, birth_date__range=births)
    findings = []
    for pk, sex, birth, paid, carried in _candidates(ranges):
        group = "male" if sex == Person.Sex.MALE else "female_55"
        schedule = schedules[group]
        statutory = statutory_retirement_date(birth, schedule)
        if not today <= statutory <= horizon:
            continue
        assessment = assess_retirement(birth=birth, schedule=schedule, on=statutory,
                                       contribution_months=paid + carried, minimum_table=book.minimum_table)
        if not assessment.ok:
            continue
        what, why = _words(group=group, birth=birth, statutory=statutory, age=statutory_age(birth, schedule),
                           months=assessment.months, minimum=assessment.minimum)
        findings.append(Finding(
            service=SERVICE, person_id=pk, fingerprint=f"statutory={statutory.isoformat()};group={group}",
            what=what, why=why, expires_on=statutory,
            data={"retirement_date": statutory.isoformat(), "female_group": "" if group == "male" else group},
            facts={"birth_date": birth.isoformat(), "group": group, "statutory_date": statutory.isoformat(),
                   "months": assessment.months, "minimum": assessment.minimum}))
    return findings


RETIREMENT_FINDER = FinderSpec(code="insurance.retirement_due", label=_("Retirement approval, 3 months ahead"),
                               service=SERVICE, find=retirement_find)


def register_all() -> None:
    finders.register(RETIREMENT_FINDER)
