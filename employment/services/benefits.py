"""Unemployment benefit (失业保险金): the entitlement granted on approval, the monthly payments, and what
stops it (re-employment, a new employer's contributions, death, a confirmed fraud flag)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person, User
from employment.eligibility import benefits as eligibility
from employment.models import BenefitClaim, Fund, PayeeAccount, Payment, PaymentItem
from employment.rules import benefits as rules
from employment.rules.bankfile import bank_from_name
from employment.rules.months import add_months, month_start
from employment.selectors import facts
from employment.selectors.reference import RuleBook
from employment.services.payments import SUSPENDED_NOTE, payments_cancel
from employment.services.sql import insert_select
from workflow.exceptions import NotEligible

STOP_FROM_NEXT_MONTH = (BenefitClaim.StopReason.DIED,)
# Unemployment benefit is paid from the unemployment-insurance fund (社会保险法 Art. 48) whatever the rule table
# lacks; the table's rule is used when present.
BENEFIT_FUND = Fund.UNEMPLOYMENT_INSURANCE


@transaction.atomic
def benefit_grant(*, actor: User, person: Person, case, today: date | None = None,
                  book: RuleBook | None = None) -> BenefitClaim:
    """Grant the entitlement the checks show (they are run again: the facts may have changed since the
    application), and queue the payments due so far."""
    Person.objects.select_for_update().get(pk=person.pk)
    today = today or timezone.localdate()
    book = book or RuleBook()
    checks, right = eligibility.benefit(person, today, book)
    if any(c.is_error for c in checks):
        raise NotEligible(_("The application no longer meets the conditions."), checks=checks)
    fund = book.fund_for(PaymentItem.BENEFIT, [], right.first_month) or BENEFIT_FUND
    claim = BenefitClaim.objects.create(
        person=person, case=case, separated_on=right.separated_on, contribution_months=right.contribution_months,
        new_months=right.new_months, carried_months=right.carried_months, entitled_months=right.months,
        monthly_amount=right.monthly_amount, first_month=right.first_month,
        last_month=rules.last_month(right.first_month, right.months), bank_account=case.data.get("bank_account", ""),
        granted_by=actor,
    )
    case.result = {"claim": claim.pk, "months": claim.entitled_months, "monthly_amount": str(claim.monthly_amount),
                   "first_month": claim.first_month.isoformat(), "fund": fund}
    case.save(update_fields=["result"])
    _account_from_application(person=person, case=case, actor=actor)
    benefit_payments_generate(month=month_start(today), claims=[claim.pk], book=book)
    return claim


def _account_from_application(*, person: Person, case, actor: User) -> None:
    """The account the application gave becomes the person's payee account when they have none yet and the bank
    is one the bureau pays through (otherwise staff record it on the accounts page before the first batch)."""
    bank, number = bank_from_name(case.data.get("bank", "")), case.data.get("bank_account", "")
    if bank and number and not PayeeAccount.objects.filter(person=person).exists():
        account = PayeeAccount(person=person, bank=bank, number=number, holder_name=person.name, updated_by=actor,
                               updated_at=timezone.now())
        account.full_clean()
        account.save()


def _drawn(claim: BenefitClaim) -> int:
    return claim.payments.filter(status__in=[Payment.Status.PENDING, Payment.Status.PAID]).count()


@transaction.atomic
def benefit_stop(*, claim: BenefitClaim, reason: str, on: date, actor: User | None = None) -> BenefitClaim:
    """Stop an entitlement: payments for the months from `on` (after it, for a death) are cancelled; the months
    not drawn are kept for a later entitlement."""
    claim = BenefitClaim.objects.select_for_update().get(pk=claim.pk)
    if not claim.is_live:
        return claim
    from_month = month_start(on)
    if reason in STOP_FROM_NEXT_MONTH:
        from_month = add_months(from_month, 1)
    payments_cancel(payments=claim.payments.filter(month__gte=from_month), note=str(reason))
    claim.status, claim.stopped_on, claim.stop_reason = BenefitClaim.Status.STOPPED, on, reason
    claim.unused_months = rules.unused_months(claim.entitled_months, _drawn(claim))
    claim.save(update_fields=["status", "stopped_on", "stop_reason", "unused_months"])
    return claim


def benefit_suspend(*, claim: BenefitClaim) -> BenefitClaim:
    """A fraud flag stops further payments until the review decides (inside the caller's transaction)."""
    if claim.status == BenefitClaim.Status.ACTIVE:
        claim.status = BenefitClaim.Status.SUSPENDED
        claim.save(update_fields=["status"])
        payments_cancel(payments=claim.payments.all(), note=SUSPENDED_NOTE)
    return claim


def benefits_suspend(*, claims: list[BenefitClaim]) -> int:
    """benefit_suspend for many entitlements in two queries (inside the caller's transaction, claims locked)."""
    active = [claim for claim in claims if claim.status == BenefitClaim.Status.ACTIVE]
    if not active:
        return 0
    BenefitClaim.objects.filter(pk__in=[claim.pk for claim in active]).update(status=BenefitClaim.Status.SUSPENDED)
    for claim in active:
        claim.status = BenefitClaim.Status.SUSPENDED
    payments_cancel(payments=Payment.objects.filter(claim__in=[claim.pk for claim in active]), note=SUSPENDED_NOTE)
    return len(active)


def benefit_resume(*, claim: BenefitClaim) -> BenefitClaim:
    """A cleared review: the entitlement runs again and the payments held back are sent."""
    if claim.status == BenefitClaim.Status.SUSPENDED:
        claim.status = BenefitClaim.Status.ACTIVE
        claim.save(update_fields=["status"])
        claim.payments.filter(status=Payment.Status.CANCELLED, failure_reason=SUSPENDED_NOTE).update(
            status=Payment.Status.PENDING, failure_reason="", result_at=None)
    return claim


@transaction.atomic
def benefit_payments_generate(*, month: date, claims: list[int] | None = None, book: RuleBook | None = None) -> int:
    """Queue the benefit of a month for every active entitlement that covers it (set-based: one INSERT ...
    SELECT whatever the number of recipients). Months an employer already declared or paid for are skipped;
    entitlements past their last month are marked exhausted. Running it again adds nothing."""
    month = month_start(month)
    book = book or RuleBook()
    fund = book.fund_for(PaymentItem.BENEFIT, [], month) or BENEFIT_FUND
    live = BenefitClaim.objects.filter(status=BenefitClaim.Status.ACTIVE)
    if claims is not None:
        live = live.filter(pk__in=claims)
    due = (live.filter(first_month__lte=month, last_month__gte=month, person__date_of_death__isnull=True)
           .exclude(Exists(Payment.objects.filter(claim=OuterRef("pk"), month=month)))
           .exclude(facts.employer_month_exists(OuterRef("person_id"), Value(month))))
    inserted = insert_select(Payment, due, {
        "reference": Concat(Value(f"UB{month:%Y%m}"), LPad(Cast("pk", CharField()), 10, Value("0")),
                            output_field=CharField()),
        "item": Value(PaymentItem.BENEFIT), "person": F("person_id"), "claim": F("pk"), "month": Value(month),
        "amount": F("monthly_amount"), "fund": Value(fund), "status": Value(Payment.Status.PENDING),
        "created_at": Value(timezone.now()), "failure_reason": Value(""),
    })
    live.filter(last_month__lt=month).update(status=BenefitClaim.Status.EXHAUSTED)
    return inserted


@transaction.atomic
def benefits_stop_for_contributions(*, person_ids: list[int], months: list[date], actor: User) -> int:
    """An employer declared or paid contributions for months of a live entitlement: the benefit stops from the
    first such month (the months already paid are the fraud check's)."""
    stopped = 0
    claims = BenefitClaim.objects.filter(person_id__in=person_ids, status=BenefitClaim.Status.ACTIVE)
    for claim in claims.select_for_update():
        covered = sorted(m for m in months if m >= claim.first_month)
        if covered:
            benefit_stop(claim=claim, reason=BenefitClaim.StopReason.EMPLOYER_CONTRIBUTIONS, on=covered[0],
                         actor=actor)
            stopped += 1
    return stopped
