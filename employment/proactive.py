"""Proactive flexible-employment social-insurance subsidy (免申即享): an employment-difficulty person who pays
contributions as a flexible-employment individual is offered the subsidy for the months paid and not yet
subsidised, the case opened by the bureau awaiting their confirmation (workflow.finders); an employer that newly
hired a difficulty person is offered the social-insurance subsidy for hiring them.

The persons are narrowed in SQL (a determination in force, flexible contributions paid in the last 12 months, no
open subsidy case: one query whatever the persons on record); the subsidy's own eligibility
(employment.eligibility.subsidies) then judges each of those few, so no rule is written twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from accounts.text import enumeration
from employment.eligibility import subsidies as eligibility
from employment.models import DifficultyDetermination, StatusKind, StatusPeriod, Subsidy, SubsidyGrant
from employment.rules.difficulty import CATEGORY_LABELS, DECLARED
from employment.rules.months import add_months, month_end, month_start
from employment.selectors import facts
from employment.selectors.reference import RuleBook
from workflow.finders import FinderSpec, Finding, finders
from workflow.models import Case
from workflow.rules.states import OPEN, Status

SERVICE = "employment.subsidy_flexible_insurance"
DONE = frozenset({Status.APPROVED, Status.COMPLETED})  # a case granted or being paid
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


# --- The employer's social-insurance subsidy for hiring a difficulty person ------------------------------------
# A person newly hired (an employment registered, or an enrolment opened, with an employer in the last 90 days) who
# holds a difficulty determination in force is offered to the EMPLOYER, for the months its contributions for the
# person were paid since the hire; not when the employer already has an open case or a grant of it for the person.

HIRING_SERVICE = "employment.subsidy_hiring_insurance"
HIRED_WITHIN_DAYS = 90
LABELS = {**CATEGORY_LABELS, **DECLARED}  # the categories found and those declared


def _hires(*, today: date) -> dict[tuple[int, int], date]:
    """(person id, employer id) -> the day of the hire, for hires in the window (2 queries)."""
    since = today - timedelta(days=HIRED_WITHIN_DAYS)
    hires: dict[tuple[int, int], date] = {}
    registered = StatusPeriod.objects.filter(kind=StatusKind.EMPLOYED, ended_on__isnull=True, started_on__gte=since,
                                             started_on__lte=today).values_list("person", "employer", "started_on")
    enrolled = facts.enrolments_started(since=since, until=today).values_list("person", "employer", "started_on")
    for person_id, employer_id, started in [*registered, *enrolled]:
        key = (person_id, employer_id)
        hires[key] = min(started, hires.get(key, started))
    return hires


def _hiring_candidates(*, today: date, hires: dict) -> tuple[dict, dict]:
    """Of the hires, those whose person holds a determination in force (their latest), less the pairs with an open
    case or a grant of the subsidy already: ({pair: hired on}, {person id: determination}) (3 queries)."""
    person_ids = {p for p, _ in hires}
    employer_ids = {e for _, e in hires}
    determinations: dict[int, DifficultyDetermination] = {}
    for d in (DifficultyDetermination.objects.filter(person_id__in=person_ids, ended_on__isnull=True,
                                                     valid_from__lte=today, valid_until__gte=today,
                                                     person__date_of_death__isnull=True)
              .select_related("person").order_by("person_id", "-valid_from", "-pk")):
        determinations.setdefault(d.person_id, d)
    taken = set(Case.objects.filter(service__code=HIRING_SERVICE, person_id__in=person_ids,
                                    employer_id__in=employer_ids, status__in=sorted(OPEN | DONE))
                .values_list("person_id", "employer_id"))
    taken |= set(SubsidyGrant.objects.filter(subsidy=Subsidy.HIRING_INSURANCE, person_id__in=person_ids,
                                             employer_id__in=employer_ids).values_list("person_id", "employer_id"))
    pairs = {pair: day for pair, day in hires.items() if pair[0] in determinations and pair not in taken}
    return pairs, determinations


def hiring_subsidy_find(*, today: date) -> list[Finding]:
    """Employers that newly hired a difficulty person, offered the subsidy for the months their contributions for
    the person were paid since the hire (7 queries whatever the hires; nothing per person)."""
    hires = _hires(today=today)
    if not hires:
        return []
    pairs, determinations = _hiring_candidates(today=today, hires=hires)
    if not pairs:
        return []
    this_month = month_start(today)
    paid = facts.employer_parts_paid(pairs=sorted(pairs), first=month_start(min(pairs.values())),
                                     last=month_end(this_month))
    found = []
    for (person_id, employer_id), hired_on in sorted(pairs.items()):
        first = month_start(hired_on)
        months = {m: v for m, v in paid.get((person_id, employer_id), {}).items() if m >= first}
        amount = sum(months.values(), Decimal("0.00")).quantize(Decimal("0.01"))
        if not months or amount <= 0:
            continue  # nothing paid by the employer yet: nothing to subsidise
        determination = determinations[person_id]
        last = max(months)
        with translation.override("zh-hans"):
            what = gettext("A social-insurance subsidy of %(amount)s yuan for hiring %(name)s, for %(first)s to "
                           "%(last)s: the bureau has opened the application for your employer.") % {
                "amount": amount, "name": determination.person.masked_name, "first": f"{first:%Y-%m}",
                "last": f"{last:%Y-%m}"}
            why = gettext("%(name)s is determined an employment-difficulty person (%(categories)s) until %(until)s "
                          "and was hired by your employer on %(hired)s; your employer paid %(amount)s yuan of its "
                          "part of their pension, medical and unemployment insurance for %(months)s months, which "
                          "the subsidy pays back.") % {
                "name": determination.person.masked_name,
                "categories": enumeration(str(LABELS.get(c, c)) for c in determination.categories),
                "until": f"{determination.valid_until:%Y-%m-%d}", "hired": f"{hired_on:%Y-%m-%d}",
                "amount": amount, "months": len(months)}
        found.append(Finding(
            service=HIRING_SERVICE, person_id=person_id, employer_id=employer_id, what=what, why=why,
            fingerprint=f"person={person_id};determination={determination.pk};employer={employer_id}",
            data={"first_month": f"{first:%Y-%m}", "last_month": f"{last:%Y-%m}"},
            facts={"determination": determination.pk, "hired_on": hired_on.isoformat(),
                   "months": [f"{m:%Y-%m}" for m in sorted(months)], "amount": str(amount)}))
    return found


HIRING_SUBSIDY_FINDER = FinderSpec(code="employment.hiring_subsidy_due",
                                   label=_("Social-insurance subsidy for hiring an employment-difficulty person"),
                                   service=HIRING_SERVICE, find=hiring_subsidy_find)


def register_all() -> None:
    finders.register(FLEXIBLE_SUBSIDY_FINDER)
    finders.register(HIRING_SUBSIDY_FINDER)
