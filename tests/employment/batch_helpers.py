"""Helpers of the payment-batch tests: a benefit with a payment due, a pension with its month, accounts, a batch
released by a second person, and the return file a bank would write for it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from employment.rules.bankfile import return_file


def benefit_payment(person, clerk, amount=Decimal("1980.00")):
    """An entitlement with this month's payment pending, written directly (its case accepted at the counter)."""
    from employment.models import BenefitClaim, Payment
    from tests.workflow import testservices
    from workflow.services import case_accept

    case = case_accept(service_code=testservices.IMMEDIATE.code, actor=clerk, channel="counter", person=person)
    month = timezone.localdate().replace(day=1)
    claim = BenefitClaim.objects.create(
        person=person, case=case, separated_on=month, contribution_months=24, new_months=12, entitled_months=12,
        monthly_amount=amount, first_month=month, last_month=month.replace(year=month.year + 1), granted_by=clerk)
    return Payment.objects.create(reference=f"UB{month:%Y%m}{claim.pk:010d}", item="benefit", person=person,
                                  claim=claim, month=month, amount=amount, fund="ui_fund", created_at=timezone.now())


def pension(person, amount=Decimal("2450.30")):
    from insurance.models import Pension

    today = timezone.localdate()
    return Pension.objects.create(
        person=person, retirement_date=today.replace(day=1), starts_month=today.replace(day=1), age_years=60,
        age_months=0, contribution_months=240, average_index=Decimal("1.0000"), calculation_base=Decimal("7000"),
        account_balance=Decimal("80000"), divisor=Decimal("139.0"), basic_amount=Decimal("1400.00"),
        account_amount=amount - Decimal("1400.00"), monthly_amount=amount, last_proof_on=today,
        next_proof_due=today + timedelta(days=365))


def account(person, actor, bank="ICBC", number="6222020200112233445"):
    from employment.services.batch_results import payee_account_set

    return payee_account_set(actor=actor, person=person, bank=bank, number=number, holder_name=person.name)


def released_batch(preparer, releaser, bank="ICBC"):
    from employment.services.batches import batch_prepare, batch_release

    batch = batch_prepare(actor=preparer, bank=bank, month=timezone.localdate())
    return batch_release(batch=batch, actor=releaser)


def bank_return(batch, failed: dict[str, tuple[str, str]] | None = None) -> bytes:
    """The bank's return file: every line paid, but those in `failed` ({reference: (code, reason)})."""
    failed = failed or {}
    paid_at = timezone.now()
    rows = [(line.seq, line.reference, line.amount, line.reference not in failed,
             None if line.reference in failed else paid_at, *failed.get(line.reference, ("", "")))
            for line in batch.lines.order_by("seq")]
    return return_file(batch_number=batch.number, bank=batch.bank, rows=rows).encode()
