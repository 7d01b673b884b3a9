"""Proactive flexible-employment social-insurance subsidy (免申即享): an employment-difficulty person who pays
contributions as a flexible-employment individual is offered the subsidy for the months paid and not yet
subsidised, the case opened by the bureau awaiting their confirmation (workflow.finders).

The persons are narrowed in SQL (a determination in force, flexible contributions paid in the last 12 months, no
open subsidy case: one query whatever the persons on record); the subsidy's own eligibility
(employment.eligibility.subsidies) then judges each of those few, so no rule is written twice.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from accounts.text import enumeration
from employment.eligibility import subsidies as eligibility
from employment.models import DifficultyDetermination, Subsidy, SubsidyGrant
from employment.rules.difficulty import CATEGORY_LABELS
from employment.rules.months import add_months, month_start
from employment.selectors import facts
from employment.selectors.reference import RuleBook
from workflow.finders import FinderSpec, Finding, finders
from workflow.models import Case
from workflow.rules.states import OPEN

SERVICE = "employment.subsidy_flexible_insurance"
LOOKBACK_MONTHS = 12  # the months paid that an offer covers at most, up to last month


def _candidates(*, today: date, first: date, last: date):
    determination = DifficultyDetermination.objects.filter(person=OuterRef("pk"), ended_on__isnull=True,
                                                           valid_from__lte=today, valid_until__gte=today)
    open_case = Case.objects.filter(person=OuterRef("pk"), service__code=SERVICE, status__in=sorted(OPEN))
    return list(Person.objects.filter(Exists(determination), facts.flexible_paid_exists(OuterRef("pk"), first, last),
                                      date_of_death__isnull=True)
                .exclude(Exists(open_case)).order_by("pk"))


def _last_covered(person: Person) -> date | None:
    """The last month the subsidy covered for the person, if any (1 query)."""
    return (SubsidyGrant.objects.filter(person=person, subsidy=Subsidy.FLEXIBLE_INSURANCE)
            .order_by("-last_month").values_list("last_month", flat=True).first())


def flexible_subsidy_find(*, today: date) -> list[Finding]:
    """Difficulty persons paying flexible-employment contributions whose unsubsidised months pass the subsidy's
    checks (one query to find them, then the subsidy's eligibility for each)."""
    last = add_months(month_start(today), -1)
    since = add_months(last, -(LOOKBACK_MONTHS - 1))
    book, found = RuleBook(), []
    for person in _candidates(today=today, first=since, last=last):
        determination = DifficultyDetermination.objects.filter(
            person=person, ended_on__isnull=True, valid_from__lte=today, valid_until__gte=today).first()
        covered = _last_covered(person)
        # Within the look-back, after the last month subsidised (the subsidy's checks say which months count).
        first = max(since, add_months(month_start(covered), 1)) if covered else since
        paid = facts.flexible_contributions(person=person, first=first, last=last)["months"]
        if not paid:
            continue
        # The months asked are those paid, from the first to the last: what the subsidy's checks then judge.
        first, last = paid[0], paid[-1]
        checks, quote = eligibility.subsidy(Subsidy.FLEXIBLE_INSURANCE, person=person, employer=None, day=today,
                                            values={"first_month": first, "last_month": last}, book=book)
        if any(c.is_error for c in checks) or not quote.amount:
            continue
        months = quote.details.get("months", [])
        with translation.override("zh-hans"):
            what = gettext("A flexible-employment social-insurance subsidy of %(amount)s yuan for %(first)s to "
                           "%(last)s: the bureau has opened the application for you.") % {
                "amount": quote.amount, "first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}"}
            why = gettext("You are determined an employment-difficulty person (%(categories)s) until %(until)s and "
                          "paid %(paid)s yuan of contributions as a flexible-employment individual for %(months)s "
                          "months; the subsidy pays back part of it.") % {
                "categories": enumeration(str(CATEGORY_LABELS.get(c, c)) for c in determination.categories),
                "until": f"{determination.valid_until:%Y-%m-%d}", "paid": quote.details.get("paid"),
                "months": len(months)}
        found.append(Finding(
            service=SERVICE, person_id=person.pk, what=what, why=why,
            # Declined, it is not offered again under this determination until another grant moves the months on.
            fingerprint=f"determination={determination.pk};after={covered:%Y-%m}" if covered
            else f"determination={determination.pk}",
            data={"first_month": f"{first:%Y-%m}", "last_month": f"{last:%Y-%m}"},
            facts={"determination": determination.pk, "months": months, "paid": quote.details.get("paid"),
                   "amount": str(quote.amount)}))
    return found


FLEXIBLE_SUBSIDY_FINDER = FinderSpec(code="employment.flexible_subsidy_due",
                                     label=_("Flexible-employment social-insurance subsidy"), service=SERVICE,
                                     find=flexible_subsidy_find)


def register_all() -> None:
    finders.register(FLEXIBLE_SUBSIDY_FINDER)
