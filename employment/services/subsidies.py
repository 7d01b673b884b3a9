"""Subsidies: on approval the grant is recorded with the criteria it rests on, its amount from the rule table,
the fund that pays it, and its payment (with a unique reference for the bank)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person, User
from employment.eligibility import subsidies as eligibility
from employment.exceptions import EmploymentError
from employment.models import Situation, StatusKind, SubsidyGrant
from employment.rules import benefits as benefit_rules
from employment.selectors import facts
from employment.selectors.reference import RuleBook
from employment.selectors.status import current_determination, current_period
from employment.services.payments import subsidy_payment_create
from workflow.exceptions import NotEligible


def situations_of(person: Person | None, day: date) -> list[str]:
    """The person's situations the fund rules read (4 queries)."""
    if person is None:
        return []
    found = [Situation.INSURED if benefit_rules.contribution_met(facts.insurance_months(person=person))
             else Situation.NOT_INSURED]
    if current_determination(person=person, today=day) is not None:
        found.append(Situation.DIFFICULTY)
    period = current_period(person=person)
    if period is not None and period.kind in (StatusKind.UNEMPLOYED, StatusKind.FLEXIBLE):
        found.append(Situation.UNEMPLOYED if period.kind == StatusKind.UNEMPLOYED else Situation.FLEXIBLE)
    return found


@transaction.atomic
def subsidy_grant(*, actor: User, subsidy: str, case, values: dict, today: date | None = None,
                  book: RuleBook | None = None) -> SubsidyGrant:
    """Grant a subsidy whose checks pass (run again: the facts may have changed since the application)."""
    if case.person_id:
        Person.objects.select_for_update().get(pk=case.person_id)
    today = today or timezone.localdate()
    book = book or RuleBook()
    checks, quote = eligibility.subsidy(subsidy, person=case.person, employer=case.employer, day=today,
                                        values=values, book=book)
    if any(c.is_error for c in checks):
        raise NotEligible(_("The application no longer meets the conditions."), checks=checks)
    if not quote.amount:
        raise EmploymentError(_("The subsidy comes to nothing: no amount is due."), code="amount")
    situations = situations_of(case.person, today)
    fund = book.fund_for(subsidy, situations, today)
    if fund is None:
        raise EmploymentError(_("No fund classification rule covers this subsidy; the bureau must add one."),
                              code="no_fund")
    grant = SubsidyGrant.objects.create(
        subsidy=subsidy, person=case.person, employer=case.employer, case=case, variant=quote.variant,
        quantity=quote.quantity, amount=quote.amount, fund=fund, first_month=quote.first_month,
        last_month=quote.last_month, criteria=[c.as_dict() for c in checks],
        details={**quote.details, "situations": situations}, granted_by=actor)
    payment = subsidy_payment_create(grant=grant)
    case.result = {"grant": grant.pk, "amount": str(grant.amount), "fund": fund, "payment": payment.reference}
    case.save(update_fields=["result"])
    return grant
