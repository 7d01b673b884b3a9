"""Payment batches (代发): gathered per bank, exported with a control total and a checksum, released by a second
person, the bank's return file imported once (a failure goes back to its case as a task to correct the account),
and nothing paid twice."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from employment.exceptions import EmploymentError
from employment.models import AccountCorrection, BatchLine, Payment, PaymentBatch, ReturnImport
from employment.rules.bankfile import return_file_parse
from employment.selectors.reports import fund_report
from employment.services import payment_result_record
from employment.services.batch_results import batch_return_import, payee_account_set
from employment.services.batches import batch_file, batch_prepare, batch_release
from insurance.models import PensionPayment
from insurance.services import pension_payments_generate
from tests.employment.batch_helpers import account, bank_return, benefit_payment, pension, released_batch
from tests.employment.helpers import this_month
from tests.factories import PersonFactory
from workflow.models import CaseEvent

pytestmark = pytest.mark.usefixtures("test_services")


@pytest.fixture
def due(users):
    """Two benefit payments and a pension month to ICBC accounts; one benefit to a BOC account; one without."""
    reviewer = users["reviewer"]
    a, b, c, d, e = (PersonFactory() for _ in range(5))
    for person in (a, b, c):
        account(person, reviewer)
    account(d, reviewer, bank="BOC", number="6013820000123456789")
    payments = [benefit_payment(a, users["clerk"]), benefit_payment(b, users["clerk"], Decimal("1500.50")),
                benefit_payment(d, users["clerk"]), benefit_payment(e, users["clerk"])]
    pension(c)
    assert pension_payments_generate(month=this_month()) == 1
    assert pension_payments_generate(month=this_month()) == 0  # a rerun adds nothing
    return {"a": payments[0], "b": payments[1], "boc": payments[2], "no_account": payments[3],
            "pension": PensionPayment.objects.get(pension__person=c)}


def _state():
    return (sorted(Payment.objects.values_list("reference", "status", "failure_reason")),
            sorted(PensionPayment.objects.values_list("reference", "status")),
            sorted(BatchLine.objects.values_list("reference", "result")), AccountCorrection.objects.count(),
            ReturnImport.objects.count(), CaseEvent.objects.filter(kind="note").count())


def test_a_batch_from_export_to_return_file(users, due):
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert batch.status == "prepared"
    assert sorted(batch.lines.values_list("reference", flat=True)) == sorted(
        [due["a"].reference, due["b"].reference, due["pension"].reference])
    assert batch.control_total == Decimal("1980.00") + Decimal("1500.50") + Decimal("2450.30")

    with pytest.raises(EmploymentError) as exc:
        batch_file(batch=batch)  # nothing leaves before a second person released it
    assert exc.value.code == "not_released"
    with pytest.raises(EmploymentError) as exc:
        batch_release(batch=batch, actor=users["reviewer"])
    assert exc.value.code == "four_eyes"
    batch = batch_release(batch=batch, actor=users["head"])

    text = batch_file(batch=batch)
    lines = text.splitlines(keepends=True)
    assert lines[0] == f"H,DYPAY1,{batch.number},ICBC,{this_month():%Y%m},3,5930.80\n"
    assert [line.split(",")[0] for line in lines] == ["H", "D", "D", "D", "T"]
    assert lines[-1] == f"T,3,5930.80,{hashlib.sha256(''.join(lines[:-1]).encode()).hexdigest()}\n"
    assert lines[-1].strip().endswith(batch.checksum)

    data = bank_return(batch, failed={due["b"].reference: ("NAME_MISMATCH", "户名不符")})
    imported = batch_return_import(batch=batch, actor=users["reviewer"], data=data, file_name="ret.csv")
    assert (imported.created, imported.paid, imported.failed, imported.unchanged) == (True, 2, 1, 0)
    for payment in (due["a"], due["b"], due["pension"]):
        payment.refresh_from_db()
    assert (due["a"].status, due["pension"].status) == ("paid", "paid")
    assert (due["b"].status, due["b"].failure_reason) == ("failed", "户名不符")
    batch.refresh_from_db()
    assert batch.status == "closed"

    # The failure is back on its case: a task to correct the account and a timeline row.
    correction = AccountCorrection.objects.get()
    assert (correction.person, correction.case_id, correction.resolved_at) == (due["b"].person,
                                                                             due["b"].claim.case_id, None)
    note = CaseEvent.objects.get(case=correction.case, kind="note")
    assert due["b"].reference in note.note and "户名不符" in note.note

    # The same file again changes nothing.
    before = _state()
    again = batch_return_import(batch=batch, actor=users["head"], data=data, file_name="ret.csv")
    assert (again.created, again.pk) == (False, imported.pk)
    assert _state() == before

    # Nothing left for ICBC until the account is corrected; then only the failed payment goes again.
    with pytest.raises(EmploymentError) as exc:
        batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert exc.value.code == "empty"
    account(due["b"].person, users["reviewer"], number="6222020200999988887")
    correction.refresh_from_db()
    due["b"].refresh_from_db()
    assert correction.resolved_by == users["reviewer"] and due["b"].status == "pending"
    second = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert list(second.lines.values_list("reference", "account_number")) == [
        (due["b"].reference, "6222020200999988887")]
    assert BatchLine.objects.get(batch=batch, reference=due["b"].reference).result == "failed"


def test_the_fund_report_counts_what_the_bank_paid(users, due):
    batch = released_batch(users["reviewer"], users["head"])
    report = lambda: fund_report(user=users["leader"], first=this_month(), last=this_month())  # noqa: E731
    assert report()["table"][0]["cells"][0]["paid"] == Decimal("0")
    batch_return_import(batch=batch, actor=users["reviewer"],
                        data=bank_return(batch, failed={due["b"].reference: ("ACCOUNT_CLOSED", "")}))
    cell = next(c for c in report()["table"][0]["cells"] if c["fund"] == "ui_fund")
    assert cell["paid"] == Decimal("1980.00")  # the failed 1,500.50 is not counted as paid


def test_a_payment_is_in_one_batch(users, due):
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    line = batch.lines.get(reference=due["a"].reference)
    other = PaymentBatch.objects.create(number="PBTEST", bank="ICBC", month=this_month(), office=batch.office,
                                        line_count=1, control_total=line.amount, checksum="x",
                                        prepared_by=users["head"], prepared_at=batch.prepared_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        BatchLine.objects.create(batch=other, seq=1, payment=due["a"], reference=line.reference, item="benefit",
                                 fund="ui_fund", payee_name="x", payee_code="x", account_number="1" * 16,
                                 amount=line.amount)
    with pytest.raises(IntegrityError), transaction.atomic():  # four eyes, in the database too
        PaymentBatch.objects.filter(pk=batch.pk).update(status="released", released_by=users["reviewer"])


def _refused(users, batch, data: bytes, words: str):
    before = _state()
    with pytest.raises(EmploymentError) as exc:
        batch_return_import(batch=batch, actor=users["reviewer"], data=data)
    assert words in exc.value.message
    assert _state() == before


def _tamper(data: bytes, old: str, new: str) -> bytes:
    """Change a detail and rewrite the trailer as a bank would (a valid file with a wrong content)."""
    from employment.rules.bankfile import _line

    lines = data.decode().replace(old, new).splitlines(keepends=True)[:-1]
    body = "".join(lines)
    count = len(lines) - 1
    total = sum(Decimal(line.split(",")[3]) for line in lines[1:])
    return (body + _line(["T", str(count), f"{total:.2f}", hashlib.sha256(body.encode()).hexdigest()])).encode()


def test_return_files_that_do_not_hold_are_refused_whole(users, due):
    batch = released_batch(users["reviewer"], users["head"])
    good = bank_return(batch)
    _refused(users, batch, good.replace(b",PAID,", b",FAILED,", 1), "checksum")
    _refused(users, batch, _tamper(good, due["a"].reference, "UB999999XXXX"), "is not line")
    _refused(users, batch, _tamper(good, ",1980.00,", ",1980.01,"), "differs")
    _refused(users, batch, good.replace(batch.number.encode(), b"PB000000ICBC9999"), "checksum")
    _refused(users, batch, b"\x89PNG\r\n\x1a\n\x00\x00garbage", "not text")
    _refused(users, batch, "H,DYRET1,批次,ICBC\n".encode("gb18030"), "UTF-8")
    _refused(users, batch, b"hello,world\n" * 10, "header")
    _refused(users, batch, b"", "empty")
    _refused(users, batch, b"D," * (3 * 1024 * 1024), "larger than")
    # Paid, then the bank says failed: refused, the paid payment stays paid.
    batch_return_import(batch=batch, actor=users["reviewer"], data=good)
    _refused(users, batch, bank_return(batch, failed={due["a"].reference: ("ACCOUNT_CLOSED", "")}), "already")


def test_the_parser_reads_what_a_bank_writes(users, due):
    batch = released_batch(users["reviewer"], users["head"])
    parsed = return_file_parse(bank_return(batch, failed={due["b"].reference: ("ACCOUNT_FROZEN", "")}))
    assert parsed.batch_number == batch.number and len(parsed.rows) == 3
    failed = next(row for row in parsed.rows if not row.paid)
    assert (failed.reference, failed.reason_code, failed.paid_at) == (due["b"].reference, "ACCOUNT_FROZEN", None)


def test_results_reported_one_by_one_follow_the_batch(users, due):
    """The bank API (and a head's manual record) go through the batch: refused before release, then recorded on
    the line, a failure opening the task as a return file does."""
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    with pytest.raises(EmploymentError) as exc:
        payment_result_record(actor=users["head"], reference=due["a"].reference, status="paid")
    assert exc.value.code == "not_released"
    batch = batch_release(batch=batch, actor=users["head"])
    payment_result_record(actor=users["head"], reference=due["a"].reference, status="paid")
    payment_result_record(actor=users["head"], reference=due["b"].reference, status="failed", reason="销户")
    assert dict(batch.lines.values_list("reference", "result")) == {
        due["a"].reference: "paid", due["b"].reference: "failed", due["pension"].reference: "sent"}
    assert AccountCorrection.objects.filter(line__reference=due["b"].reference).exists()
    # The return file then agrees with what was recorded: only the pension is new.
    imported = batch_return_import(batch=batch, actor=users["reviewer"], data=bank_return(
        batch, failed={due["b"].reference: ("ACCOUNT_CLOSED", "销户")}))
    assert (imported.paid, imported.failed, imported.unchanged) == (1, 0, 2)
    # A payment in no batch is still recorded as before (a result the bank sent for it directly).
    payment_result_record(actor=users["head"], reference=due["boc"].reference, status="paid")
    assert Payment.objects.get(pk=due["boc"].pk).status == "paid"


@pytest.mark.parametrize(("number", "name", "words"), [
    ("6222 0202 0011 2233 445", None, None),
    ("62220202ab", None, "12 to 30 digits"),
    ("6222020200112233445", "别人", "registered name"),
])
def test_an_account_is_validated(users, number, name, words):
    person = PersonFactory()
    kwargs = {"actor": users["reviewer"], "person": person, "bank": "CCB", "number": number,
              "holder_name": name or person.name}
    if words is None:
        assert payee_account_set(**kwargs).number == "6222020200112233445"
        return
    with pytest.raises(EmploymentError) as exc:
        payee_account_set(**kwargs)
    assert words in exc.value.message


def test_a_district_prepares_for_its_own_area(users, due):
    with pytest.raises(EmploymentError):  # 东营区's reviewer sees none of 河口区's payees
        batch_prepare(actor=users["reviewer2"], bank="ICBC", month=this_month())
    assert User.objects.get(pk=users["reviewer2"].pk).office.code == "BACK-370502"


@pytest.mark.parametrize(("text", "code"), [
    ("工商银行", "ICBC"), ("中国农业银行东营分行", "ABC"), ("东营农商银行", "DYRCB"), ("东营银行", "DYB"),
    ("中国银行", "BOC"), ("建行", "CCB"), ("招商银行", ""), ("", "")])
def test_bank_names_as_applicants_write_them(text, code):
    from employment.rules.bankfile import bank_from_name

    assert bank_from_name(text) == code


def test_the_account_of_a_benefit_application_is_the_persons_payee_account(users, person, employer, system):
    from tests.employment.helpers import working_life
    from tests.employment.test_benefits import ACCOUNT, claim_benefit

    working_life(person, employer, actor=system, years=2)
    claim_benefit(users, person)  # the bank written as applicants do: 工商银行
    assert (person.payee_account.bank, person.payee_account.number, person.payee_account.holder_name) == (
        "ICBC", ACCOUNT, person.name)
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert batch.lines.get().payment.person == person


def test_a_failed_pension_month_waits_for_its_account_then_goes_again(users, due):
    batch = released_batch(users["reviewer"], users["head"])
    reference = due["pension"].reference
    batch_return_import(batch=batch, actor=users["reviewer"],
                        data=bank_return(batch, failed={reference: ("NO_SUCH_ACCOUNT", "")}))
    due["pension"].refresh_from_db()
    assert (due["pension"].status, due["pension"].failure_reason) == ("failed", "No such account")
    correction = AccountCorrection.objects.get(line__reference=reference)
    assert correction.person == due["pension"].pension.person and correction.case is None
    account(correction.person, users["head"], bank="DYB", number="6231000012345678")
    due["pension"].refresh_from_db()
    assert due["pension"].status == "pending"
    again = batch_prepare(actor=users["reviewer"], bank="DYB", month=this_month())
    assert list(again.lines.values_list("reference", "item", "fund")) == [(reference, "pension", "pension_fund")]


def test_a_suspended_pension_is_not_paid(users):
    from insurance.models import Pension

    suspended = pension(PersonFactory())
    Pension.objects.filter(pk=suspended.pk).update(status="suspended")
    assert pension_payments_generate(month=this_month()) == 0


def test_a_batch_withdrawn_before_release_frees_its_payments(users, due):
    from employment.services import payments_cancel
    from employment.services.batches import batch_withdraw

    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    payments_cancel(payments=Payment.objects.filter(pk=due["a"].pk), note="test")  # e.g. a suspension
    with pytest.raises(EmploymentError) as exc:
        batch_release(batch=batch, actor=users["head"])
    assert exc.value.code == "stale" and due["a"].reference in exc.value.message
    batch = batch_withdraw(batch=batch, actor=users["reviewer"])
    assert (batch.status, batch.withdrawn_by, batch.released_by) == ("withdrawn", users["reviewer"], None)
    assert set(batch.lines.values_list("result", flat=True)) == {"withdrawn"}
    again = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert sorted(again.lines.values_list("reference", flat=True)) == sorted(
        [due["b"].reference, due["pension"].reference])
    with pytest.raises(EmploymentError):
        batch_withdraw(batch=batch_release(batch=again, actor=users["head"]), actor=users["head"])


def test_a_payment_at_the_bank_is_not_cancelled_behind_its_back(users, due):
    from employment.services import payments_cancel

    released_batch(users["reviewer"], users["head"])
    assert payments_cancel(payments=Payment.objects.filter(pk=due["a"].pk), note="test") == 0
    assert Payment.objects.get(pk=due["a"].pk).status == "pending"


def test_a_hostile_payee_name_is_neutralised_in_the_bank_file():
    """Bank staff open these files in spreadsheets too: a name a spreadsheet would run stays text."""
    import csv
    import io
    from datetime import date

    from employment.rules.bankfile import PaymentRow, payment_file

    row = PaymentRow(seq=1, reference="SB1", account_number="6222020200112233445", payee_name="=HYPERLINK(\"x\")",
                     payee_code="370502198001011234", amount=Decimal("10.00"), item="benefit")
    text, _digest = payment_file(batch_number="B1", bank="ICBC", month=date(2026, 12, 1), rows=[row])
    detail = next(r for r in csv.reader(io.StringIO(text)) if r and r[0] == "D")
    assert detail[4] == "'=HYPERLINK(\"x\")"
    assert detail[3] == "6222020200112233445"
