"""The bank's results for a batch: a return file imported (checked whole before anything is recorded; the same
file again changes nothing), each line paid or failed, a failure sent back to its case as a task to correct the
account; and a payee's account set, which makes their failed payments payable again in a later batch."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Employer, Person, User
from employment.exceptions import EmploymentError
from employment.models import AccountCorrection, BatchLine, PayeeAccount, Payment, PaymentBatch, ReturnImport
from employment.rules.bankfile import REASONS, BankFileError, ReturnFile, return_file_parse
from employment.services.payments import payment_apply
from insurance.selectors.pension_payments import pension_payment_payee
from insurance.services import pension_payment_payable_again, pension_payment_result_record
from workflow.models import CaseEvent
from workflow.services import case_event_add

CLOCK_DRIFT = timedelta(minutes=10)


def live_line_result_record(*, payment: Payment, actor: User, status: str, paid_at: datetime | None,
                            reason: str) -> bool:
    """A result reported for one payment (the bank API, or staff): recorded on its batch line when the payment is
    in a batch. False when it is in none (the caller records it on the payment alone)."""
    line = (BatchLine.objects.select_for_update().select_related("batch")
            .filter(payment=payment, result__in=BatchLine.LIVE).first())
    if line is None:
        return False
    if line.batch.status == PaymentBatch.Status.PREPARED:
        raise EmploymentError(_("Payment %(reference)s is in batch %(batch)s, which has not been released to the "
                                "bank.") % {"reference": payment.reference, "batch": line.batch.number},
                              code="not_released")
    if line.result != BatchLine.Result.SENT:
        if line.result != status:
            raise EmploymentError(_("Payment %(reference)s is already “%(status)s”.")
                                  % {"reference": payment.reference, "status": line.get_result_display()},
                                  code="conflict")
        return True
    line_result_apply(line=line, actor=actor, paid=status == Payment.Status.PAID, paid_at=paid_at,
                      reason_code="" if status == Payment.Status.PAID else "OTHER", reason=reason)
    _close_if_done(line.batch)
    return True


def line_result_apply(*, line: BatchLine, actor: User, paid: bool, paid_at: datetime | None, reason_code: str,
                      reason: str) -> None:
    """Record a bank result on a line that awaits one (locked by the caller), on its payment, and on a failure
    open the task to correct the account."""
    now = timezone.now()
    status = Payment.Status.PAID if paid else Payment.Status.FAILED
    words = reason.strip() or (str(REASONS.get(reason_code, "")) if reason_code else "")
    line.result = BatchLine.Result.PAID if paid else BatchLine.Result.FAILED
    line.paid_at, line.result_at = (paid_at or now) if paid else None, now
    line.reason_code, line.reason = reason_code, words[:200]
    line.save(update_fields=["result", "paid_at", "result_at", "reason_code", "reason"])
    if line.payment_id:
        payment = Payment.objects.select_for_update().get(pk=line.payment_id)
        payment_apply(payment=payment, actor=actor, status=status, paid_at=line.paid_at, reason=words)
    else:
        pension_payment_result_record(payment_id=line.pension_payment_id, status=status, paid_at=line.paid_at,
                                      reason=words)
    if not paid:
        _correction_open(line=line, actor=actor, now=now)


def _correction_open(*, line: BatchLine, actor: User, now: datetime) -> AccountCorrection:
    if line.payment_id:
        payment = Payment.objects.select_related("claim", "grant").get(pk=line.payment_id)
        person_id, employer_id = payment.person_id, None if payment.person_id else payment.employer_id
        case_id = payment.claim.case_id if payment.claim_id else payment.grant.case_id
    else:
        (person_id, case_id), employer_id = pension_payment_payee(payment_id=line.pension_payment_id), None
    correction = AccountCorrection.objects.create(line=line, person_id=person_id, employer_id=employer_id,
                                                  case_id=case_id, opened_at=now)
    if case_id:
        case_event_add(case=correction.case, kind=CaseEvent.Kind.NOTE, actor=actor, at=now, note=_(
            "Payment %(reference)s of %(amount)s yuan in batch %(batch)s failed at the bank: %(reason)s. The bank "
            "account must be corrected; the payment then goes again in a later batch.")
            % {"reference": line.reference, "amount": line.amount, "batch": line.batch.number, "reason": line.reason})
    return correction


def _close_if_done(batch: PaymentBatch) -> None:
    if not batch.lines.filter(result=BatchLine.Result.SENT).exists():
        PaymentBatch.objects.filter(pk=batch.pk).update(status=PaymentBatch.Status.CLOSED)


def _check(parsed: ReturnFile, batch: PaymentBatch, lines: dict[str, BatchLine]) -> None:
    """Every row must be a line of this batch, with its amount, not contradicting what is recorded."""
    if parsed.batch_number != batch.number or parsed.bank != batch.bank:
        raise EmploymentError(_("This return file is for batch %(file)s at %(bank)s, not for batch %(batch)s.")
                              % {"file": parsed.batch_number[:32], "bank": parsed.bank[:10], "batch": batch.number},
                              code="wrong_batch")
    seen, latest = set(), timezone.now() + CLOCK_DRIFT
    for row in parsed.rows:
        line = lines.get(row.reference)
        if line is None or line.seq != row.seq:
            raise EmploymentError(BankFileError(_("Payment %(reference)s is not line %(seq)d of this batch.")
                                                % {"reference": row.reference, "seq": row.seq}, row.line).message,
                                  code="not_in_batch")
        if row.reference in seen:
            raise EmploymentError(BankFileError(_("Payment %(reference)s appears twice.")
                                                % {"reference": row.reference}, row.line).message, code="twice")
        seen.add(row.reference)
        if row.amount != line.amount:
            raise EmploymentError(BankFileError(_("The amount %(got)s differs from the %(amount)s sent for payment "
                                                  "%(reference)s.") % {"got": row.amount, "amount": line.amount,
                                                                       "reference": row.reference},
                                                row.line).message, code="amount")
        if row.paid_at is not None and not (batch.released_at - CLOCK_DRIFT <= row.paid_at <= latest):
            raise EmploymentError(BankFileError(_("The time of payment is before the batch was released, or in "
                                                  "the future."), row.line).message, code="time")
        result = BatchLine.Result.PAID if row.paid else BatchLine.Result.FAILED
        if line.result not in (BatchLine.Result.SENT, result):
            raise EmploymentError(BankFileError(_("Payment %(reference)s was already recorded as “%(status)s”.")
                                                % {"reference": row.reference, "status": line.get_result_display()},
                                                row.line).message, code="conflict")




@transaction.atomic
def batch_return_import(*, batch: PaymentBatch, actor: User, data: bytes, file_name: str = "") -> ReturnImport:
    """Import a bank's return file into a released batch. The whole file is checked first: a line for a payment
    not in the batch, a wrong amount, a bad checksum or a contradiction refuses it and nothing is recorded. The
    same file again returns its earlier import and changes nothing; `created` on the result says which."""
    try:
        parsed = return_file_parse(data)
    except BankFileError as exc:
        raise EmploymentError(exc.message, code="file") from exc
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PaymentBatch.Status.PREPARED:
        raise EmploymentError(_("The batch has not been released to the bank: there can be no return file yet."),
                              code="not_released")
    digest = hashlib.sha256(data).hexdigest()
    earlier = batch.imports.filter(sha256=digest).first()
    if earlier is not None:
        earlier.created = False
        return earlier
    lines = {line.reference: line for line in batch.lines.select_for_update().order_by("seq")}
    _check(parsed, batch, lines)
    counts = {"paid": 0, "failed": 0, "unchanged": 0}
    for row in parsed.rows:
        line = lines[row.reference]
        if line.result != BatchLine.Result.SENT:
            counts["unchanged"] += 1
            continue
        line_result_apply(line=line, actor=actor, paid=row.paid, paid_at=row.paid_at, reason_code=row.reason_code,
                          reason=row.reason)
        counts["paid" if row.paid else "failed"] += 1
    _close_if_done(batch)
    imported = ReturnImport.objects.create(batch=batch, sha256=digest, file_name=file_name[:200],
                                           imported_by=actor, imported_at=timezone.now(), **counts)
    imported.created = True
    return imported


@transaction.atomic
def payee_account_set(*, actor: User, bank: str, number: str, holder_name: str, person: Person | None = None,
                      employer: Employer | None = None) -> PayeeAccount:
    """Record (or correct) the account a person or an employer is paid into. The open tasks to correct their
    account are closed, and the payments that failed become payable again in the next batch."""
    payee = {"person": person} if person is not None else {"employer": employer}
    account = PayeeAccount.objects.select_for_update().filter(**payee).first() or PayeeAccount(**payee)
    account.bank, account.number, account.holder_name = bank, number.replace(" ", ""), holder_name.strip()
    account.updated_by, account.updated_at = actor, timezone.now()
    try:
        account.full_clean()
    except ValidationError as exc:
        raise EmploymentError(" ".join(exc.messages), code="invalid") from exc
    account.save()
    for correction in (AccountCorrection.objects.select_for_update(of=("self",)).select_related("line", "case")
                       .filter(resolved_at__isnull=True, **payee)):
        _correction_resolve(correction=correction, actor=actor, now=account.updated_at)
    return account


def _correction_resolve(*, correction: AccountCorrection, actor: User, now: datetime) -> None:
    correction.resolved_at, correction.resolved_by = now, actor
    correction.save(update_fields=["resolved_at", "resolved_by"])
    line = correction.line
    if line.payment_id:
        payment = Payment.objects.select_for_update().get(pk=line.payment_id)
        if payment.status == Payment.Status.FAILED:
            payment_apply(payment=payment, actor=actor, status=Payment.Status.PENDING)
    else:
        pension_payment_payable_again(payment_id=line.pension_payment_id)
    if correction.case_id:
        case_event_add(case=correction.case, kind=CaseEvent.Kind.NOTE, actor=actor, at=now, note=_(
            "Bank account corrected: payment %(reference)s is payable again in the next batch.")
            % {"reference": line.reference})
