"""Payment batches (代发): gathering the payments due to accounts at one bank into a batch, its file, and its
release to the bank by a second member of staff (four eyes)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import persons_visible_to
from employment.exceptions import EmploymentError
from employment.models import Bank, BatchLine, PayeeAccount, Payment, PaymentBatch
from employment.rules.bankfile import PaymentRow, payment_file
from employment.rules.months import month_start
from employment.selectors.benefits import payments_visible_to
from insurance.selectors.pension_payments import PENSION_FUND, pension_payments_due
from workflow.services import sequence_next

PENSION_ITEM = "pension"


def _live(field: str) -> Exists:
    return Exists(BatchLine.objects.filter(**{field: OuterRef("pk"), "result__in": BatchLine.LIVE}))


def _due_payments(*, actor: User, bank: str, month: date) -> list[Payment]:
    """Benefit and subsidy payments due by the period, to accounts at the bank, in no batch that may pay them."""
    payments = payments_visible_to(user=actor).filter(
        Q(person__payee_account__bank=bank) | Q(person__isnull=True, employer__payee_account__bank=bank),
        status=Payment.Status.PENDING, month__lte=month)
    return list(payments.exclude(_live("payment")).select_related("person__payee_account", "employer__payee_account")
                .order_by("month", "reference").select_for_update(of=("self",)))


def _due_pensions(*, actor: User, bank: str, month: date) -> list:
    """Pension months due by the period, to pensioners the preparer may see whose account is at the bank, in no
    batch that may pay them."""
    at_bank = PayeeAccount.objects.filter(bank=bank, person__in=persons_visible_to(user=actor).values("pk"))
    due = pension_payments_due(persons=at_bank.values("person_id"), month=month, for_update=True)
    live = set(BatchLine.objects.filter(pension_payment__in=[p.pk for p in due])
               .filter(result__in=BatchLine.LIVE).values_list("pension_payment_id", flat=True))
    due = [payment for payment in due if payment.pk not in live]
    accounts = {a.person_id: a for a in at_bank.filter(person__in=[p.pension.person_id for p in due])}
    for payment in due:
        payment.account = accounts[payment.pension.person_id]
    return due


def _lines(payments: list[Payment], pensions: list) -> list[BatchLine]:
    lines = []
    for payment in payments:
        payee = payment.person or payment.employer
        account = payee.payee_account
        lines.append(BatchLine(payment=payment, reference=payment.reference, item=payment.item, fund=payment.fund,
                               payee_name=account.holder_name, account_number=account.number,
                               payee_code=payment.person.id_number if payment.person_id else payee.credit_code,
                               amount=payment.amount))
    for pension_payment in pensions:
        person, account = pension_payment.pension.person, pension_payment.account
        lines.append(BatchLine(pension_payment=pension_payment, reference=pension_payment.reference,
                               item=PENSION_ITEM, fund=PENSION_FUND, payee_name=account.holder_name,
                               account_number=account.number, payee_code=person.id_number,
                               amount=pension_payment.amount))
    for seq, line in enumerate(lines, start=1):
        line.seq = seq
    return lines


def batch_rows(lines) -> list[PaymentRow]:
    return [PaymentRow(seq=line.seq, reference=line.reference, account_number=line.account_number,
                       payee_name=line.payee_name, payee_code=line.payee_code, amount=line.amount, item=line.item)
            for line in lines]


@transaction.atomic
def batch_prepare(*, actor: User, bank: str, month: date) -> PaymentBatch:
    """Gather the payments due by the period (benefit, subsidies, pensions) whose payee's account is at the bank,
    among the persons and employers the preparer may see, into a new batch awaiting release."""
    if bank not in Bank.values:
        raise EmploymentError(_("Choose one of the banks the bureau pays through."), code="bank")
    month = month_start(month)
    lines = _lines(_due_payments(actor=actor, bank=bank, month=month),
                   _due_pensions(actor=actor, bank=bank, month=month))
    if not lines:
        raise EmploymentError(_("No payment due by %(month)s is waiting for an account at %(bank)s.")
                              % {"month": f"{month:%Y-%m}", "bank": Bank(bank).label}, code="empty")
    number = f"PB{month:%Y%m}{bank}{sequence_next(f'employment:batch:{month:%Y%m}:{bank}'):04d}"
    _text, digest = payment_file(batch_number=number, bank=bank, month=month, rows=batch_rows(lines))
    batch = PaymentBatch.objects.create(
        number=number, bank=bank, month=month, office=actor.office, line_count=len(lines),
        control_total=sum(line.amount for line in lines), checksum=digest, prepared_by=actor,
        prepared_at=timezone.now())
    for line in lines:
        line.batch = batch
    try:
        with transaction.atomic():
            BatchLine.objects.bulk_create(lines)
    except IntegrityError as exc:
        raise EmploymentError(_("Another batch took some of these payments at the same moment; nothing was "
                                "saved. Prepare the batch again."), code="race") from exc
    return batch


def batch_file(*, batch: PaymentBatch) -> str:
    """The payment file of a released batch (docs/bank-files.md), the same bytes every time."""
    if batch.status == PaymentBatch.Status.PREPARED:
        raise EmploymentError(_("The file is given out only once a second person has released the batch."),
                              code="not_released")
    text, digest = payment_file(batch_number=batch.number, bank=batch.bank, month=batch.month,
                                rows=batch_rows(batch.lines.order_by("seq")))
    if digest != batch.checksum:
        raise EmploymentError(_("The lines of this batch no longer match the checksum it was prepared with."),
                              code="checksum")
    return text


@transaction.atomic
def batch_release(*, batch: PaymentBatch, actor: User) -> PaymentBatch:
    """Release a prepared batch to the bank. Four eyes: whoever prepared it may not release it."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != PaymentBatch.Status.PREPARED:
        raise EmploymentError(_("Batch %(number)s was already released.") % {"number": batch.number},
                              code="released")
    if batch.prepared_by_id == actor.pk:
        raise EmploymentError(_("You prepared this batch: another member of staff must release it."),
                              code="four_eyes")
    stale = [line.reference for line in batch.lines.select_related("payment", "pension_payment").order_by("seq")
             if (line.payment or line.pension_payment).status != Payment.Status.PENDING]
    if stale:
        raise EmploymentError(_("Payments %(references)s are no longer due (cancelled or settled since the batch was "
                                "prepared): withdraw the batch and prepare it again.")
                              % {"references": ", ".join(stale[:10])}, code="stale")
    _text, digest = payment_file(batch_number=batch.number, bank=batch.bank, month=batch.month,
                                 rows=batch_rows(batch.lines.order_by("seq")))
    if digest != batch.checksum:
        raise EmploymentError(_("The lines of this batch no longer match the checksum it was prepared with."),
                              code="checksum")
    batch.status, batch.released_by, batch.released_at = PaymentBatch.Status.RELEASED, actor, timezone.now()
    batch.save(update_fields=["status", "released_by", "released_at"])
    return batch


@transaction.atomic
def batch_withdraw(*, batch: PaymentBatch, actor: User) -> PaymentBatch:
    """Withdraw a batch not yet released (the second person refuses it, or its payments changed): it stays on
    record, and its payments are free for the next batch."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != PaymentBatch.Status.PREPARED:
        raise EmploymentError(_("Only a batch not yet released can be withdrawn."), code="released")
    batch.lines.update(result=BatchLine.Result.WITHDRAWN, result_at=timezone.now())
    batch.status, batch.withdrawn_by = PaymentBatch.Status.WITHDRAWN, actor
    batch.save(update_fields=["status", "withdrawn_by"])
    return batch
